/**
 * Lower-cased name keys stored on each lead so the console can search by the start of a
 * name or of a surname with an ordinary index (a range scan), on SQLite and PostgreSQL.
 */
export function nameSearchKeys(name: string | null | undefined): { searchName: string | null; searchLastName: string | null } {
  const normalized = (name ?? "").normalize("NFKC").toLowerCase().replace(/\s+/g, " ").trim();
  if (!normalized) return { searchName: null, searchLastName: null };
  const words = normalized.split(" ");
  return { searchName: normalized.slice(0, 100), searchLastName: words.length > 1 ? words[words.length - 1].slice(0, 100) : null };
}
