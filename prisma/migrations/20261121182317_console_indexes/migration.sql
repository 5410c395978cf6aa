-- DropIndex
DROP INDEX "Lead_createdAt_idx";

-- CreateIndex
CREATE INDEX "Lead_createdAt_id_idx" ON "Lead"("createdAt", "id");

-- CreateIndex
CREATE INDEX "Lead_createdAt_status_utmSource_article_cta_idx" ON "Lead"("createdAt", "status", "utmSource", "article", "cta");

-- CreateIndex
CREATE INDEX "Lead_firstContactedAt_createdAt_idx" ON "Lead"("firstContactedAt", "createdAt");

