import { loadDotEnv } from "../lib/load-env";
import { createDb } from "../lib/db";

loadDotEnv();
import { seedPrograms } from "../lib/content/seed-programs";
import { seedPeople } from "../lib/people/seed";
import { seedEvents } from "../lib/events/seed-events";
import { seedRewards } from "../lib/referrals/catalogue";
import { seedCallTypes } from "../lib/console/call-types";
import { seedLostReasons } from "../lib/console/lost-reasons";
import { seedEmailTemplates } from "../lib/console/email-templates";

async function main() {
  const db = createDb();
  try {
    const result = await seedPrograms(db);
    console.log(`Seeded ${result.programs} programs, ${result.cohorts} cohorts, ${result.paymentOptions} payment options.`);
    const people = await seedPeople(db);
    console.log(`Seeded ${people.people} instructors and advisors, ${people.reports} sample outcomes reports.`);
    const events = await seedEvents(db);
    console.log(`Seeded ${events.events} sample events.`);
    const rewards = await seedRewards(db);
    console.log(`Seeded ${rewards.rewards} rewards in the referral catalogue.`);
    const calls = await seedCallTypes(db);
    console.log(`Seeded ${calls.callTypes} call types.`);
    const lost = await seedLostReasons(db);
    console.log(`Seeded ${lost.lostReasons} lost reasons.`);
    const templates = await seedEmailTemplates(db);
    console.log(`Seeded ${templates.templates} email templates for writing to leads.`);
  } finally {
    await db.$disconnect();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
