/** Whether the built client (dist/client) is missing or older than the sources it is built from. */
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";

/** What the client bundle is built from: its own sources, the shared code it imports, and the build's settings. */
const CLIENT_INPUTS = ["client", "shared", "vite.config.ts", "package-lock.json"];

/** The newest modification time under `path` (a file or a directory), in ms; 0 when it does not exist. */
export function newestModification(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path, { withFileTypes: true })) {
    if (entry.name === "node_modules" || entry.name.startsWith(".")) continue;
    newest = Math.max(newest, newestModification(join(path, entry.name)));
  }
  return newest;
}

/** "missing" with no build, "stale" when a source is newer than the build, otherwise null. */
export function clientBuildIsStale(root: string, clientDir: string): "missing" | "stale" | null {
  const index = join(clientDir, "index.html");
  if (!existsSync(index)) return "missing";
  const built = statSync(index).mtimeMs;
  return CLIENT_INPUTS.some((input) => newestModification(join(root, input)) > built) ? "stale" : null;
}
