/** Child entry (plain JS, from bench/anchors' own install): stock @hocuspocus/server on PORT with @hocuspocus/extension-redis, the anchor for cross-process costs. */
import { Redis } from "@hocuspocus/extension-redis";
import { Server } from "@hocuspocus/server";

const port = Number(process.env.PORT);
const redis = new URL(process.env.REDIS_URL ?? "redis://127.0.0.1:6379");
const server = new Server({
  port,
  address: "127.0.0.1",
  quiet: true,
  stopOnSignals: true,
  extensions: [new Redis({ host: redis.hostname, port: Number(redis.port || 6379), prefix: process.env.HOCUSPOCUS_PREFIX ?? "hocuspocus" })],
});
await server.listen();
process.stdout.write("ready\n");
