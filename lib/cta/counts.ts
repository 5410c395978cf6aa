import type { Db } from "../db";
import { newId, sqlOutside } from "../db/sql";

export type CtaEvent = "impression" | "click";

/** The UTC day (YYYY-MM-DD) a hit at `now` is counted under. */
export const ctaDay = (now: Date) => now.toISOString().slice(0, 10);

/**
 * Adds one impression or click to the CTA's counter for the day: a single
 * INSERT … ON CONFLICT DO UPDATE (the same statement on SQLite and PostgreSQL), so hits on
 * any number of app servers at once each add exactly one.
 */
export async function recordCtaHit(db: Db, hit: { article: string; cta: string; event: CtaEvent; now: Date }): Promise<void> {
  const sql = sqlOutside(db);
  const impressions = hit.event === "impression" ? 1 : 0;
  await sql.run(
    sql.q
      .insertInto("CtaDailyCount")
      .values({ id: newId(), day: ctaDay(hit.now), article: hit.article, cta: hit.cta, impressions, clicks: 1 - impressions })
      .onConflict((oc) =>
        oc.columns(["day", "article", "cta"]).doUpdateSet((eb) => ({
          impressions: eb("CtaDailyCount.impressions", "+", eb.ref("excluded.impressions")),
          clicks: eb("CtaDailyCount.clicks", "+", eb.ref("excluded.clicks")),
        })),
      )
      .compile(),
  );
}
