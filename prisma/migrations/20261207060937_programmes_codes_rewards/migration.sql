-- AlterTable
ALTER TABLE "NewsletterSubscription" ADD COLUMN "confirmationSentAt" DATETIME;
ALTER TABLE "NewsletterSubscription" ADD COLUMN "confirmedAt" DATETIME;
ALTER TABLE "NewsletterSubscription" ADD COLUMN "topics" TEXT;

-- CreateTable
CREATE TABLE "DiscountCode" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "code" TEXT NOT NULL,
    "contactId" TEXT NOT NULL,
    "normalizedEmail" TEXT NOT NULL,
    "source" TEXT NOT NULL DEFAULT 'newsletter',
    "percent" INTEGER NOT NULL,
    "programSlugs" TEXT NOT NULL DEFAULT '[]',
    "singleUse" BOOLEAN NOT NULL DEFAULT true,
    "expiresAt" DATETIME NOT NULL,
    "usedOnLeadId" TEXT,
    "usedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "DiscountCode_contactId_fkey" FOREIGN KEY ("contactId") REFERENCES "Contact" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Reward" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "description" TEXT,
    "category" TEXT NOT NULL,
    "points" INTEGER NOT NULL,
    "stock" INTEGER,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "sortOrder" INTEGER NOT NULL DEFAULT 0,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Lead" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "contactId" TEXT NOT NULL,
    "formType" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'new',
    "name" TEXT,
    "email" TEXT,
    "phone" TEXT,
    "programSlug" TEXT,
    "cohortId" TEXT,
    "fields" TEXT NOT NULL,
    "consentVersion" TEXT,
    "consentText" TEXT,
    "consentAt" DATETIME,
    "privacyVersion" INTEGER,
    "termsVersion" INTEGER,
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
    "referredById" TEXT,
    "searchName" TEXT,
    "searchLastName" TEXT,
    "ownerId" TEXT,
    "lostReason" TEXT,
    "statusChangedAt" DATETIME,
    "firstContactedAt" DATETIME,
    "decision" TEXT,
    "decidedAt" DATETIME,
    "decidedById" TEXT,
    "submissionToken" TEXT,
    "revision" INTEGER NOT NULL DEFAULT 1,
    "discountCodeId" TEXT,
    "rewardId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Lead_contactId_fkey" FOREIGN KEY ("contactId") REFERENCES "Contact" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Lead_ownerId_fkey" FOREIGN KEY ("ownerId") REFERENCES "user" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Lead_decidedById_fkey" FOREIGN KEY ("decidedById") REFERENCES "user" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Lead_discountCodeId_fkey" FOREIGN KEY ("discountCodeId") REFERENCES "DiscountCode" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Lead_rewardId_fkey" FOREIGN KEY ("rewardId") REFERENCES "Reward" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Lead" ("article", "cohortId", "consentAt", "consentText", "consentVersion", "contactId", "createdAt", "cta", "decidedAt", "decidedById", "decision", "email", "fields", "firstContactedAt", "formType", "id", "landingPage", "lostReason", "name", "ownerId", "phone", "privacyVersion", "programSlug", "referralCode", "referredById", "referrerUrl", "revision", "searchLastName", "searchName", "status", "statusChangedAt", "submissionToken", "termsVersion", "updatedAt", "utmCampaign", "utmContent", "utmMedium", "utmSource", "utmTerm") SELECT "article", "cohortId", "consentAt", "consentText", "consentVersion", "contactId", "createdAt", "cta", "decidedAt", "decidedById", "decision", "email", "fields", "firstContactedAt", "formType", "id", "landingPage", "lostReason", "name", "ownerId", "phone", "privacyVersion", "programSlug", "referralCode", "referredById", "referrerUrl", "revision", "searchLastName", "searchName", "status", "statusChangedAt", "submissionToken", "termsVersion", "updatedAt", "utmCampaign", "utmContent", "utmMedium", "utmSource", "utmTerm" FROM "Lead";
