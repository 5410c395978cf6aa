-- AlterTable
ALTER TABLE "EmailMessage" ADD COLUMN "attachments" TEXT;

-- CreateTable
CREATE TABLE "CallType" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "durationMinutes" INTEGER NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "position" INTEGER NOT NULL DEFAULT 0,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "Advisor" (
    "userId" TEXT NOT NULL PRIMARY KEY,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "timeZone" TEXT NOT NULL,
    "weeklyHours" TEXT NOT NULL DEFAULT '[]',
    "bufferMinutes" INTEGER NOT NULL DEFAULT 10,
    "minNoticeMinutes" INTEGER NOT NULL DEFAULT 120,
    "horizonDays" INTEGER NOT NULL DEFAULT 21,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Advisor_userId_fkey" FOREIGN KEY ("userId") REFERENCES "user" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "AdvisorCallType" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "advisorId" TEXT NOT NULL,
    "callTypeId" TEXT NOT NULL,
    CONSTRAINT "AdvisorCallType_advisorId_fkey" FOREIGN KEY ("advisorId") REFERENCES "Advisor" ("userId") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "AdvisorCallType_callTypeId_fkey" FOREIGN KEY ("callTypeId") REFERENCES "CallType" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "AdvisorDateOff" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "advisorId" TEXT NOT NULL,
    "date" TEXT NOT NULL,
    "note" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "AdvisorDateOff_advisorId_fkey" FOREIGN KEY ("advisorId") REFERENCES "Advisor" ("userId") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ProgramAdvisorPin" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "programSlug" TEXT NOT NULL,
    "advisorId" TEXT NOT NULL,
    CONSTRAINT "ProgramAdvisorPin_advisorId_fkey" FOREIGN KEY ("advisorId") REFERENCES "Advisor" ("userId") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Booking" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "uid" TEXT NOT NULL,
    "sequence" INTEGER NOT NULL DEFAULT 0,
    "leadId" TEXT NOT NULL,
    "contactId" TEXT NOT NULL,
    "advisorId" TEXT NOT NULL,
    "callTypeId" TEXT NOT NULL,
    "programSlug" TEXT,
    "startsAt" DATETIME NOT NULL,
    "endsAt" DATETIME NOT NULL,
    "bufferMinutes" INTEGER NOT NULL,
    "visitorTimeZone" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'booked',
    "manageTokenHash" TEXT NOT NULL,
    "rescheduleCount" INTEGER NOT NULL DEFAULT 0,
    "cancelledAt" DATETIME,
    "cancelledBy" TEXT,
    "outcomeAt" DATETIME,
    "outcomeById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Booking_leadId_fkey" FOREIGN KEY ("leadId") REFERENCES "Lead" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Booking_contactId_fkey" FOREIGN KEY ("contactId") REFERENCES "Contact" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Booking_advisorId_fkey" FOREIGN KEY ("advisorId") REFERENCES "Advisor" ("userId") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Booking_callTypeId_fkey" FOREIGN KEY ("callTypeId") REFERENCES "CallType" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "BookingClaim" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "advisorId" TEXT NOT NULL,
    "block" INTEGER NOT NULL,
    "bookingId" TEXT NOT NULL,
    CONSTRAINT "BookingClaim_bookingId_fkey" FOREIGN KEY ("bookingId") REFERENCES "Booking" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "BookingVisit" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "visitorId" TEXT NOT NULL,
    "utmSource" TEXT,
    "utmMedium" TEXT,
    "utmCampaign" TEXT,
    "utmTerm" TEXT,
    "utmContent" TEXT,
    "referrerUrl" TEXT,
    "landingPage" TEXT,
    "article" TEXT,
    "cta" TEXT,
    "leadId" TEXT,
    "bookedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateIndex
CREATE UNIQUE INDEX "CallType_slug_key" ON "CallType"("slug");

-- CreateIndex
CREATE INDEX "AdvisorCallType_callTypeId_idx" ON "AdvisorCallType"("callTypeId");

-- CreateIndex
CREATE UNIQUE INDEX "AdvisorCallType_advisorId_callTypeId_key" ON "AdvisorCallType"("advisorId", "callTypeId");

-- CreateIndex
CREATE UNIQUE INDEX "AdvisorDateOff_advisorId_date_key" ON "AdvisorDateOff"("advisorId", "date");

-- CreateIndex
CREATE INDEX "ProgramAdvisorPin_advisorId_idx" ON "ProgramAdvisorPin"("advisorId");

-- CreateIndex
CREATE UNIQUE INDEX "ProgramAdvisorPin_programSlug_advisorId_key" ON "ProgramAdvisorPin"("programSlug", "advisorId");

-- CreateIndex
CREATE UNIQUE INDEX "Booking_uid_key" ON "Booking"("uid");

-- CreateIndex
CREATE UNIQUE INDEX "Booking_manageTokenHash_key" ON "Booking"("manageTokenHash");

-- CreateIndex
CREATE INDEX "Booking_advisorId_startsAt_idx" ON "Booking"("advisorId", "startsAt");

-- CreateIndex
CREATE INDEX "Booking_status_startsAt_idx" ON "Booking"("status", "startsAt");

-- CreateIndex
CREATE INDEX "Booking_startsAt_idx" ON "Booking"("startsAt");

-- CreateIndex
CREATE INDEX "Booking_leadId_idx" ON "Booking"("leadId");

-- CreateIndex
CREATE INDEX "Booking_contactId_idx" ON "Booking"("contactId");

-- CreateIndex
CREATE INDEX "BookingClaim_bookingId_idx" ON "BookingClaim"("bookingId");

-- CreateIndex
CREATE UNIQUE INDEX "BookingClaim_advisorId_block_key" ON "BookingClaim"("advisorId", "block");

-- CreateIndex
CREATE UNIQUE INDEX "BookingVisit_visitorId_key" ON "BookingVisit"("visitorId");

-- CreateIndex
CREATE INDEX "BookingVisit_createdAt_idx" ON "BookingVisit"("createdAt");

-- CreateIndex
CREATE INDEX "BookingVisit_utmSource_createdAt_idx" ON "BookingVisit"("utmSource", "createdAt");

