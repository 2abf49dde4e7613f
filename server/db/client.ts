/** Opens the database: postgres.js when a URL is given, embedded PGlite otherwise. Migrations run here. */
import { mkdirSync } from "node:fs";
import { PGlite, types as pgliteTypes } from "@electric-sql/pglite";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import postgres from "postgres";
import { MIGRATIONS_DIR } from "../paths.js";
import * as schema from "./schema/index.js";

export type Schema = typeof schema;
/** The drizzle database, whichever driver is underneath. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;

export interface Database {
  db: Db;
  driver: "postgres" | "pglite";
  close(): Promise<void>;
}


export interface OpenOptions {
  /** A postgres:// URL; without one, PGlite is used. */
  url?: string;
  /** PGlite's data directory; omit for an in-memory database. */
  dataDir?: string;
  /** Connection pool size for postgres.js. */
  max?: number;
}

/** Any fixed key: every Trellis process that migrates takes this one advisory lock. */
const MIGRATION_LOCK_KEY = 72_616_001;

/**
 * Runs the migrations while holding a session advisory lock on a connection of its own, so two
 * processes starting together on one database migrate one after the other instead of racing to
 * create the same tables (the second finds the journal up to date and does nothing).
 */
async function migrateUnderLock(url: string, run: () => Promise<void>): Promise<void> {
  const lock = postgres(url, { max: 1, onnotice: () => {} });
  try {
    await lock`select pg_advisory_lock(${MIGRATION_LOCK_KEY})`;
    await run();
  } finally {
    await lock`select pg_advisory_unlock(${MIGRATION_LOCK_KEY})`.catch(() => undefined);
    await lock.end({ timeout: 5 });
  }
}

/**
 * PGlite's own bytea codec goes byte by byte in JavaScript (about 1 s for a 400 KB snapshot,
 * all of it on the event loop); Buffer's hex codec is native.
 */
const pgliteByteaCodec = {
  parsers: { [pgliteTypes.BYTEA]: (text: string) => Buffer.from(text.slice(2), "hex") },
  serializers: {
    [pgliteTypes.BYTEA]: (value: unknown) => {
      if (!(value instanceof Uint8Array)) throw new Error("Invalid input for bytea type");
      return `\\x${Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString("hex")}`;
    },
  },
};

/**
 * PGlite runs each statement on this thread and resolves it as a microtask, so a request's chain
 * of statements (a Word import's writes, a list's five queries, a transaction) never let the event
 * loop turn: at 5-15 ms a statement, a chain held it for 60-130 ms. One turn before each statement
 * keeps every stretch to one statement's work; another request's statements still wait their turn
 * in PGlite's own queue, so no transaction interleaves with another.
 */
function yieldBeforeEachStatement(client: PGlite): void {
  const stream = client.execProtocolStream.bind(client);
  client.execProtocolStream = async (message, options) => {
    await new Promise<void>((resolve) => setImmediate(resolve));
    return stream(message, options);
  };
}

/** Opens and migrates the database. */
export async function openDatabase(options: OpenOptions): Promise<Database> {
  if (options.url) {
    const client = postgres(options.url, { max: options.max ?? 10, onnotice: () => {} });
    const db = drizzlePostgres(client, { schema });
    await migrateUnderLock(options.url, () => migratePostgres(db, { migrationsFolder: MIGRATIONS_DIR }));
    return { db: db as unknown as Db, driver: "postgres", close: () => client.end({ timeout: 5 }) };
  }
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
  const client = new PGlite({ dataDir: options.dataDir, ...pgliteByteaCodec });
  const db = drizzlePglite(client, { schema });
  await migratePglite(db, { migrationsFolder: MIGRATIONS_DIR });
  yieldBeforeEachStatement(client);
  return { db: db as unknown as Db, driver: "pglite", close: () => client.close() };
}
