/**
 * The app's Server Actions as Next registers them: every export of every module that starts
 * with "use server" (`actions.ts`, and others such as leads/bulk-actions.ts). For tests that
 * walk all of them.
 */
import { readFileSync, readdirSync, statSync } from "node:fs";
import path from "node:path";

const root = path.resolve(__dirname, "../..");

function actionFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return actionFiles(full);
    return /\.tsx?$/.test(name) && /^\s*["']use server["']/.test(readFileSync(full, "utf8")) ? [full] : [];
  });
}

/**
 * Imports every "use server" module below `dir` (relative to the repository, e.g. "app/(console)")
 * and returns each export keyed "file#export", the file relative to the repository.
 */
export async function importServerActions(dir: string): Promise<Map<string, unknown>> {
  const actions = new Map<string, unknown>();
  for (const file of actionFiles(path.join(root, dir))) {
    const mod = (await import(file)) as Record<string, unknown>;
    for (const [name, value] of Object.entries(mod)) actions.set(`${path.relative(root, file)}#${name}`, value);
  }
  return actions;
}
