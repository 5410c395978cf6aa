-- AlterTable
ALTER TABLE "LeadActivity" ADD COLUMN "bulkChangeId" TEXT;

-- CreateTable
CREATE TABLE "BulkChange" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "actorId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL,
    "undoneAt" DATETIME,
    CONSTRAINT "BulkChange_actorId_fkey" FOREIGN KEY ("actorId") REFERENCES "user" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "BulkChangeLead" (
    "bulkChangeId" TEXT NOT NULL,
    "leadId" TEXT NOT NULL,
    "previousStatus" TEXT,
    "previousLostReason" TEXT,
    "previousOwnerId" TEXT,

    PRIMARY KEY ("bulkChangeId", "leadId"),
    CONSTRAINT "BulkChangeLead_bulkChangeId_fkey" FOREIGN KEY ("bulkChangeId") REFERENCES "BulkChange" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "BulkChangeLead_leadId_fkey" FOREIGN KEY ("leadId") REFERENCES "Lead" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "LeadRead" (
    "userId" TEXT NOT NULL,
    "leadId" TEXT NOT NULL,
    "readAt" DATETIME NOT NULL,

    PRIMARY KEY ("userId", "leadId"),
    CONSTRAINT "LeadRead_userId_fkey" FOREIGN KEY ("userId") REFERENCES "user" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "LeadRead_leadId_fkey" FOREIGN KEY ("leadId") REFERENCES "Lead" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "InboxMark" (
    "userId" TEXT NOT NULL PRIMARY KEY,
    "seenAt" DATETIME NOT NULL,
    CONSTRAINT "InboxMark_userId_fkey" FOREIGN KEY ("userId") REFERENCES "user" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "BulkChange_actorId_createdAt_idx" ON "BulkChange"("actorId", "createdAt");

-- CreateIndex
CREATE INDEX "BulkChangeLead_leadId_idx" ON "BulkChangeLead"("leadId");

-- CreateIndex
CREATE INDEX "LeadRead_leadId_idx" ON "LeadRead"("leadId");

