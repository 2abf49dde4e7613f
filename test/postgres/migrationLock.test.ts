/**
 * Two processes starting together on one fresh PostgreSQL database must not race their
 * migrations. Runs only in the postgres project: PGlite is one process's own database.
 */
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "../../server/db/client.js";

const url = process.env.TEST_DATABASE_URL as string;
const name = `trellis_migrate_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
const admin = postgres(url, { max: 1, onnotice: () => {} });
const dbUrl = new URL(url);
dbUrl.pathname = `/${name}`;

beforeAll(async () => {
  await admin.unsafe(`CREATE DATABASE "${name}"`);
});

afterAll(async () => {
  await admin.unsafe(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await admin.end();
});

describe("start-up migrations on PostgreSQL", () => {
  it("three processes opening an empty database at once all start, and the schema is applied once", async () => {
    const opened = await Promise.all([0, 1, 2].map(() => openDatabase({ url: dbUrl.toString(), max: 2 })));
    try {
      const client = postgres(dbUrl.toString(), { max: 1, onnotice: () => {} });
      const applied = await client`select count(*)::int as n from drizzle.__drizzle_migrations`;
      const journal = await import("../../migrations/meta/_journal.json", { with: { type: "json" } });
      expect(applied[0]?.n).toBe(journal.default.entries.length);
      await client.end();
    } finally {
      await Promise.all(opened.map((d) => d.close()));
    }
  });
});
