/**
 * `npm run progress:reextract`: rebuilds the progress tables from every document's stored Yjs
 * state. Run it with the server stopped (after a schema change, say): a document open in a running
 * server may hold edits from the last 100 ms that are not stored yet, and its room would not
 * rewrite rows it believes are already right.
 */
import { openDatabase } from "../db/client.js";
import { loadEnv } from "../env.js";
import { createLogger } from "../logger.js";
import { reextractAll } from "./reextract.js";

const env = loadEnv();
const logger = createLogger(env.LOG_LEVEL);
const database = await openDatabase({ url: env.DATABASE_URL, dataDir: env.DATA_DIR });
try {
  const started = performance.now();
  const result = await reextractAll(database.db, logger);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(
    `Re-extracted ${result.documents} documents (${result.blocks} blocks) in ${seconds} s: ` +
      `${result.written} rows written, ${result.deleted} soft-deleted, ${result.history} history rows appended.`,
  );
  if (result.failed.length) {
    console.error(`${result.failed.length} documents failed: ${result.failed.join(", ")}`);
    process.exitCode = 1;
  }
} finally {
  await database.close();
}
