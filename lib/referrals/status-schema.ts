import { z } from "zod/mini";
import { emailField } from "../forms/fields";

/** The "see my link and points" form: one email address. Shared by the browser and the server. */
export const statusLinkSchema = z.object({ email: emailField });
