/**
 * Trellis as a child process, run as `npm start` runs it (the compiled dist/server/index.mjs,
 * which `npm test` builds first), so tests can SIGKILL and SIGTERM the production server. Its data lives in a temp PGlite directory, or a fresh Postgres database when
 * the suite runs against TEST_DATABASE_URL.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import postgres from "postgres";
import { openDatabase, type Database } from "../../server/db/client.js";
import { eventually, TEST_DRIVER } from "../support.js";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const SERVER_BUNDLE = join(ROOT, "dist", "server", "index.mjs");

/** Where a child server keeps its data, openable from the test between runs. */
export interface ChildData {
  env: Record<string, string>;
  /** Opens the data from the test process (PGlite: only while no child runs). */
  open(): Promise<Database>;
  dispose(): Promise<void>;
}

/** A fresh data location for the current test driver. */
export async function childData(): Promise<ChildData> {
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (TEST_DRIVER === "postgres" && adminUrl) {
    const name = `trellis_child_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
    const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
    await admin.unsafe(`CREATE DATABASE "${name}"`);
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    return {
      env: { DATABASE_URL: url.toString() },
      open: () => openDatabase({ url: url.toString(), max: 2 }),
      async dispose() {
        await admin.unsafe(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
        await admin.end();
      },
    };
  }
  const dir = mkdtempSync(join(tmpdir(), "trellis-child-"));
  return {
    env: { DATA_DIR: dir },
    open: () => openDatabase({ dataDir: dir }),
    dispose: async () => rmSync(dir, { recursive: true, force: true }),
  };
}


/** A running child server. */
export interface Child {
  url: string;
  process: ChildProcess;
  /** Resolves with the exit code (null when killed by a signal) and the signal. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  stderr: () => string;
}

/** Starts the server as a child on `port` and waits until it answers HTTP. */
export async function startChild(data: ChildData, port: number, env: Record<string, string> = {}): Promise<Child> {
  if (!existsSync(SERVER_BUNDLE)) throw new Error(`${SERVER_BUNDLE} is missing: run \`npm run build:server\` (npm test does)`);
  const child = spawn(process.execPath, [SERVER_BUNDLE], {
    cwd: ROOT,
    env: { ...process.env, ...data.env, PORT: String(port), HOST: "127.0.0.1", LOG_LEVEL: "warn", NODE_ENV: "test", ...env },
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  child.stderr!.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once("exit", (code, signal) => resolve({ code, signal })),
  );
  const url = `http://127.0.0.1:${port}`;
  let gone = false;
  void exited.then(() => (gone = true));
  await eventually(
    async () => {
      if (gone) throw new Error(`child server exited during start:\n${stderr}`);
      const res = await fetch(`${url}/api/me`);
      if (res.status !== 401) throw new Error(`not ready: ${res.status}`);
    },
    { timeout: 30_000, interval: 100 },
  ).catch((err) => {
    child.kill("SIGKILL");
    throw err;
  });
  return { url, process: child, exited, stderr: () => stderr };
}
