import { z } from "zod/mini";
import { emailField } from "../forms/fields";

/** "Manage my emails": one email address, to send the ownership link to. Shared by the browser and the server. */
export const manageLinkSchema = z.object({ email: emailField });
