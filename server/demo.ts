/**
 * `npm run demo`: builds the client when there is no build or its sources are newer than the
 * build (after a pull, say), loads the demo trust on first run (embedded PGlite in DATA_DIR unless
 * DATABASE_URL is set), then serves Trellis. The build and the seed each run in a process of
 * their own: memory a bundler or PGlite takes is never handed back to the system, and in the
 * server's process it doubled the demo's RSS for as long as it ran (818 MB against 463 MB
 * after a rebuild).
 */
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { openDatabase } from "./db/client.js";
import { clientBuildIsStale } from "./clientBuild.js";
import { assertPortFree, exitIfPortTaken } from "./http/port.js";
import { loadEnv } from "./env.js";
import { ROOT } from "./paths.js";
import { DEMO_PASSWORD, demoLoginLines } from "./seed/demoTrust.js";
import { DEFAULT_CLIENT_DIR, startServer } from "./server.js";

const env = loadEnv();

/** Runs one step in a child process with this one's environment; exits if it fails. */
function runStep(what: string, args: string[]): void {
  const result = spawnSync(process.execPath, args, { cwd: ROOT, env: process.env, stdio: "inherit" });
  if (result.status === 0) return;
  console.error(`${what} failed (${result.status ?? result.signal}); see above.`);
  process.exit(result.status || 1);
}

const stale = clientBuildIsStale(ROOT, DEFAULT_CLIENT_DIR);
if (stale) {
  console.log(stale === "missing" ? "Building the client (first run only)..." : "The client's sources changed since the last build: building it again...");
  runStep("Building the client", [join(ROOT, "node_modules", "vite", "bin", "vite.js"), "build", "--logLevel", "warn"]);
}

// A taken port is one line, before the demo trust is loaded.
await assertPortFree(env.PORT, env.HOST).catch(exitIfPortTaken);
runStep("Loading the demo trust", ["--import", "tsx", join(ROOT, "server", "seed", "cli.ts"), "--quiet"]);
const database = await openDatabase({ url: env.DATABASE_URL, dataDir: env.DATA_DIR });
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
