import { z } from "zod";
import type { Db } from "../db";
import { CONFLICT, invalid, NOT_FOUND, TX_OPTIONS, type SaveOutcome } from "./edit";
import { calendarDate, checkbox, ID_PATTERN, posted, text } from "./fields";

/**
 * Student stories, entered by staff. A story is shown only when the student's consent to
 * publish is recorded and staff have published it. The consent records who recorded it and
 * when; unticking it withdraws the consent (and takes the story down).
 *
 * These are the school's own testimonials, so they are never marked up as Review or
 * AggregateRating (self-serving reviews are not eligible), and they carry no rating.
 */

export const STORY_LIMITS = { name: 100, headline: 160, body: 3000 } as const;

export const storySchema = z
  .object({
    studentName: text("the student's name", STORY_LIMITS.name),
    programId: z.preprocess(posted, z.string().regex(ID_PATTERN, "Choose a program.")),
    storyDate: calendarDate("the date"),
    headline: text("a headline", STORY_LIMITS.headline),
    body: text("the story", STORY_LIMITS.body, { multiline: true }),
    consent: checkbox,
    published: checkbox,
  })
  .superRefine((s, ctx) => {
    if (s.published === true && s.consent !== true)
      ctx.addIssue({ code: "custom", path: ["published"], message: "A story can only be published with the student's consent recorded." });
  });
export type StoryInput = z.output<typeof storySchema>;

export const STORY_FIELDS = ["studentName", "programId", "storyDate", "headline", "body", "consent", "published"] as const;

/** Who recorded a consent, as stored with it. */
export type Recorder = { name: string; email: string };
const recorderLabel = (r: Recorder) => `${r.name} <${r.email}>`;

/**
 * Creates (no `ref`) or saves a story. Ticking consent records who and when (once: saving
 * again keeps the first record); unticking clears the record.
 */
export async function saveStory(
  db: Db,
  ref: { id: string; version?: Date } | null,
  raw: Record<string, unknown>,
  recorder: Recorder,
  now = new Date(),
): Promise<SaveOutcome> {
  const parsed = storySchema.safeParse(raw);
  if (!parsed.success) return invalid(parsed.error);
  const input = parsed.data;
  return db.$transaction(async (tx) => {
    const program = await tx.program.findUnique({ where: { id: input.programId }, select: { slug: true } });
    if (!program) return { ok: false, reason: "invalid", fieldErrors: { programId: "Choose a program." } } as const;
    const before = ref ? await tx.studentStory.findUnique({ where: { id: ref.id } }) : null;
    if (ref && !before) return NOT_FOUND;
    const consentRecord = input.consent
      ? before?.consent
        ? { consentRecordedAt: before.consentRecordedAt, consentRecordedBy: before.consentRecordedBy }
        : { consentRecordedAt: now, consentRecordedBy: recorderLabel(recorder) }
      : { consentRecordedAt: null, consentRecordedBy: null };
    const data = { ...input, ...consentRecord };
    if (ref) {
      const { count } = await tx.studentStory.updateMany({ where: { id: ref.id, ...(ref.version ? { updatedAt: ref.version } : {}) }, data });
      if (count === 0) return CONFLICT;
      return { ok: true, id: ref.id, slugs: [program.slug] } as const;
    }
    const story = await tx.studentStory.create({ data });
    return { ok: true, id: story.id, slugs: [program.slug] } as const;
  }, TX_OPTIONS);
}

export function listStoriesForConsole(db: Db) {
  return db.studentStory.findMany({ orderBy: [{ storyDate: "desc" }, { createdAt: "desc" }], include: { program: { select: { name: true } } } });
}

export function getStoryForEditing(db: Db, id: string) {
  if (!ID_PATTERN.test(id)) return Promise.resolve(null);
  return db.studentStory.findUnique({ where: { id } });
}

export type StoryView = { id: string; studentName: string; headline: string; body: string; storyDate: string; programName: string; programSlug: string };

/** The stories that may be shown: consent recorded and published, newest first. */
export async function listPublishedStories(db: Db): Promise<StoryView[]> {
  const rows = await db.studentStory.findMany({
    where: { published: true, consent: true, consentRecordedAt: { not: null }, program: { published: true } },
    orderBy: [{ storyDate: "desc" }, { createdAt: "desc" }],
    include: { program: { select: { name: true, slug: true } } },
  });
  return rows.map((s) => ({
    id: s.id,
    studentName: s.studentName,
    headline: s.headline,
    body: s.body,
    storyDate: s.storyDate.toISOString(),
    programName: s.program.name,
    programSlug: s.program.slug,
  }));
}
