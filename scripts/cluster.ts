/**
 * `npm run cluster`: Trellis as PROCESSES processes (default 3) on one PostgreSQL database and
 * one Redis behind HAProxy, for trying scale-out locally. Builds first if there is no build,
 * creates the database if it is missing, and stops everything on Ctrl-C. See the README.
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { Redis } from "ioredis";
import postgres from "postgres";
import { SERVER_BUNDLE, startCluster } from "../deploy/cluster.js";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const processes = Number(process.env.PROCESSES ?? 3);
const databaseUrl = process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/trellis";
const redisUrl = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
const frontPort = Number(process.env.PORT ?? 8080);

function fail(message: string): never {
  console.error(`cluster: ${message}`);
  process.exit(1);
}

if (!Number.isInteger(processes) || processes < 1 || processes > 32) fail(`PROCESSES must be a whole number from 1 to 32, not ${process.env.PROCESSES}`);
if (!Number.isInteger(frontPort) || frontPort < 1 || frontPort > 65535 - processes) fail(`PORT must be a port number, not ${process.env.PORT}`);
if (spawnSync("haproxy", ["-v"], { stdio: "ignore" }).error) fail("haproxy is not installed (on Debian: apt-get install haproxy)");

/** Creates the database named in the URL when the server has no such database yet. */
async function ensureDatabase(url: string): Promise<void> {
  const name = decodeURIComponent(new URL(url).pathname.slice(1));
  if (!name) return;
  const adminUrl = new URL(url);
  adminUrl.pathname = "/postgres";
  const admin = postgres(adminUrl.toString(), { max: 1, onnotice: () => {}, connect_timeout: 5 });
  try {
    const [found] = await admin`select 1 as ok from pg_database where datname = ${name}`;
    if (!found) {
      await admin.unsafe(`CREATE DATABASE "${name.replaceAll('"', '""')}"`);
      console.log(`cluster: created database ${name}`);
    }
  } catch (err) {
    fail(`cannot reach PostgreSQL at ${url} (${(err as Error).message}); set DATABASE_URL`);
  } finally {
    await admin.end({ timeout: 1 });
  }
}

async function checkRedis(url: string): Promise<void> {
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  redis.on("error", () => {});
  try {
    await redis.connect();
    await redis.ping();
  } catch (err) {
    fail(`cannot reach Redis at ${url} (${(err as Error).message}); start it (redis-server --daemonize yes) or set REDIS_URL`);
  } finally {
    redis.disconnect();
  }
}

if (!existsSync(SERVER_BUNDLE) || !existsSync(join(ROOT, "dist", "client", "index.html"))) {
  console.log("cluster: no build yet, running npm run build");
  const built = spawnSync("npm", ["run", "build"], { cwd: ROOT, stdio: "inherit" });
  if (built.status !== 0) fail("the build failed");
}
await ensureDatabase(databaseUrl);
await checkRedis(redisUrl);

const width = Math.max(7, `p${processes}`.length);
console.log(`cluster: starting ${processes} process${processes === 1 ? "" : "es"} on ports ${frontPort + 1}-${frontPort + processes} behind HAProxy on ${frontPort}`);
const cluster = await startCluster({
  processes,
  databaseUrl,
  redisUrl,
  frontPort,
  env: { NODE_ENV: "production", LOG_LEVEL: process.env.LOG_LEVEL ?? "info" },
  onOutput: (name, line) => console.log(`${name.padEnd(width)} | ${line}`),
  onExit: (name, code, signal) => console.log(`cluster: ${name} exited (${signal ?? `code ${code}`}); the others carry on`),
}).catch((err) => fail((err as Error).message));

console.log(`
Trellis is running as ${processes} processes behind HAProxy.
  Open            http://localhost:${frontPort}
  Processes       ${cluster.processes.map((p) => p.url).join("  ")}
  HAProxy config  ${cluster.configPath}
  Database        ${databaseUrl}
  Redis           ${redisUrl}
Kill one (kill -9 <pid>) and its editors reconnect to the others. Ctrl-C stops everything.
  pids            ${cluster.processes.map((p) => `${p.name}=${p.child.pid}`).join("  ")}
`);

let stopping = false;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    console.log("\ncluster: stopping (each process drains and flushes)...");
    void cluster.stop().then(() => {
      console.log("cluster: stopped");
      process.exit(0);
    });
  });
}
