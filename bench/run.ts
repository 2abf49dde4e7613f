/**
 * `npm run bench`: runs every bench/<area>/index.ts in turn, each in its own process so one
 * area's memory and CPU figures are not skewed by another's. Name areas to run only those:
 * `npm run bench -- collab progress`. These print figures and budget ratios; they never fail CI.
 */
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const benchDir = fileURLToPath(new URL(".", import.meta.url));
const wanted = process.argv.slice(2);
const areas = readdirSync(benchDir, { withFileTypes: true })
  .filter((e) => e.isDirectory() && existsSync(join(benchDir, e.name, "index.ts")))
  .map((e) => e.name)
  .filter((name) => wanted.length === 0 || wanted.includes(name))
  .sort();

if (areas.length === 0) {
  console.error(wanted.length ? `No benchmark areas named ${wanted.join(", ")}` : "No benchmarks found under bench/");
  process.exit(1);
}

let failed = 0;
for (const area of areas) {
  console.log(`\n=== bench/${area}`);
  const result = spawnSync(process.execPath, ["--import", "tsx", join(benchDir, area, "index.ts")], { stdio: "inherit", env: process.env });
  if (result.status !== 0) {
    failed++;
    console.error(`bench/${area} exited with ${result.status ?? result.signal}`);
  }
}
process.exit(failed ? 1 : 0);
