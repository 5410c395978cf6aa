-- AlterTable
ALTER TABLE "Lead" ADD COLUMN     "privacyVersion" INTEGER,
ADD COLUMN     "termsVersion" INTEGER;

-- AlterTable
ALTER TABLE "LeadSubmission" ADD COLUMN     "privacyVersion" INTEGER,
ADD COLUMN     "termsVersion" INTEGER;

-- AlterTable
ALTER TABLE "NewsletterSubscription" ADD COLUMN     "privacyVersion" INTEGER;

