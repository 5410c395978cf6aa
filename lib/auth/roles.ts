/**
 * Who may do what in the staff console. Every page, route handler and Server Action checks
 * one of these on the server before doing anything.
 */
export const ROLES = ["admin", "staff"] as const;
export type Role = (typeof ROLES)[number];

export const PERMISSIONS = {
  /** Read the inbox, a lead, the dashboard, referrals, subscribers, the outbox. */
  "leads:read": ["admin", "staff"],
  /** Move a lead along the pipeline, assign it, add notes. */
  "leads:work": ["admin", "staff"],
  "leads:export": ["admin", "staff"],
  /** The pipeline's lists: add, rename, reorder and retire the lost reasons (/console/leads/lost-reasons). */
  "pipeline:edit": ["admin", "staff"],
  /** Approve or reject points redemptions. */
  "referrals:decide": ["admin", "staff"],
  /** A discount code's rules (percentage, expiry, single use, programs). The defaults for new codes are a setting. */
  "codes:edit": ["admin", "staff"],
  /** Programs, cohorts and prices shown on the public pages. */
  "content:edit": ["admin", "staff"],
  /** The templates staff write to leads with (/console/email-templates). */
  "templates:edit": ["admin", "staff"],
  /** Retry failed emails. */
  "email:retry": ["admin", "staff"],
  /** Staff accounts and roles. */
  "staff:manage": ["admin"],
  /** Console settings such as notification recipients. */
  "settings:manage": ["admin"],
  /** Export or erase everything stored about one person. */
  "privacy:manage": ["admin"],
  /** Approve, reject, mark as spam and reply to article comments. */
  "comments:moderate": ["admin", "staff"],
  /** Take booked calls: become an advisor, set one's own hours, dates off and call types. */
  "calls:take": ["admin", "staff"],
  /** Set any staff member's availability and pin programs to advisors. */
  "calls:assign": ["admin"],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

export function isRole(value: unknown): value is Role {
  return typeof value === "string" && (ROLES as readonly string[]).includes(value);
}

/** A user's role as stored (Better Auth's admin plugin may hold "admin,staff"); unknown means none. */
export function roleOf(stored: string | null | undefined): Role | null {
  const roles = (stored ?? "").split(",").map((r) => r.trim());
  if (roles.includes("admin")) return "admin";
  if (roles.includes("staff")) return "staff";
  return null;
}

export function can(role: Role | null, permission: Permission): boolean {
  return role !== null && (PERMISSIONS[permission] as readonly Role[]).includes(role);
}
