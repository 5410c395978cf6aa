import { z } from "zod";
import type { Db } from "../db";
import { CONFLICT, invalid, NOT_FOUND, TX_OPTIONS, type SaveOutcome } from "./edit";
import { checkbox, choice, ID_PATTERN, optionalText, text, wholeNumber } from "./fields";
import { photoPath, type PhotoUpload } from "./photo";

/**
 * Instructors and advisors, as /about and the program pages show them. Staff edit the name,
 * role, short bio, photo (with its alt text), the programs they teach, the order and whether
 * they are shown. One schema for the console form and the Server Action.
 */

export const PERSON_KINDS = ["instructor", "advisor"] as const;
export type PersonKind = (typeof PERSON_KINDS)[number];
export const PERSON_KIND_LABELS: Record<PersonKind, string> = { instructor: "Instructor", advisor: "Career advisor" };

export const INSTRUCTOR_LIMITS = { name: 100, role: 120, bio: 800, alt: 200, sortOrder: 999, programs: 20 } as const;

export const ALT_REQUIRED_MESSAGE = "Describe the photo for people who cannot see it.";

export const instructorSchema = z.object({
  kind: choice(PERSON_KINDS, "Choose instructor or career advisor."),
  name: text("the name", INSTRUCTOR_LIMITS.name),
  role: text("the role", INSTRUCTOR_LIMITS.role),
  bio: text("a short bio", INSTRUCTOR_LIMITS.bio, { multiline: true }),
  photoAlt: optionalText("the photo description", INSTRUCTOR_LIMITS.alt),
  removePhoto: checkbox,
  sortOrder: wholeNumber("the position", 0, INSTRUCTOR_LIMITS.sortOrder),
  published: checkbox,
  programIds: z
    .array(z.string().regex(ID_PATTERN, "Choose programs from the list."), { error: "Choose programs from the list." })
    .max(INSTRUCTOR_LIMITS.programs, "Choose fewer programs.")
    .transform((ids) => [...new Set(ids)]),
});
export type InstructorInput = z.output<typeof instructorSchema>;

export const INSTRUCTOR_FIELDS = ["kind", "name", "role", "bio", "photoAlt", "removePhoto", "sortOrder", "published"] as const;

/** The form's fields for the schema: the text fields, and every ticked program. */
export function instructorPost(formData: FormData): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of INSTRUCTOR_FIELDS) out[f] = formData.get(f) ?? undefined;
  out.programIds = formData.getAll("programIds").filter((v) => typeof v === "string");
  return out;
}

type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

async function programSlugs(tx: Tx, ids: string[]): Promise<string[] | null> {
  if (ids.length === 0) return [];
  const rows = await tx.program.findMany({ where: { id: { in: ids } }, select: { slug: true } });
  return rows.length === ids.length ? rows.map((r) => r.slug) : null;
}

/**
 * Creates (no `ref`) or saves an instructor from its form post and photo field. A new photo
 * replaces the old one (whose row is deleted); "remove photo" drops it. Alt text is required
 * whenever the person will have a photo.
 */
