-- CreateTable
CREATE TABLE "LeadProgram" (
    "id" TEXT NOT NULL,
    "leadId" TEXT NOT NULL,
    "programSlug" TEXT NOT NULL,

    CONSTRAINT "LeadProgram_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SavedView" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "query" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SavedView_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "LeadProgram_programSlug_leadId_idx" ON "LeadProgram"("programSlug", "leadId");

-- CreateIndex
CREATE UNIQUE INDEX "LeadProgram_leadId_programSlug_key" ON "LeadProgram"("leadId", "programSlug");

-- CreateIndex
CREATE UNIQUE INDEX "SavedView_userId_name_key" ON "SavedView"("userId", "name");

-- AddForeignKey
ALTER TABLE "LeadProgram" ADD CONSTRAINT "LeadProgram_leadId_fkey" FOREIGN KEY ("leadId") REFERENCES "Lead"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SavedView" ADD CONSTRAINT "SavedView_userId_fkey" FOREIGN KEY ("userId") REFERENCES "user"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- Backfill (written by hand): every lead's program, and each course a quote request ticked.
INSERT INTO "LeadProgram" ("id", "leadId", "programSlug")
SELECT "id" || ':' || "programSlug", "id", "programSlug" FROM "Lead" WHERE "programSlug" IS NOT NULL
ON CONFLICT DO NOTHING;

INSERT INTO "LeadProgram" ("id", "leadId", "programSlug")
SELECT q."id" || ':' || course.value, q."id", course.value
FROM (SELECT "id", "fields"::jsonb AS f FROM "Lead" WHERE "formType" = 'quote') AS q,
     jsonb_array_elements_text(CASE WHEN jsonb_typeof(q.f -> 'courses') = 'array' THEN q.f -> 'courses' ELSE '[]'::jsonb END) AS course(value)
ON CONFLICT DO NOTHING;
