/** A check against the database found a field wrong: shown next to that field. */
export class FieldError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

/** zod issues as { "friends.0.email": "message" }, first message per field. */
export function fieldErrorsFrom(issues: { path: PropertyKey[]; message: string }[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of issues) {
    const key = issue.path.map(String).join(".") || "form";
    out[key] ??= issue.message;
  }
  return out;
}

/**
 * A unique-constraint violation: another request wrote the same key first. As Prisma reports
 * it for a model query (P2002) or a raw one (P2010 with the database's code), and as
 * better-sqlite3 throws it for typed SQL on the connection (lib/db/sql.ts).
 */
export function isUniqueViolation(error: unknown): boolean {
  if (typeof error !== "object" || error === null) return false;
  type Cause = { kind?: unknown; originalCode?: unknown };
  const e = error as { code?: unknown; meta?: { driverAdapterError?: { cause?: Cause } }; cause?: Cause };
  if (e.code === "P2002" || e.code === "SQLITE_CONSTRAINT_UNIQUE" || e.code === "SQLITE_CONSTRAINT_PRIMARYKEY") return true;
  const cause = e.code === "P2010" ? e.meta?.driverAdapterError?.cause : e.cause;
  // 23505: PostgreSQL's unique_violation; 2067 and 1555: SQLite's UNIQUE and PRIMARY KEY.
  return cause?.kind === "UniqueConstraintViolation" || ["23505", "2067", "1555"].includes(String(cause?.originalCode));
}