DROP TABLE "Lead";
ALTER TABLE "new_Lead" RENAME TO "Lead";
CREATE UNIQUE INDEX "Lead_submissionToken_key" ON "Lead"("submissionToken");
CREATE INDEX "Lead_contactId_formType_createdAt_idx" ON "Lead"("contactId", "formType", "createdAt");
CREATE INDEX "Lead_formType_createdAt_idx" ON "Lead"("formType", "createdAt");
CREATE INDEX "Lead_status_createdAt_idx" ON "Lead"("status", "createdAt");
CREATE INDEX "Lead_createdAt_id_idx" ON "Lead"("createdAt", "id");
CREATE INDEX "Lead_createdAt_status_utmSource_article_cta_idx" ON "Lead"("createdAt", "status", "utmSource", "article", "cta");
CREATE INDEX "Lead_firstContactedAt_createdAt_idx" ON "Lead"("firstContactedAt", "createdAt");
CREATE INDEX "Lead_ownerId_createdAt_idx" ON "Lead"("ownerId", "createdAt");
CREATE INDEX "Lead_programSlug_createdAt_idx" ON "Lead"("programSlug", "createdAt");
CREATE INDEX "Lead_cohortId_createdAt_idx" ON "Lead"("cohortId", "createdAt");
CREATE INDEX "Lead_utmSource_createdAt_idx" ON "Lead"("utmSource", "createdAt");
CREATE INDEX "Lead_article_createdAt_idx" ON "Lead"("article", "createdAt");
CREATE INDEX "Lead_cta_createdAt_idx" ON "Lead"("cta", "createdAt");
CREATE INDEX "Lead_email_idx" ON "Lead"("email");
CREATE INDEX "Lead_phone_idx" ON "Lead"("phone");
CREATE INDEX "Lead_searchName_idx" ON "Lead"("searchName");
CREATE INDEX "Lead_searchLastName_idx" ON "Lead"("searchLastName");
CREATE INDEX "Lead_discountCodeId_idx" ON "Lead"("discountCodeId");
CREATE INDEX "Lead_rewardId_idx" ON "Lead"("rewardId");
CREATE TABLE "new_PointsEntry" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "contactId" TEXT NOT NULL,
    "amount" INTEGER NOT NULL,
    "bucket" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "leadId" TEXT,
    "friendContactId" TEXT,
    "key" TEXT NOT NULL,
    "termsVersion" INTEGER,
    "reversesId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "PointsEntry_contactId_fkey" FOREIGN KEY ("contactId") REFERENCES "Contact" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "PointsEntry_leadId_fkey" FOREIGN KEY ("leadId") REFERENCES "Lead" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "PointsEntry_friendContactId_fkey" FOREIGN KEY ("friendContactId") REFERENCES "Contact" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "PointsEntry_reversesId_fkey" FOREIGN KEY ("reversesId") REFERENCES "PointsEntry" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_PointsEntry" ("amount", "bucket", "contactId", "createdAt", "friendContactId", "id", "key", "leadId", "reason") SELECT "amount", "bucket", "contactId", "createdAt", "friendContactId", "id", "key", "leadId", "reason" FROM "PointsEntry";
DROP TABLE "PointsEntry";
ALTER TABLE "new_PointsEntry" RENAME TO "PointsEntry";
CREATE UNIQUE INDEX "PointsEntry_key_key" ON "PointsEntry"("key");
CREATE UNIQUE INDEX "PointsEntry_reversesId_key" ON "PointsEntry"("reversesId");
CREATE INDEX "PointsEntry_contactId_bucket_idx" ON "PointsEntry"("contactId", "bucket");
CREATE INDEX "PointsEntry_friendContactId_idx" ON "PointsEntry"("friendContactId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE UNIQUE INDEX "DiscountCode_code_key" ON "DiscountCode"("code");

-- CreateIndex
CREATE UNIQUE INDEX "DiscountCode_normalizedEmail_key" ON "DiscountCode"("normalizedEmail");

-- CreateIndex
CREATE UNIQUE INDEX "DiscountCode_usedOnLeadId_key" ON "DiscountCode"("usedOnLeadId");

-- CreateIndex
CREATE INDEX "DiscountCode_contactId_idx" ON "DiscountCode"("contactId");

-- CreateIndex
CREATE INDEX "Reward_active_sortOrder_idx" ON "Reward"("active", "sortOrder");


-- Data. Subscriptions made before double opt-in count as confirmed (they were sent their code
-- on sign-up), and their codes become DiscountCode rows under the default rules: 20% or the
-- percent they were given, every program, single use, valid for 90 days from this migration.
UPDATE "NewsletterSubscription" SET "confirmedAt" = "consentAt" WHERE "confirmedAt" IS NULL;
INSERT INTO "DiscountCode" ("id", "code", "contactId", "normalizedEmail", "source", "percent", "programSlugs", "singleUse", "expiresAt", "createdAt")
SELECT 'dc' || s."id", s."discountCode", s."contactId", c."email", 'newsletter', s."discountPercent", '[]', 1,
       strftime('%Y-%m-%dT%H:%M:%f+00:00', 'now', '+90 days'), s."createdAt"
FROM "NewsletterSubscription" s JOIN "Contact" c ON c."id" = s."contactId"
WHERE c."email" IS NOT NULL;
