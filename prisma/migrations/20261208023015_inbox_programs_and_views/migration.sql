-- CreateTable
CREATE TABLE "LeadProgram" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "leadId" TEXT NOT NULL,
    "programSlug" TEXT NOT NULL,
    CONSTRAINT "LeadProgram_leadId_fkey" FOREIGN KEY ("leadId") REFERENCES "Lead" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "SavedView" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "query" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "SavedView_userId_fkey" FOREIGN KEY ("userId") REFERENCES "user" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "LeadProgram_programSlug_leadId_idx" ON "LeadProgram"("programSlug", "leadId");

-- CreateIndex
CREATE UNIQUE INDEX "LeadProgram_leadId_programSlug_key" ON "LeadProgram"("leadId", "programSlug");

-- CreateIndex
CREATE UNIQUE INDEX "SavedView_userId_name_key" ON "SavedView"("userId", "name");


-- Backfill (written by hand): every lead's program, and each course a quote request ticked.
-- Lead itself is only read, so the dashboard's rollup triggers on it are untouched.
INSERT OR IGNORE INTO "LeadProgram" ("id", "leadId", "programSlug")
SELECT "id" || ':' || "programSlug", "id", "programSlug" FROM "Lead" WHERE "programSlug" IS NOT NULL;

INSERT OR IGNORE INTO "LeadProgram" ("id", "leadId", "programSlug")
SELECT "Lead"."id" || ':' || "course"."value", "Lead"."id", "course"."value"
FROM "Lead", json_each("Lead"."fields", '$.courses') AS "course"
WHERE "Lead"."formType" = 'quote'
  AND json_valid("Lead"."fields")
  AND json_type("Lead"."fields", '$.courses') = 'array'
  AND "course"."type" = 'text';
