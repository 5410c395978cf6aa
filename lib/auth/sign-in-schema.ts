import { z } from "zod";

/** The staff sign-in form, shared by the browser and the server. */
export const signInSchema = z.object({
  email: z
    .string({ error: "Enter your email address." })
    .trim()
    .toLowerCase()
    .min(1, "Enter your email address.")
    .max(254)
    .email("Enter an email address like name@example.com."),
  password: z.string({ error: "Enter your password." }).min(1, "Enter your password.").max(128, "That password is too long."),
});

export type SignInState = {
  status: "idle" | "error";
  message?: string;
  fieldErrors?: Partial<Record<"email" | "password", string>>;
  email?: string;
};

/** Only same-site console paths; anything else goes to the dashboard. */
export function safeReturnPath(next: unknown): string {
  if (typeof next !== "string" || !next.startsWith("/") || next.startsWith("//") || next.includes("\\")) return "/console";
  return next.startsWith("/console") || next.startsWith("/mailbox") ? next : "/console";
}
