import { loadDotEnv } from "../lib/load-env";
import { createDb } from "../lib/db";

loadDotEnv();
import { seedPrograms } from "../lib/content/seed-programs";

async function main() {
  const db = createDb();
  try {
    const result = await seedPrograms(db);
    console.log(`Seeded ${result.programs} programs, ${result.cohorts} cohorts, ${result.paymentOptions} payment options.`);
  } finally {
    await db.$disconnect();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
