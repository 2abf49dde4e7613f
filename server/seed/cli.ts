/**
 * `npm run seed:demo`: loads the demo trust into the configured database. `--quiet` (as
 * `npm run demo` runs it, printing the logins itself) says only whether it loaded anything.
 */
import { openDatabase } from "../db/client.js";
import { loadEnv } from "../env.js";
import { DEMO_PASSWORD, demoLoginLines } from "./demoTrust.js";
import { demoSeedOptions } from "./options.js";
import { seedDemoTrust } from "./seedDemo.js";

const env = loadEnv();
const quiet = process.argv.includes("--quiet");
const database = await openDatabase({ url: env.DATABASE_URL, dataDir: env.DATA_DIR });
try {
  const seeded = await seedDemoTrust(database.db, demoSeedOptions());
  if (quiet) {
    if (seeded) console.log("Loaded the demo trust.");
  } else {
    console.log(seeded ? "Demo trust loaded." : "The demo trust is already loaded; nothing changed.");
    console.log(`Sign in with any of these, password ${DEMO_PASSWORD}:`);
    for (const line of demoLoginLines()) console.log(line);
  }
} finally {
  await database.close();
}
