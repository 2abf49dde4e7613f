/**
 * The server under the import bench, bundled and run as `npm start` runs Trellis (plain node, no
 * tsx loader), with the import worker bundled beside it. It seeds a school and its head, prints
 * where to reach them, and answers IPC requests for its event loop's longest delay since the last.
 */
import { monitorEventLoopDelay } from "node:perf_hooks";
import { openDatabase } from "../../server/db/client.js";
import { testEnv } from "../../server/env.js";
import { startServer } from "../../server/server.js";
import { buildSchool, buildUser } from "../../test/factories.js";

// PGlite in memory, or the PostgreSQL database the bench made for this run.
const database = await openDatabase(process.env.BENCH_CHILD_DATABASE_URL ? { url: process.env.BENCH_CHILD_DATABASE_URL, max: 5 } : {});
const server = await startServer({ env: testEnv({ PORT: 0, HOST: "127.0.0.1", LOG_LEVEL: "error" }), database, clientDir: "/nonexistent" });
const school = await buildSchool(database.db, { name: "Bench Primary" });
const head = await buildUser(database.db, { role: "school_leader", schoolId: school.id, name: "Jo Patel" });
let loop = monitorEventLoopDelay({ resolution: 5 });
process.on("message", (message: { cmd: "start" | "stop" | "exit" }) => {
  if (message.cmd === "start") {
    loop = monitorEventLoopDelay({ resolution: 5 });
    loop.enable();
    process.send?.({ started: true });
  } else if (message.cmd === "stop") {
    loop.disable();
    process.send?.({ maxMs: loop.max / 1e6 });
  } else void server.stop().then(() => process.exit(0));
});
process.send?.({ url: server.url, schoolId: school.id, email: head.email });
