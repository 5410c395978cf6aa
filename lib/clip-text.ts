/** Clips to at most `max` UTF-16 units without cutting a character in half. */
export function clipText(value: string, max: number): string {
  let out = "";
  for (const ch of value.toWellFormed()) {
    if (out.length + ch.length > max) break;
    out += ch;
  }
  return out;
}
