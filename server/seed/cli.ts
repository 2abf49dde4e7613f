/** `npm run seed:demo`: loads the demo trust into the configured database. */
import { openDatabase } from "../db/client.js";
import { loadEnv } from "../env.js";
import { DEMO_PASSWORD, DEMO_PEOPLE } from "./demoTrust.js";
import { demoSeedOptions } from "./options.js";
import { seedDemoTrust } from "./seedDemo.js";

const env = loadEnv();
const database = await openDatabase({ url: env.DATABASE_URL, dataDir: env.DATA_DIR });
try {
  const seeded = await seedDemoTrust(database.db, demoSeedOptions());
  console.log(seeded ? "Demo trust loaded." : "The demo trust is already loaded; nothing changed.");
  console.log(`Sign in with any of these, password ${DEMO_PASSWORD}:`);
  for (const p of DEMO_PEOPLE.slice(0, 7)) console.log(`  ${p.email.padEnd(34)} ${p.role}`);
} finally {
  await database.close();
}
