import type { Db } from "../db";

/** Every program (published or not), as the editors' program choices. */
export async function programChoices(db: Db) {
  const rows = await db.program.findMany({ orderBy: [{ sortOrder: "asc" }, { name: "asc" }], select: { id: true, name: true, published: true } });
  return rows.map((p) => ({ value: p.id, label: p.published ? p.name : `${p.name} (hidden)` }));
}
