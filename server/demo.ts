/**
 * `npm run demo`: builds the client when there is no build or its sources are newer than the
 * build (after a pull, say), loads the demo trust on first run (embedded PGlite in DATA_DIR unless
 * DATABASE_URL is set), then serves Trellis.
 */
import { join } from "node:path";
import { openDatabase } from "./db/client.js";
import { clientBuildIsStale } from "./clientBuild.js";
import { assertPortFree, exitIfPortTaken } from "./http/port.js";
import { loadEnv } from "./env.js";
import { ROOT } from "./paths.js";
import { DEMO_PASSWORD, demoLoginLines } from "./seed/demoTrust.js";
import { demoSeedOptions } from "./seed/options.js";
import { seedDemoTrust } from "./seed/seedDemo.js";
import { DEFAULT_CLIENT_DIR, startServer } from "./server.js";

const env = loadEnv();

const stale = clientBuildIsStale(ROOT, DEFAULT_CLIENT_DIR);
if (stale) {
  console.log(stale === "missing" ? "Building the client (first run only)..." : "The client's sources changed since the last build: building it again...");
  const { build } = await import("vite");
  await build({ configFile: join(ROOT, "vite.config.ts"), logLevel: "warn" });
}

// A taken port is one line, before the demo trust is loaded.
await assertPortFree(env.PORT, env.HOST).catch(exitIfPortTaken);
const database = await openDatabase({ url: env.DATABASE_URL, dataDir: env.DATA_DIR });
if (await seedDemoTrust(database.db, demoSeedOptions())) console.log("Loaded the demo trust.");
const running = await startServer({ env, database });

console.log(`\nTrellis demo: http://localhost:${running.port}`);
console.log(`Password for every demo login: ${DEMO_PASSWORD}`);
for (const line of demoLoginLines()) console.log(line);

for (const signal of ["SIGTERM", "SIGINT"] as const) {
  process.once(signal, async () => {
    await running.stop();
    await database.close();
    process.exit(0);
  });
}
