-- CreateTable
CREATE TABLE "Comment" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "articlePath" TEXT NOT NULL,
    "parentId" TEXT,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "flags" TEXT NOT NULL DEFAULT '[]',
    "authorName" TEXT NOT NULL,
    "email" TEXT,
    "website" TEXT,
    "body" TEXT NOT NULL,
    "advisorContact" BOOLEAN NOT NULL DEFAULT false,
    "contactId" TEXT,
    "leadId" TEXT,
    "staffUserId" TEXT,
    "submissionToken" TEXT,
    "ipHash" TEXT,
    "moderatedById" TEXT,
    "moderatedAt" DATETIME,
    "publishedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Comment_parentId_fkey" FOREIGN KEY ("parentId") REFERENCES "Comment" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Comment_contactId_fkey" FOREIGN KEY ("contactId") REFERENCES "Contact" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "Comment_submissionToken_key" ON "Comment"("submissionToken");

-- CreateIndex
CREATE INDEX "Comment_articlePath_status_idx" ON "Comment"("articlePath", "status");

-- CreateIndex
CREATE INDEX "Comment_status_createdAt_idx" ON "Comment"("status", "createdAt");

-- CreateIndex
CREATE INDEX "Comment_contactId_idx" ON "Comment"("contactId");

-- CreateIndex
CREATE INDEX "Comment_parentId_idx" ON "Comment"("parentId");

