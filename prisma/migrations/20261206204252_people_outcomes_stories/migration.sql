-- CreateTable
CREATE TABLE "Instructor" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "kind" TEXT NOT NULL DEFAULT 'instructor',
    "name" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "bio" TEXT NOT NULL,
    "photoId" TEXT,
    "photoAlt" TEXT,
    "sortOrder" INTEGER NOT NULL DEFAULT 0,
    "published" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Instructor_photoId_fkey" FOREIGN KEY ("photoId") REFERENCES "PersonPhoto" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "PersonPhoto" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "contentType" TEXT NOT NULL,
    "bytes" BLOB NOT NULL,
    "size" INTEGER NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "InstructorProgram" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "instructorId" TEXT NOT NULL,
    "programId" TEXT NOT NULL,
    CONSTRAINT "InstructorProgram_instructorId_fkey" FOREIGN KEY ("instructorId") REFERENCES "Instructor" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "InstructorProgram_programId_fkey" FOREIGN KEY ("programId") REFERENCES "Program" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "OutcomeReport" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "programId" TEXT NOT NULL,
    "cohortLabel" TEXT NOT NULL,
    "periodStart" DATETIME NOT NULL,
    "periodEnd" DATETIME NOT NULL,
    "graduates" INTEGER NOT NULL,
    "jobSeeking" INTEGER NOT NULL,
    "hiredWithin90" INTEGER NOT NULL,
    "hiredWithin180" INTEGER NOT NULL,
    "salariesCents" TEXT NOT NULL DEFAULT '',
    "excludedNote" TEXT NOT NULL DEFAULT '',
    "methodology" TEXT NOT NULL,
    "sample" BOOLEAN NOT NULL DEFAULT false,
    "published" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "OutcomeReport_programId_fkey" FOREIGN KEY ("programId") REFERENCES "Program" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "StudentStory" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "studentName" TEXT NOT NULL,
    "programId" TEXT NOT NULL,
    "storyDate" DATETIME NOT NULL,
    "headline" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "consent" BOOLEAN NOT NULL DEFAULT false,
    "consentRecordedAt" DATETIME,
    "consentRecordedBy" TEXT,
    "published" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "StudentStory_programId_fkey" FOREIGN KEY ("programId") REFERENCES "Program" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "Instructor_photoId_key" ON "Instructor"("photoId");

-- CreateIndex
CREATE INDEX "Instructor_published_sortOrder_idx" ON "Instructor"("published", "sortOrder");

-- CreateIndex
CREATE INDEX "InstructorProgram_programId_idx" ON "InstructorProgram"("programId");

-- CreateIndex
CREATE UNIQUE INDEX "InstructorProgram_instructorId_programId_key" ON "InstructorProgram"("instructorId", "programId");

-- CreateIndex
CREATE INDEX "OutcomeReport_programId_periodEnd_idx" ON "OutcomeReport"("programId", "periodEnd");

-- CreateIndex
CREATE INDEX "StudentStory_published_storyDate_idx" ON "StudentStory"("published", "storyDate");

