-- AlterTable
ALTER TABLE "LeadActivity" ADD COLUMN     "bulkChangeId" TEXT;

-- CreateTable
CREATE TABLE "BulkChange" (
    "id" TEXT NOT NULL,
    "actorId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "undoneAt" TIMESTAMP(3),

    CONSTRAINT "BulkChange_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BulkChangeLead" (
    "bulkChangeId" TEXT NOT NULL,
    "leadId" TEXT NOT NULL,
    "previousStatus" TEXT,
    "previousLostReason" TEXT,
    "previousOwnerId" TEXT,

    CONSTRAINT "BulkChangeLead_pkey" PRIMARY KEY ("bulkChangeId","leadId")
);

-- CreateTable
CREATE TABLE "LeadRead" (
    "userId" TEXT NOT NULL,
    "leadId" TEXT NOT NULL,
    "readAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "LeadRead_pkey" PRIMARY KEY ("userId","leadId")
);

-- CreateTable
CREATE TABLE "InboxMark" (
    "userId" TEXT NOT NULL,
    "seenAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "InboxMark_pkey" PRIMARY KEY ("userId")
);

-- CreateIndex
CREATE INDEX "BulkChange_actorId_createdAt_idx" ON "BulkChange"("actorId", "createdAt");

-- CreateIndex
CREATE INDEX "BulkChangeLead_leadId_idx" ON "BulkChangeLead"("leadId");

-- CreateIndex
CREATE INDEX "LeadRead_leadId_idx" ON "LeadRead"("leadId");

-- AddForeignKey
ALTER TABLE "BulkChange" ADD CONSTRAINT "BulkChange_actorId_fkey" FOREIGN KEY ("actorId") REFERENCES "user"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BulkChangeLead" ADD CONSTRAINT "BulkChangeLead_bulkChangeId_fkey" FOREIGN KEY ("bulkChangeId") REFERENCES "BulkChange"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BulkChangeLead" ADD CONSTRAINT "BulkChangeLead_leadId_fkey" FOREIGN KEY ("leadId") REFERENCES "Lead"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LeadRead" ADD CONSTRAINT "LeadRead_userId_fkey" FOREIGN KEY ("userId") REFERENCES "user"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LeadRead" ADD CONSTRAINT "LeadRead_leadId_fkey" FOREIGN KEY ("leadId") REFERENCES "Lead"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InboxMark" ADD CONSTRAINT "InboxMark_userId_fkey" FOREIGN KEY ("userId") REFERENCES "user"("id") ON DELETE CASCADE ON UPDATE CASCADE;

