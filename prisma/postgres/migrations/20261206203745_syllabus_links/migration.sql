-- CreateTable
CREATE TABLE "SyllabusLink" (
    "id" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "leadId" TEXT NOT NULL,
    "contactId" TEXT NOT NULL,
    "programId" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "downloads" INTEGER NOT NULL DEFAULT 0,
    "lastDownloadedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SyllabusLink_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "SyllabusLink_tokenHash_key" ON "SyllabusLink"("tokenHash");

-- CreateIndex
CREATE INDEX "SyllabusLink_leadId_idx" ON "SyllabusLink"("leadId");

-- CreateIndex
CREATE INDEX "SyllabusLink_contactId_idx" ON "SyllabusLink"("contactId");

-- AddForeignKey
ALTER TABLE "SyllabusLink" ADD CONSTRAINT "SyllabusLink_leadId_fkey" FOREIGN KEY ("leadId") REFERENCES "Lead"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SyllabusLink" ADD CONSTRAINT "SyllabusLink_programId_fkey" FOREIGN KEY ("programId") REFERENCES "Program"("id") ON DELETE CASCADE ON UPDATE CASCADE;

