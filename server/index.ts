/** The production entry point: `npm start`. Boots the server and shuts it down cleanly on SIGTERM/SIGINT. */
import { loadEnv } from "./env.js";
import { exitIfPortTaken } from "./http/port.js";
import { startServer } from "./server.js";

const env = loadEnv();
const running = await startServer({ env }).catch(exitIfPortTaken);
for (const signal of ["SIGTERM", "SIGINT"] as const) {
  process.once(signal, async () => {
    await running.stop();
    process.exit(0);
  });
}
