/** Durability throughput: how many updates a second the group-committed log stores, saturated. */
import { UpdateLog } from "../../server/collab/UpdateLog.js";
import { createLogger } from "../../server/logger.js";
import { benchDatabase, seedDocuments, type Driver } from "./data.js";
import { typeTrace } from "./typing.js";

/** Stored updates per second and the mean batch size, with the log kept saturated for `seconds`. */
export async function durability(driver: Driver, o: { seconds: number; documents: number }) {
  const database = await benchDatabase(driver);
  try {
    const { documentIds } = await seedDocuments(database, o.documents);
    const { db, close } = await database.open();
    const pool: Uint8Array[] = [];
    typeTrace(2000, (u) => pool.push(u));
    let stored = 0;
    const log = new UpdateLog(db, createLogger("warn"), { onStored: (_id, n) => (stored += n) });
    const started = performance.now();
    let i = 0;
    // Keep a backlog so the writer never waits for work; that measures the log, not the producer.
    while (performance.now() - started < o.seconds * 1000) {
      if (log.pending < 20_000) {
        for (let k = 0; k < 1000; k++, i++) log.append(documentIds[i % documentIds.length]!, pool[i % pool.length]!, null);
      }
      await new Promise((r) => setImmediate(r));
    }
    const storedAtDeadline = stored;
    const seconds = (performance.now() - started) / 1000;
    await log.flush();
    await close();
    return { updatesPerSecond: Math.round(storedAtDeadline / seconds), meanBatch: Math.round(log.totals.rows / Math.max(1, log.totals.batches)) };
  } finally {
    await database.dispose();
  }
}
