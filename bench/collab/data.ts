/** Scratch databases for the benches (a fresh Postgres database, or PGlite in a temp dir), seeded for our server. */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import postgres from "postgres";
import { createSession, SESSION_COOKIE } from "../../server/auth/sessions.js";
import { ensureTierScheme } from "../../server/bootstrap.js";
import { openDatabase, type Database } from "../../server/db/client.js";
import { documents, memberships, schools, schoolTiers, users } from "../../server/db/schema/index.js";
import { POSTGRES_URL } from "./options.js";

export type Driver = "postgres" | "pglite";

/** A scratch database: the env a server child needs to use it, and a way to open it here. */
export interface BenchDatabase {
  driver: Driver;
  env: Record<string, string>;
  open(): Promise<Database>;
  dispose(): Promise<void>;
}

/** Creates an empty scratch database on the given driver. */
export async function benchDatabase(driver: Driver): Promise<BenchDatabase> {
  if (driver === "postgres") {
    if (!POSTGRES_URL) throw new Error("no Postgres configured (BENCH_DATABASE_URL or TEST_DATABASE_URL)");
    const name = `trellis_bench_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 6)}`;
    const admin = postgres(POSTGRES_URL, { max: 1, onnotice: () => {} });
    await admin.unsafe(`CREATE DATABASE "${name}"`);
    const url = new URL(POSTGRES_URL);
    url.pathname = `/${name}`;
    return {
      driver,
      env: { DATABASE_URL: url.toString() },
      open: () => openDatabase({ url: url.toString(), max: 10 }),
      async dispose() {
        await admin.unsafe(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
        await admin.end();
      },
    };
  }
  const dir = mkdtempSync(join(tmpdir(), "trellis-bench-"));
  return {
    driver,
    env: { DATA_DIR: dir },
    open: () => openDatabase({ dataDir: dir }),
    dispose: async () => rmSync(dir, { recursive: true, force: true }),
  };
}

/**
 * People signed in for the live workloads: the server caps sockets per person per document (8),
 * so fan-out's 51 sockets on one document are spread over this many people, as in a real room.
 */
const BENCH_PEOPLE = 16;

/**
 * Seeds one school, trust admins with sessions, and `count` documents; returns the first
 * person's cookie, every person's cookie and the ids.
 */
export async function seedDocuments(
  database: BenchDatabase,
  count: number,
): Promise<{ cookie: string; cookies: string[]; documentIds: string[]; userId: string; schoolId: string }> {
  const { db, close } = await database.open();
  try {
    await ensureTierScheme(db);
    const [school] = await db.insert(schools).values({ name: "Bench Academy", slug: `bench-${Date.now()}`, phase: "primary" }).returning();
    await db.insert(schoolTiers).values({ schoolId: school!.id, tier: 2, reason: "bench" });
    const [user] = await db.insert(users).values({ email: `bench-${Date.now()}@example.test`, name: "Bench Writer", passwordHash: null }).returning();
    await db.insert(memberships).values({ userId: user!.id, role: "trust_admin", schoolId: null });
    const documentIds: string[] = [];
    for (let i = 0; i < count; i += 250) {
      const rows = Array.from({ length: Math.min(250, count - i) }, (_, k) => ({
        schoolId: school!.id,
        kind: "single_plan",
        title: `Bench plan ${i + k}`,
        academicYear: "2026/27",
        term: "autumn",
      }));
      documentIds.push(...(await db.insert(documents).values(rows).returning({ id: documents.id })).map((r) => r.id));
    }
    const others = await db
      .insert(users)
      .values(Array.from({ length: BENCH_PEOPLE - 1 }, (_, i) => ({ email: `bench-${Date.now()}-${i}@example.test`, name: `Bench Reader ${i + 1}`, passwordHash: null })))
      .returning();
    await db.insert(memberships).values(others.map((u) => ({ userId: u.id, role: "trust_admin" as const, schoolId: null })));
    const cookies: string[] = [];
    for (const person of [user!, ...others]) cookies.push(`${SESSION_COOKIE}=${(await createSession(db, person.id)).token}`);
    return { cookie: cookies[0]!, cookies, documentIds, userId: user!.id, schoolId: school!.id };
  } finally {
    await close();
  }
}
