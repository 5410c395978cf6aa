-- AlterTable
ALTER TABLE "EmailMessage" ADD COLUMN "deliveredAt" DATETIME;
ALTER TABLE "EmailMessage" ADD COLUMN "failedAt" DATETIME;
ALTER TABLE "EmailMessage" ADD COLUMN "html" TEXT;
ALTER TABLE "EmailMessage" ADD COLUMN "lockedBy" TEXT;
ALTER TABLE "EmailMessage" ADD COLUMN "openedAt" DATETIME;
ALTER TABLE "EmailMessage" ADD COLUMN "subject" TEXT;
ALTER TABLE "EmailMessage" ADD COLUMN "text" TEXT;
ALTER TABLE "EmailMessage" ADD COLUMN "transport" TEXT;
ALTER TABLE "EmailMessage" ADD COLUMN "unsubscribeToken" TEXT;

-- CreateTable
CREATE TABLE "EmailEvent" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "externalId" TEXT NOT NULL,
    "messageId" TEXT,
    "type" TEXT NOT NULL,
    "detail" TEXT,
    "occurredAt" DATETIME NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "EmailEvent_messageId_fkey" FOREIGN KEY ("messageId") REFERENCES "EmailMessage" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "EmailSuppression" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "address" TEXT NOT NULL,
    "scope" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "detail" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE UNIQUE INDEX "EmailEvent_externalId_key" ON "EmailEvent"("externalId");

-- CreateIndex
CREATE INDEX "EmailEvent_messageId_idx" ON "EmailEvent"("messageId");

-- CreateIndex
CREATE UNIQUE INDEX "EmailSuppression_address_key" ON "EmailSuppression"("address");

-- CreateIndex
CREATE UNIQUE INDEX "EmailMessage_unsubscribeToken_key" ON "EmailMessage"("unsubscribeToken");

-- CreateIndex
CREATE UNIQUE INDEX "EmailMessage_providerId_key" ON "EmailMessage"("providerId");

-- CreateIndex
CREATE INDEX "EmailMessage_toAddress_idx" ON "EmailMessage"("toAddress");

