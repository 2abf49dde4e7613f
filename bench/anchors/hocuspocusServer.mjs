/** Child entry (plain JS, from bench/anchors' own install): a stock @hocuspocus/server on PORT with no extensions, the comparison point for our rooms. */
import { Server } from "@hocuspocus/server";

const port = Number(process.env.PORT);
const server = new Server({ port, address: "127.0.0.1", quiet: true, stopOnSignals: true });
await server.listen();
process.stdout.write("ready\n");
