/**
 * Child entry: Trellis's collab server alone (rooms, upgrade auth, the update log on Postgres)
 * on a bare HTTP server, without the rest of the app. It shows the room server's own footprint
 * next to Hocuspocus's, apart from what the API, PGlite and the shared schemas add to the full process.
 */
import { createServer } from "node:http";
import { drizzle } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import { createCollab } from "../../server/collab/index.js";
import type { Db } from "../../server/db/client.js";
import * as schema from "../../server/db/schema/index.js";
import { loadEnv } from "../../server/env.js";
import { createLogger } from "../../server/logger.js";

const env = loadEnv();
if (!env.DATABASE_URL) throw new Error("the collab-only server needs DATABASE_URL (an already migrated database)");
const client = postgres(env.DATABASE_URL, { max: 10, onnotice: () => {} });
const db = drizzle(client, { schema }) as unknown as Db;
const collab = createCollab({ db, env, logger: createLogger(env.LOG_LEVEL) });
const server = createServer((_req, res) => res.writeHead(404).end());
server.on("upgrade", (req, socket, head) => {
  if (!collab.handleUpgrade(req, socket, head)) socket.destroy();
});
server.listen(env.PORT, env.HOST);
process.once("SIGTERM", async () => {
  await collab.close();
  server.close();
  await client.end({ timeout: 5 });
  process.exit(0);
});
