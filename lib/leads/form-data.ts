/**
 * Turns a posted form into a plain object the schemas can read:
 * - `friends.0.email` becomes { friends: [{ email }] } (indexes are bounded);
 * - a name posted several times (checkbox groups) becomes an array;
 * - files are ignored. Keys React adds for Server Actions (`$ACTION_…`) are skipped.
 */
const MAX_INDEX = 50;
const MAX_FIELDS = 200;

export function formDataToObject(formData: FormData): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  let count = 0;
  for (const [key, value] of formData.entries()) {
    if (typeof value !== "string" || key.startsWith("$ACTION") || ++count > MAX_FIELDS) continue;
    const parts = key.split(".");
    if (parts.length === 3 && /^\d+$/.test(parts[1])) {
      const [list, index, field] = [parts[0], Number(parts[1]), parts[2]];
      if (index >= MAX_INDEX || isUnsafeKey(list) || isUnsafeKey(field)) continue;
      const arr = (Object.hasOwn(out, list) && Array.isArray(out[list]) ? out[list] : (out[list] = [])) as Record<string, string>[];
      arr[index] = { ...(arr[index] ?? {}), [field]: value };
      continue;
    }
    if (parts.length !== 1 || isUnsafeKey(key)) continue;
    // Own properties only: a field called "toString" must not find Object.prototype's.
    const prev = Object.hasOwn(out, key) ? out[key] : undefined;
    out[key] = prev === undefined ? value : Array.isArray(prev) ? [...prev, value] : [prev, value];
  }
  for (const [k, v] of Object.entries(out)) if (Array.isArray(v)) out[k] = v.filter((x) => x !== undefined);
  return out;
}

function isUnsafeKey(key: string) {
  return key === "__proto__" || key === "constructor" || key === "prototype" || key === "";
}
