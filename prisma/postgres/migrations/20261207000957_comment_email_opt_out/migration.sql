-- AlterTable
ALTER TABLE "Contact" ADD COLUMN     "commentEmailsOptOutAt" TIMESTAMP(3);

