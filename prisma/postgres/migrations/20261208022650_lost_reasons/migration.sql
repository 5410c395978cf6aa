-- AlterTable
ALTER TABLE "Lead" ADD COLUMN     "lostReasonCode" TEXT;

-- AlterTable
ALTER TABLE "LeadActivity" ADD COLUMN     "reasonCode" TEXT;

-- CreateTable
CREATE TABLE "LostReason" (
    "id" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "label" TEXT NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "position" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "LostReason_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "LostReason_code_key" ON "LostReason"("code");


