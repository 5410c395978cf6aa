-- CreateTable
CREATE TABLE "SyllabusLink" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "tokenHash" TEXT NOT NULL,
    "leadId" TEXT NOT NULL,
    "contactId" TEXT NOT NULL,
    "programId" TEXT NOT NULL,
    "expiresAt" DATETIME NOT NULL,
    "downloads" INTEGER NOT NULL DEFAULT 0,
    "lastDownloadedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "SyllabusLink_leadId_fkey" FOREIGN KEY ("leadId") REFERENCES "Lead" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "SyllabusLink_programId_fkey" FOREIGN KEY ("programId") REFERENCES "Program" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "SyllabusLink_tokenHash_key" ON "SyllabusLink"("tokenHash");

-- CreateIndex
CREATE INDEX "SyllabusLink_leadId_idx" ON "SyllabusLink"("leadId");

-- CreateIndex
CREATE INDEX "SyllabusLink_contactId_idx" ON "SyllabusLink"("contactId");

