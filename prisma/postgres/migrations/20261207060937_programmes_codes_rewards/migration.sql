-- AlterTable
ALTER TABLE "Lead" ADD COLUMN     "discountCodeId" TEXT,
ADD COLUMN     "rewardId" TEXT;

-- AlterTable
ALTER TABLE "PointsEntry" ADD COLUMN     "reversesId" TEXT,
ADD COLUMN     "termsVersion" INTEGER;

-- AlterTable
ALTER TABLE "NewsletterSubscription" ADD COLUMN     "confirmationSentAt" TIMESTAMP(3),
ADD COLUMN     "confirmedAt" TIMESTAMP(3),
ADD COLUMN     "topics" TEXT;

-- CreateTable
CREATE TABLE "DiscountCode" (
    "id" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "contactId" TEXT NOT NULL,
    "normalizedEmail" TEXT NOT NULL,
    "source" TEXT NOT NULL DEFAULT 'newsletter',
    "percent" INTEGER NOT NULL,
    "programSlugs" TEXT NOT NULL DEFAULT '[]',
    "singleUse" BOOLEAN NOT NULL DEFAULT true,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "usedOnLeadId" TEXT,
    "usedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DiscountCode_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Reward" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT,
    "category" TEXT NOT NULL,
    "points" INTEGER NOT NULL,
    "stock" INTEGER,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "sortOrder" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Reward_pkey" PRIMARY KEY ("id")
);

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

-- CreateIndex
CREATE INDEX "Lead_discountCodeId_idx" ON "Lead"("discountCodeId");

-- CreateIndex
CREATE INDEX "Lead_rewardId_idx" ON "Lead"("rewardId");

-- CreateIndex
CREATE UNIQUE INDEX "PointsEntry_reversesId_key" ON "PointsEntry"("reversesId");

-- AddForeignKey
ALTER TABLE "Lead" ADD CONSTRAINT "Lead_discountCodeId_fkey" FOREIGN KEY ("discountCodeId") REFERENCES "DiscountCode"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Lead" ADD CONSTRAINT "Lead_rewardId_fkey" FOREIGN KEY ("rewardId") REFERENCES "Reward"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PointsEntry" ADD CONSTRAINT "PointsEntry_reversesId_fkey" FOREIGN KEY ("reversesId") REFERENCES "PointsEntry"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DiscountCode" ADD CONSTRAINT "DiscountCode_contactId_fkey" FOREIGN KEY ("contactId") REFERENCES "Contact"("id") ON DELETE RESTRICT ON UPDATE CASCADE;


-- Data. Subscriptions made before double opt-in count as confirmed (they were sent their code
-- on sign-up), and their codes become DiscountCode rows under the default rules: 20% or the
-- percent they were given, every program, single use, valid for 90 days from this migration.
UPDATE "NewsletterSubscription" SET "confirmedAt" = "consentAt" WHERE "confirmedAt" IS NULL;
INSERT INTO "DiscountCode" ("id", "code", "contactId", "normalizedEmail", "source", "percent", "programSlugs", "singleUse", "expiresAt", "createdAt")
SELECT 'dc' || s."id", s."discountCode", s."contactId", c."email", 'newsletter', s."discountPercent", '[]', true,
       CURRENT_TIMESTAMP + interval '90 days', s."createdAt"
FROM "NewsletterSubscription" s JOIN "Contact" c ON c."id" = s."contactId"
WHERE c."email" IS NOT NULL;
