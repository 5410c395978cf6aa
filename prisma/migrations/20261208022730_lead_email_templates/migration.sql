-- AlterTable
ALTER TABLE "EmailMessage" ADD COLUMN "replyTo" TEXT;

-- AlterTable
ALTER TABLE "user" ADD COLUMN "emailSignature" TEXT;

-- CreateTable
CREATE TABLE "LeadEmailTemplate" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "archivedAt" DATETIME,
    "updatedById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "LeadEmailTemplate_updatedById_fkey" FOREIGN KEY ("updatedById") REFERENCES "user" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "LeadEmailTemplate_archivedAt_name_idx" ON "LeadEmailTemplate"("archivedAt", "name");

-- CreateIndex
CREATE INDEX "LeadEmailTemplate_updatedById_idx" ON "LeadEmailTemplate"("updatedById");

