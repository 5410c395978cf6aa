-- CreateTable
CREATE TABLE "CtaDailyCount" (
    "id" TEXT NOT NULL,
    "day" TEXT NOT NULL,
    "article" TEXT NOT NULL,
    "cta" TEXT NOT NULL,
    "impressions" INTEGER NOT NULL DEFAULT 0,
    "clicks" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "CtaDailyCount_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "CtaDailyCount_day_article_cta_key" ON "CtaDailyCount"("day", "article", "cta");

