/**
 * Where the repo's files are (migrations, the built client), found from this module's own
 * location by walking up to package.json: the same answer from source under tsx and from the
 * compiled bundle in dist/server, which sit at different depths.
 */
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

function findRoot(from: string): string {
  for (let dir = dirname(fileURLToPath(from)); ; dir = dirname(dir)) {
    if (existsSync(join(dir, "package.json"))) return dir;
    if (dirname(dir) === dir) throw new Error(`no package.json above ${from}`);
  }
}

export const ROOT = findRoot(import.meta.url);
export const MIGRATIONS_DIR = join(ROOT, "migrations");
export const CLIENT_DIR = join(ROOT, "dist", "client");
