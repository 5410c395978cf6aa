-- AlterTable
ALTER TABLE "Contact" ADD COLUMN     "detailsConfirmedAt" TIMESTAMP(3),
ADD COLUMN     "detailsConfirmedById" TEXT,
ADD COLUMN     "emailVerifiedAt" TIMESTAMP(3),
ADD COLUMN     "nameSource" TEXT;

-- CreateTable
CREATE TABLE "LeadSubmission" (
    "id" TEXT NOT NULL,
    "leadId" TEXT NOT NULL,
    "contactId" TEXT NOT NULL,
    "revision" INTEGER NOT NULL,
    "name" TEXT,
    "email" TEXT,
    "phone" TEXT,
    "fields" TEXT NOT NULL,
    "consentVersion" TEXT,
    "consentText" TEXT,
    "consentAt" TIMESTAMP(3),
    "utmSource" TEXT,
    "utmMedium" TEXT,
    "utmCampaign" TEXT,
    "utmTerm" TEXT,
    "utmContent" TEXT,
    "referrerUrl" TEXT,
    "landingPage" TEXT,
    "article" TEXT,
    "cta" TEXT,
    "referralCode" TEXT,
    "ipHash" TEXT,
    "visitorId" TEXT,
    "submissionToken" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "LeadSubmission_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OwnershipToken" (
    "id" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "contactId" TEXT,
    "purpose" TEXT NOT NULL,
    "payload" TEXT,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "usedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "OwnershipToken_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReferralReview" (
    "id" TEXT NOT NULL,
    "friendContactId" TEXT NOT NULL,
    "referrerId" TEXT NOT NULL,
    "reasons" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "decidedAt" TIMESTAMP(3),
    "decidedById" TEXT,
    "note" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ReferralReview_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "LeadSubmission_submissionToken_key" ON "LeadSubmission"("submissionToken");

-- CreateIndex
CREATE INDEX "LeadSubmission_contactId_createdAt_idx" ON "LeadSubmission"("contactId", "createdAt");

-- CreateIndex
CREATE INDEX "LeadSubmission_ipHash_createdAt_idx" ON "LeadSubmission"("ipHash", "createdAt");

-- CreateIndex
CREATE INDEX "LeadSubmission_visitorId_createdAt_idx" ON "LeadSubmission"("visitorId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "LeadSubmission_leadId_revision_key" ON "LeadSubmission"("leadId", "revision");

-- CreateIndex
CREATE UNIQUE INDEX "OwnershipToken_tokenHash_key" ON "OwnershipToken"("tokenHash");

-- CreateIndex
CREATE INDEX "OwnershipToken_email_purpose_createdAt_idx" ON "OwnershipToken"("email", "purpose", "createdAt");

-- CreateIndex
CREATE INDEX "OwnershipToken_contactId_idx" ON "OwnershipToken"("contactId");

-- CreateIndex
CREATE UNIQUE INDEX "ReferralReview_friendContactId_key" ON "ReferralReview"("friendContactId");

-- CreateIndex
CREATE INDEX "ReferralReview_status_createdAt_idx" ON "ReferralReview"("status", "createdAt");

-- CreateIndex
CREATE INDEX "ReferralReview_referrerId_idx" ON "ReferralReview"("referrerId");

-- AddForeignKey
ALTER TABLE "Contact" ADD CONSTRAINT "Contact_detailsConfirmedById_fkey" FOREIGN KEY ("detailsConfirmedById") REFERENCES "user"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LeadSubmission" ADD CONSTRAINT "LeadSubmission_leadId_fkey" FOREIGN KEY ("leadId") REFERENCES "Lead"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LeadSubmission" ADD CONSTRAINT "LeadSubmission_contactId_fkey" FOREIGN KEY ("contactId") REFERENCES "Contact"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OwnershipToken" ADD CONSTRAINT "OwnershipToken_contactId_fkey" FOREIGN KEY ("contactId") REFERENCES "Contact"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReferralReview" ADD CONSTRAINT "ReferralReview_friendContactId_fkey" FOREIGN KEY ("friendContactId") REFERENCES "Contact"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReferralReview" ADD CONSTRAINT "ReferralReview_referrerId_fkey" FOREIGN KEY ("referrerId") REFERENCES "Contact"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReferralReview" ADD CONSTRAINT "ReferralReview_decidedById_fkey" FOREIGN KEY ("decidedById") REFERENCES "user"("id") ON DELETE SET NULL ON UPDATE CASCADE;


-- Backfill: each existing lead keeps its stored submission (the values of its latest revision).
INSERT INTO "LeadSubmission" ("id", "leadId", "contactId", "revision", "name", "email", "phone", "fields", "consentVersion", "consentText", "consentAt", "utmSource", "utmMedium", "utmCampaign", "utmTerm", "utmContent", "referrerUrl", "landingPage", "article", "cta", "referralCode", "submissionToken", "createdAt")
SELECT 'sub_' || "id", "id", "contactId", "revision", "name", "email", "phone", "fields", "consentVersion", "consentText", "consentAt", "utmSource", "utmMedium", "utmCampaign", "utmTerm", "utmContent", "referrerUrl", "landingPage", "article", "cta", "referralCode", "submissionToken", "createdAt"
FROM "Lead";

-- A named contact with a lead of their own has a name from a submission, and a contact named
-- only by a referrer has the name the referrer typed.
UPDATE "Contact" SET "nameSource" = CASE
  WHEN EXISTS (SELECT 1 FROM "Lead" l WHERE l."contactId" = "Contact"."id") THEN 'submission'
  ELSE 'referrer'
END
WHERE "name" IS NOT NULL;
