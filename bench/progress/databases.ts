/** Benchmark databases: in-memory PGlite, or a fresh PostgreSQL database created and dropped around the run. */
import postgres from "postgres";
import { openDatabase, type Database } from "../../server/db/client.js";
import { POSTGRES_URL } from "./stats.js";

export type Driver = "pglite" | "postgres";

/** A migrated, empty database; `dispose` closes it and drops the PostgreSQL one. */
export async function benchDatabase(driver: Driver): Promise<Database & { dispose(): Promise<void> }> {
  if (driver === "pglite") {
    const database = await openDatabase({});
    return { ...database, dispose: () => database.close() };
  }
  const name = `trellis_bench_progress_${Date.now().toString(36)}`;
  const admin = postgres(POSTGRES_URL, { max: 1, onnotice: () => {} });
  await admin.unsafe(`CREATE DATABASE "${name}"`);
  const url = new URL(POSTGRES_URL);
  url.pathname = `/${name}`;
  const database = await openDatabase({ url: url.toString(), max: 10 });
  return {
    ...database,
    async dispose() {
      await database.close();
      await admin.unsafe(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await admin.end();
    },
  };
}

/** Whether the PostgreSQL server answers; the PostgreSQL half is skipped (and says so) when it does not. */
export async function postgresAvailable(): Promise<boolean> {
  const probe = postgres(POSTGRES_URL, { max: 1, connect_timeout: 3, onnotice: () => {} });
  try {
    await probe`select 1`;
    return true;
  } catch {
    return false;
  } finally {
    await probe.end({ timeout: 1 });
  }
}
