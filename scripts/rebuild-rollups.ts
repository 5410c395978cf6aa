/**
 * Re-installs the dashboard's rollup triggers and recounts the rollups from "Lead"
 * (lib/console/rollup-sql.ts). Safe to run at any time; docs/console.md, "Dashboard".
 *
 *   npm run db:rebuild-rollups            # the database in DATABASE_URL
 */
import { createDb } from "../lib/db";
import { rebuildRollups } from "../lib/console/rollup-sql";
import { loadDotEnv } from "../lib/load-env";

loadDotEnv();
const db = createDb();
const t0 = performance.now();
rebuildRollups(db)
  .then(({ leads }) =>
    console.log(
      `Rebuilt the dashboard rollups from ${leads.toLocaleString("en-US")} ${leads === 1 ? "lead" : "leads"} in ${((performance.now() - t0) / 1000).toFixed(1)} s.`,
    ),
  )
  .finally(() => db.$disconnect());
