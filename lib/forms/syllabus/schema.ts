import { z } from "zod/mini";
import { consentBox, emailField, slug } from "../fields";

export { SYLLABUS_CONSENT } from "./options";

/** The syllabus request (/syllabus): the program, where to send the link, consent. Browser-safe. */
export const syllabusSchema = z.object({
  program: slug,
  email: emailField,
  consent: consentBox("Tick the box so we can email you the syllabus."),
});

export type SyllabusInput = z.infer<typeof syllabusSchema>;
