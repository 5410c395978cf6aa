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

-- CreateTable
CREATE TABLE "Event" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "slug" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "programSlug" TEXT,
    "description" TEXT NOT NULL,
    "startsAt" DATETIME NOT NULL,
    "durationMinutes" INTEGER NOT NULL,
    "timeZone" TEXT NOT NULL,
    "onlineUrl" TEXT,
    "placeName" TEXT,
    "placeAddress" TEXT,
    "capacity" INTEGER NOT NULL,
    "seatsTaken" INTEGER NOT NULL DEFAULT 0,
    "published" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "EventRsvp" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "eventId" TEXT NOT NULL,
    "contactId" TEXT NOT NULL,
    "leadId" TEXT,
    "status" TEXT NOT NULL,
    "round" INTEGER NOT NULL DEFAULT 1,
    "waitlistedAt" DATETIME,
    "cancelledAt" DATETIME,
    "attendedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "EventRsvp_eventId_fkey" FOREIGN KEY ("eventId") REFERENCES "Event" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "EventRsvp_contactId_fkey" FOREIGN KEY ("contactId") REFERENCES "Contact" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "EventRsvp_leadId_fkey" FOREIGN KEY ("leadId") REFERENCES "Lead" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

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
CREATE UNIQUE INDEX "SyllabusLink_tokenHash_key" ON "SyllabusLink"("tokenHash");

-- CreateIndex
CREATE INDEX "SyllabusLink_leadId_idx" ON "SyllabusLink"("leadId");

-- CreateIndex
CREATE INDEX "SyllabusLink_contactId_idx" ON "SyllabusLink"("contactId");

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

-- CreateIndex
CREATE UNIQUE INDEX "Event_slug_key" ON "Event"("slug");

-- CreateIndex
CREATE INDEX "Event_published_startsAt_idx" ON "Event"("published", "startsAt");

-- CreateIndex
CREATE INDEX "EventRsvp_eventId_status_waitlistedAt_idx" ON "EventRsvp"("eventId", "status", "waitlistedAt");

-- CreateIndex
CREATE INDEX "EventRsvp_contactId_idx" ON "EventRsvp"("contactId");

-- CreateIndex
CREATE INDEX "EventRsvp_leadId_idx" ON "EventRsvp"("leadId");

-- CreateIndex
CREATE UNIQUE INDEX "EventRsvp_eventId_contactId_key" ON "EventRsvp"("eventId", "contactId");

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

