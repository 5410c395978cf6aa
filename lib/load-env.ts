import { existsSync } from "node:fs";

/**
 * Loads `.env` into process.env for command-line tools (Prisma's CLI skips it when a
 * prisma.config.ts exists; Next loads it by itself). Variables already set win.
 */
export function loadDotEnv(file = ".env"): void {
  if (existsSync(file)) process.loadEnvFile(file);
}
