/**
 * Builds the servers under test into plain JS with esbuild (dependencies left external), so
 * ours runs the way Hocuspocus ships: compiled, not transpiled on the fly by tsx, whose loader
 * alone adds about 100 MB to a process that imports the whole app.
 * The bundle sits two levels under a temp root that links the repo's package.json, migrations,
 * assets (the PDF fonts) and node_modules, so the server finds them there as it does in the repo.
 */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const REPO = fileURLToPath(new URL("../..", import.meta.url));

/** Source entry of each server the benches run, relative to the repo. */
export const ENTRIES = {
  trellis: "server/index.ts",
  "collab-only": "bench/collab/collabOnlyServer.ts",
  eventLoopProbe: "bench/collab/eventLoopProbe.ts",
} as const;

/** Worker threads the servers start by file name next to their bundle, as `npm run build:server` names them. */
const WORKERS = {
  exportWorker: "server/export/renderWorker.ts",
  importWorker: "server/import/conversionWorker.ts",
} as const;

let built: Promise<string> | null = null;

/** Builds every entry once per bench run; resolves to the directory holding `<entry>.mjs`. */
export function serverBuild(): Promise<string> {
  built ??= (async () => {
    const root = mkdtempSync(join(tmpdir(), "trellis-bench-build-"));
    process.once("exit", () => rmSync(root, { recursive: true, force: true }));
    const out = join(root, "build", "servers");
    mkdirSync(out, { recursive: true });
    symlinkSync(join(REPO, "package.json"), join(root, "package.json"));
    symlinkSync(join(REPO, "migrations"), join(root, "migrations"));
    symlinkSync(join(REPO, "assets"), join(root, "assets"));
    symlinkSync(join(REPO, "node_modules"), join(root, "build", "node_modules"));
    await build({
      entryPoints: Object.fromEntries(Object.entries({ ...ENTRIES, ...WORKERS }).map(([name, path]) => [name, join(REPO, path)])),
      outdir: out,
      outExtension: { ".js": ".mjs" },
      bundle: true,
      packages: "external",
      platform: "node",
      format: "esm",
      target: "node20",
      logLevel: "error",
    });
    return out;
  })();
  return built;
}
