/**
 * Masked names and addresses, for pages where a person sees the people they referred:
 * enough to recognise a friend, not enough to learn anything new about them.
 */
export function maskName(name: string | null | undefined): string {
  const words = (name ?? "").trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return "A friend";
  const [first, ...rest] = words;
  const head = Array.from(first);
  const masked = `${head[0]}${head.length > 1 ? "***" : ""}`;
  const last = rest.length ? ` ${Array.from(rest[rest.length - 1])[0]}.` : "";
  return masked + last;
}

export function maskEmail(address: string | null | undefined): string {
  if (!address) return "—";
  const at = address.lastIndexOf("@");
  if (at < 1) return "***";
  return `${Array.from(address.slice(0, at))[0]}***${address.slice(at)}`;
}
