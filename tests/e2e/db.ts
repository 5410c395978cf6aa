import { createDb } from "../../lib/db";

/** The browser tests' own database (scripts/test-all.sh seeds it), opened for one check. */
const dbUrl = process.env.DATABASE_URL ?? "file:./prisma/e2e.db";

export async function withDb<T>(fn: (db: ReturnType<typeof createDb>) => Promise<T>): Promise<T> {
  const db = createDb(dbUrl);
  try {
    return await fn(db);
  } finally {
    await db.$disconnect();
  }
}
