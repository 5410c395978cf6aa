/**
 * The app's Server Actions as Next registers them: every export of every `actions.ts`
 * (each file starts with "use server"). For tests that walk all of them.
 */
import { readdirSync, statSync } from "node:fs";
import path from "node:path";

const root = path.resolve(__dirname, "../..");

function actionFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return actionFiles(full);
    return name === "actions.ts" ? [full] : [];
  });
}

/**
 * Imports every `actions.ts` below `dir` (relative to the repository, e.g. "app/(console)")
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
