/** Test helpers: an isolated database per test file, a real server on an ephemeral port, sign-in. */
import postgres from "postgres";
import { openDatabase, type Database } from "../server/db/client.js";
import { testEnv, type Env } from "../server/env.js";
import { startServer, type RunningServer } from "../server/server.js";

/** Which database this run of the suite targets (set per vitest project). */
export const TEST_DRIVER = process.env.TRELLIS_TEST_DRIVER === "postgres" ? "postgres" : "pglite";

/**
 * A fresh, migrated database that no other test file sees: an in-memory PGlite, or a new
 * database on TEST_DATABASE_URL's server that is dropped on close.
 */
export async function createTestDatabase(): Promise<Database> {
  const url = process.env.TEST_DATABASE_URL;
  if (TEST_DRIVER !== "postgres" || !url) return openDatabase({});
  const name = `trellis_test_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = postgres(url, { max: 1, onnotice: () => {} });
  await admin.unsafe(`CREATE DATABASE "${name}"`);
  const dbUrl = new URL(url);
  dbUrl.pathname = `/${name}`;
  const database = await openDatabase({ url: dbUrl.toString(), max: 5 });
  return {
    ...database,
    async close() {
      await database.close();
      await admin.unsafe(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await admin.end();
    },
  };
}

/** Starts a real Trellis server on port 0 over the given (or a new) database. */
export async function startTestServer(
  options: { database?: Database; env?: Partial<Env>; clientDir?: string } = {},
): Promise<RunningServer & { closeAll(): Promise<void> }> {
  const database = options.database ?? (await createTestDatabase());
  const server = await startServer({
    env: testEnv({ PORT: 0, HOST: "127.0.0.1", ...options.env }),
    database,
    clientDir: options.clientDir ?? "/nonexistent",
  });
  return {
    ...server,
    async closeAll() {
      await server.stop();
      if (!options.database) await database.close();
    },
  };
}

/** Signs in over HTTP and returns the Cookie header value to send with later requests. */
export async function signIn(baseUrl: string, email: string, password: string): Promise<string> {
  const res = await fetch(`${baseUrl}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email, password }),
  });
  if (res.status !== 200) throw new Error(`sign-in failed for ${email}: ${res.status} ${await res.text()}`);
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith("trellis_session="));
  if (!cookie) throw new Error("no session cookie");
  return cookie.split(";")[0]!;
}

/** Retries an assertion until it passes or the time runs out; never a fixed sleep. */
export async function eventually<T>(check: () => T | Promise<T>, { timeout = 5000, interval = 20 } = {}): Promise<T> {
  const deadline = Date.now() + timeout;
  for (;;) {
    try {
      return await check();
    } catch (err) {
      if (Date.now() > deadline) throw err;
      await new Promise((r) => setTimeout(r, interval));
    }
  }
}

/** A JSON client for one person: `call("POST", "/api/...", body)`. */
export function apiAs(baseUrl: string, cookie = "") {
  return (method: string, path: string, body?: unknown) =>
    fetch(`${baseUrl}${path}`, {
      method,
      headers: { cookie, "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
}
