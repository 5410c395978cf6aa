-- CreateTable
CREATE TABLE "LeadSubmission" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "leadId" TEXT NOT NULL,
    "contactId" TEXT NOT NULL,
    "revision" INTEGER NOT NULL,
    "name" TEXT,
    "email" TEXT,
    "phone" TEXT,
    "fields" TEXT NOT NULL,
    "consentVersion" TEXT,
    "consentText" TEXT,
    "consentAt" DATETIME,
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
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "LeadSubmission_leadId_fkey" FOREIGN KEY ("leadId") REFERENCES "Lead" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "LeadSubmission_contactId_fkey" FOREIGN KEY ("contactId") REFERENCES "Contact" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "OwnershipToken" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "tokenHash" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "contactId" TEXT,
    "purpose" TEXT NOT NULL,
    "payload" TEXT,
    "expiresAt" DATETIME NOT NULL,
    "usedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "OwnershipToken_contactId_fkey" FOREIGN KEY ("contactId") REFERENCES "Contact" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ReferralReview" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "friendContactId" TEXT NOT NULL,
    "referrerId" TEXT NOT NULL,
    "reasons" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "decidedAt" DATETIME,
    "decidedById" TEXT,
    "note" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ReferralReview_friendContactId_fkey" FOREIGN KEY ("friendContactId") REFERENCES "Contact" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "ReferralReview_referrerId_fkey" FOREIGN KEY ("referrerId") REFERENCES "Contact" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "ReferralReview_decidedById_fkey" FOREIGN KEY ("decidedById") REFERENCES "user" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Contact" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "email" TEXT,
    "phone" TEXT,
    "name" TEXT,
    "referralCode" TEXT NOT NULL,
    "referredById" TEXT,
    "inviteToken" TEXT,
    "respondedAt" DATETIME,
    "emailVerifiedAt" DATETIME,
    "nameSource" TEXT,
    "detailsConfirmedAt" DATETIME,
    "detailsConfirmedById" TEXT,
    "marketingOptOutAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Contact_referredById_fkey" FOREIGN KEY ("referredById") REFERENCES "Contact" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Contact_detailsConfirmedById_fkey" FOREIGN KEY ("detailsConfirmedById") REFERENCES "user" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Contact" ("createdAt", "email", "id", "inviteToken", "marketingOptOutAt", "name", "phone", "referralCode", "referredById", "respondedAt", "updatedAt") SELECT "createdAt", "email", "id", "inviteToken", "marketingOptOutAt", "name", "phone", "referralCode", "referredById", "respondedAt", "updatedAt" FROM "Contact";
DROP TABLE "Contact";
ALTER TABLE "new_Contact" RENAME TO "Contact";
CREATE UNIQUE INDEX "Contact_email_key" ON "Contact"("email");
CREATE UNIQUE INDEX "Contact_referralCode_key" ON "Contact"("referralCode");
CREATE UNIQUE INDEX "Contact_inviteToken_key" ON "Contact"("inviteToken");
CREATE INDEX "Contact_phone_idx" ON "Contact"("phone");
CREATE INDEX "Contact_referredById_idx" ON "Contact"("referredById");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

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
