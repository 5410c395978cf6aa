import { INSTRUCTOR_LIMITS, PERSON_KIND_LABELS, PERSON_KINDS } from "@/lib/people/instructors";
import { PHOTO_MAX_BYTES } from "@/lib/people/photo";

/** The editor's constants, passed to the client form as props (lib/people is server-side). */
export const INSTRUCTOR_EDITOR = {
  kindOptions: PERSON_KINDS.map((k) => ({ value: k, label: PERSON_KIND_LABELS[k] })),
  limits: INSTRUCTOR_LIMITS,
  photoHint: `A JPEG, PNG or WebP image under ${PHOTO_MAX_BYTES / 1024} KB, ideally square and upright (a JPEG's camera data, location included, is removed). Without one, the person's initials are shown.`,
};
