/**
 * Refuses (400) Server Action posts that no page of this app sends, before Next.js decodes
 * them: React's reply decoder answers 500 with a stack trace to hand-written bodies, before
 * any action code runs. lib/action-args.ts then checks the decoded arguments. What passes:
 * docs/security.md, "Tampered Server Action calls". No Next imports: proxy.ts calls it.
 */

const HEX_ID = /^[0-9a-f]{1,128}$/i;
/** React's escapes that stand for a value, not a reference to another part of the body. */
const PLAIN_ESCAPE = /^\$(?:\$[\s\S]*|undefined|NaN|Infinity|-Infinity|-0|D[\s\S]*|n-?\d{1,300})$/;
const FORM_DATA_REFERENCE = /^\$K[0-9a-f]{1,8}$/;
const MAX_DEPTH = 64;

/** Why a decoded reply root cannot come from this app's pages, or null. */
export function replyProblem(root: unknown, { formDataReferences }: { formDataReferences: boolean }): string | null {
  if (!Array.isArray(root)) return "the arguments are not a list";
  const stack: [unknown, number][] = [[root, 0]];
  while (stack.length) {
    const [value, depth] = stack.pop()!;
    if (depth > MAX_DEPTH) return "the arguments are nested too deeply";
    if (typeof value === "string") {
      if (value.startsWith("$") && !PLAIN_ESCAPE.test(value) && !(formDataReferences && FORM_DATA_REFERENCE.test(value))) {
        return `a ${JSON.stringify(value.slice(0, 2))} reference`;
      }
    } else if (value !== null && typeof value === "object") {
      for (const v of Object.values(value)) stack.push([v, depth + 1]);
    }
  }
  return null;
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

function rootProblem(text: unknown, formDataReferences: boolean): string | null {
  if (typeof text !== "string") return "no arguments part";
  const parsed = parseJson(text);
  return parsed.ok ? replyProblem(parsed.value, { formDataReferences }) : "arguments that are not JSON";
}

async function formOf(request: Request): Promise<FormData | null> {
  try {
    return await request.formData();
  } catch {
    return null;
  }
}

/** A form posted without JavaScript: which action, and its bound state. */
function formActionProblem(form: FormData): string | null {
  const keys = [...form.keys()].filter((k) => k.startsWith("$ACTION_ID_") || k.startsWith("$ACTION_REF_"));
  if (keys.length !== 1) return keys.length ? "several actions named" : "no action named";
  const key = keys[0];
  if (key.startsWith("$ACTION_ID_")) return HEX_ID.test(key.slice(11)) ? null : "a malformed action id";
  const prefix = `$ACTION_${key.slice(12)}:`;
  const meta = form.get(`${prefix}0`);
  const parsed = typeof meta === "string" ? parseJson(meta) : { ok: false as const };
  if (!parsed.ok || parsed.value === null || typeof parsed.value !== "object") return "no readable action reference";
  const { id, bound } = parsed.value as { id?: unknown; bound?: unknown };
  if (typeof id !== "string" || !HEX_ID.test(id)) return "a malformed action id";
  if (bound === null) return null;
  const part = typeof bound === "string" ? /^\$@([0-9a-f]{1,8})$/.exec(bound) : null;
  if (!part) return "a bound state that is not a reference to its part";
  return rootProblem(form.get(`${prefix}${parseInt(part[1], 16)}`), false);
}

/** Why a POST cannot be a Server Action call from this app's pages, or null (let Next have it). */
export async function actionPostProblem(request: Request): Promise<string | null> {
  if (request.method !== "POST") return null;
  const id = request.headers.get("next-action");
  const multipart = (request.headers.get("content-type") ?? "").toLowerCase().startsWith("multipart/form-data");
  if (id === null) {
    if (!multipart) return null; // not an action post: Next renders the page
    const form = await formOf(request);
    return form ? formActionProblem(form) : "an unreadable multipart body";
  }
  if (!HEX_ID.test(id)) return "a malformed action id";
  if (!multipart) return rootProblem(await request.text(), false);
  const form = await formOf(request);
  return form ? rootProblem(form.get("0"), true) : "an unreadable multipart body";
}

/** The answer to a refused post: 400, a plain sentence, and one log line (the input is the client's). */
export async function refuseUnreadableActionPost(request: Request): Promise<Response | null> {
  const problem = await actionPostProblem(request);
  if (!problem) return null;
  console.warn(`[actions] refused a post to ${new URL(request.url).pathname}: ${problem}`);
  return new Response("This form could not be read. Reload the page and send it again.\n", {
    status: 400,
    headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" },
  });
}
