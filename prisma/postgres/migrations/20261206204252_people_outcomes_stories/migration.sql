-- CreateTable
CREATE TABLE "Instructor" (
    "id" TEXT NOT NULL,
    "kind" TEXT NOT NULL DEFAULT 'instructor',
    "name" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "bio" TEXT NOT NULL,
    "photoId" TEXT,
    "photoAlt" TEXT,
    "sortOrder" INTEGER NOT NULL DEFAULT 0,
    "published" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Instructor_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PersonPhoto" (
    "id" TEXT NOT NULL,
    "contentType" TEXT NOT NULL,
    "bytes" BYTEA NOT NULL,
    "size" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PersonPhoto_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "InstructorProgram" (
    "id" TEXT NOT NULL,
    "instructorId" TEXT NOT NULL,
    "programId" TEXT NOT NULL,

    CONSTRAINT "InstructorProgram_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OutcomeReport" (
    "id" TEXT NOT NULL,
    "programId" TEXT NOT NULL,
    "cohortLabel" TEXT NOT NULL,
    "periodStart" TIMESTAMP(3) NOT NULL,
    "periodEnd" TIMESTAMP(3) NOT NULL,
    "graduates" INTEGER NOT NULL,
    "jobSeeking" INTEGER NOT NULL,
    "hiredWithin90" INTEGER NOT NULL,
    "hiredWithin180" INTEGER NOT NULL,
    "salariesCents" TEXT NOT NULL DEFAULT '',
    "excludedNote" TEXT NOT NULL DEFAULT '',
    "methodology" TEXT NOT NULL,
    "sample" BOOLEAN NOT NULL DEFAULT false,
    "published" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "OutcomeReport_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "StudentStory" (
    "id" TEXT NOT NULL,
    "studentName" TEXT NOT NULL,
    "programId" TEXT NOT NULL,
    "storyDate" TIMESTAMP(3) NOT NULL,
    "headline" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "consent" BOOLEAN NOT NULL DEFAULT false,
    "consentRecordedAt" TIMESTAMP(3),
    "consentRecordedBy" TEXT,
    "published" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "StudentStory_pkey" PRIMARY KEY ("id")
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

-- AddForeignKey
ALTER TABLE "Instructor" ADD CONSTRAINT "Instructor_photoId_fkey" FOREIGN KEY ("photoId") REFERENCES "PersonPhoto"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InstructorProgram" ADD CONSTRAINT "InstructorProgram_instructorId_fkey" FOREIGN KEY ("instructorId") REFERENCES "Instructor"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InstructorProgram" ADD CONSTRAINT "InstructorProgram_programId_fkey" FOREIGN KEY ("programId") REFERENCES "Program"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OutcomeReport" ADD CONSTRAINT "OutcomeReport_programId_fkey" FOREIGN KEY ("programId") REFERENCES "Program"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StudentStory" ADD CONSTRAINT "StudentStory_programId_fkey" FOREIGN KEY ("programId") REFERENCES "Program"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

