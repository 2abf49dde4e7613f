/**
 * The benches' Hocuspocus anchor lives in its own install (bench/anchors/package.json), so the
 * app's `npm ci` does not carry a package that declares Node >= 22. This installs it on a bench's
 * first use, from npm's cache when it is there, and says so.
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const ANCHORS_DIR = fileURLToPath(new URL(".", import.meta.url));

/** The anchor server scripts, plain JS run by node from their own install. */
export const ANCHOR_SERVERS = {
  hocuspocus: join(ANCHORS_DIR, "hocuspocusServer.mjs"),
  hocuspocusRedis: join(ANCHORS_DIR, "hocuspocusRedisServer.mjs"),
} as const;

/** Installs bench/anchors' packages unless they are there already. */
export function ensureAnchors(): void {
  if (existsSync(join(ANCHORS_DIR, "node_modules", "@hocuspocus", "server"))) return;
  console.log("installing the Hocuspocus anchor into bench/anchors (once; npm warns that it wants Node 22, it runs on 20)");
  const npm = process.platform === "win32" ? "npm.cmd" : "npm";
  const result = spawnSync(npm, ["ci", "--prefer-offline", "--no-audit", "--no-fund", "--loglevel=error"], { cwd: ANCHORS_DIR, stdio: "inherit" });
  if (result.status !== 0) throw new Error(`npm ci in bench/anchors failed (${result.status ?? result.signal}); the Hocuspocus comparison needs it`);
}
