-- AlterTable
ALTER TABLE "Contact" ADD COLUMN "commentEmailsOptOutAt" DATETIME;