export async function saveInstructor(
  db: Db,
  ref: { id: string; version?: Date } | null,
  raw: Record<string, unknown>,
  photo: PhotoUpload,
): Promise<SaveOutcome> {
  const refuse = (field: string, message: string): SaveOutcome => ({ ok: false, reason: "invalid", fieldErrors: { [field]: message } });
  const parsed = instructorSchema.safeParse(raw);
  const photoError: Record<string, string> = photo.kind === "invalid" ? { photo: photo.message } : {};
  if (!parsed.success) return invalid(parsed.error, photoError);
  if (photo.kind === "invalid") return refuse("photo", photo.message);
  const { programIds, removePhoto, ...fields } = parsed.data;

  return db.$transaction(async (tx): Promise<SaveOutcome> => {
    const before = ref
      ? await tx.instructor.findUnique({ where: { id: ref.id }, include: { programs: { select: { program: { select: { slug: true } } } } } })
      : null;
    if (ref && !before) return NOT_FOUND;
    const willHavePhoto = photo.kind === "photo" || (!!before?.photoId && !removePhoto);
    if (willHavePhoto && !fields.photoAlt) return refuse("photoAlt", ALT_REQUIRED_MESSAGE);
    const slugs = await programSlugs(tx, programIds);
    if (!slugs) return refuse("programIds", "Choose programs from the list.");

    const newPhoto =
      photo.kind === "photo"
        ? await tx.personPhoto.create({ data: { contentType: photo.contentType, bytes: Buffer.from(photo.bytes), size: photo.bytes.byteLength } })
        : null;
    const photoId = newPhoto ? newPhoto.id : removePhoto ? null : (before?.photoId ?? null);
    const data = { ...fields, photoAlt: photoId ? fields.photoAlt : null, photoId };

    let id: string;
    if (ref && before) {
      const { count } = await tx.instructor.updateMany({ where: { id: ref.id, ...(ref.version ? { updatedAt: ref.version } : {}) }, data });
      if (count === 0) return CONFLICT;
      await tx.instructorProgram.deleteMany({ where: { instructorId: ref.id } });
      if (before.photoId && before.photoId !== photoId) await tx.personPhoto.delete({ where: { id: before.photoId } });
      id = ref.id;
    } else {
      id = (await tx.instructor.create({ data })).id;
    }
    if (programIds.length) await tx.instructorProgram.createMany({ data: programIds.map((programId) => ({ instructorId: id, programId })) });
    const oldSlugs = before?.programs.map((p) => p.program.slug) ?? [];
    return { ok: true, id, slugs: [...new Set([...oldSlugs, ...slugs])] } as const;
  }, TX_OPTIONS);
}

// ---------------------------------------------------------------------------------------
// Reading

export function listInstructorsForConsole(db: Db) {
  return db.instructor.findMany({
    orderBy: [{ kind: "desc" }, { sortOrder: "asc" }, { name: "asc" }],
    include: { programs: { select: { program: { select: { name: true } } } } },
  });
}

export function getInstructorForEditing(db: Db, id: string) {
  if (!ID_PATTERN.test(id)) return Promise.resolve(null);
  return db.instructor.findUnique({ where: { id }, include: { programs: { select: { programId: true } } } });
}

/** A person as the public pages show them (serialisable). */
export type PersonView = {
  id: string;
  kind: PersonKind;
  name: string;
  role: string;
  bio: string;
  photo: { src: string; alt: string } | null;
  programs: { name: string; slug: string }[];
};

const ORDER = [{ sortOrder: "asc" }, { name: "asc" }] as const;

type PersonRow = Awaited<ReturnType<typeof listPublishedRows>>[number];

function listPublishedRows(db: Db, where: object) {
  return db.instructor.findMany({
    where: { published: true, ...where },
    orderBy: [...ORDER],
    include: { programs: { where: { program: { published: true } }, select: { program: { select: { name: true, slug: true, sortOrder: true } } } } },
  });
}

function toView(p: PersonRow): PersonView {
  return {
    id: p.id,
    kind: p.kind === "advisor" ? "advisor" : "instructor",
    name: p.name,
    role: p.role,
    bio: p.bio,
    photo: p.photoId ? { src: photoPath(p.photoId), alt: p.photoAlt ?? "" } : null,
    programs: p.programs
      .map((x) => x.program)
      .sort((a, b) => a.sortOrder - b.sortOrder)
      .map(({ name, slug }) => ({ name, slug })),
  };
}

/** Everyone published, instructors first, then advisors; each in staff's order. */
export async function listPublishedPeople(db: Db): Promise<{ instructors: PersonView[]; advisors: PersonView[] }> {
  const people = (await listPublishedRows(db, {})).map(toView);
  return { instructors: people.filter((p) => p.kind === "instructor"), advisors: people.filter((p) => p.kind === "advisor") };
}

/** The published instructors who teach a program (by slug), for its page. */
export async function programInstructors(db: Db, slug: string): Promise<PersonView[]> {
  return (await listPublishedRows(db, { kind: "instructor", programs: { some: { program: { slug } } } })).map(toView);
}

/** A stored photo for the /photos route; null for an unknown id. */
export function getPhoto(db: Db, id: string) {
  if (!ID_PATTERN.test(id)) return Promise.resolve(null);
  return db.personPhoto.findUnique({ where: { id }, select: { contentType: true, bytes: true } });
}
