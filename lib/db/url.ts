import path from "node:path";

/** The embedded default: one SQLite file inside the project. */
export const DEFAULT_DATABASE_URL = "file:./prisma/dev.db";

/**
 * DATABASE_URL, or the embedded SQLite default. Relative SQLite paths are resolved against
 * the project root (the working directory of every npm script), so the CLI, the seed, the
 * tests and `next start` all open the same file.
 */
export function resolveDatabaseUrl(env: NodeJS.ProcessEnv = process.env): string {
  const raw = env.DATABASE_URL?.trim() || DEFAULT_DATABASE_URL;
  if (!raw.startsWith("file:")) return raw;
  const file = raw.slice("file:".length);
  return "file:" + (path.isAbsolute(file) ? file : path.resolve(/*turbopackIgnore: true*/ process.cwd(), file));
}

export function isPostgresUrl(url: string): boolean {
  return /^postgres(ql)?:\/\//i.test(url);
}
