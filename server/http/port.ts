/** A taken port is a one-line error at start-up, before the database is opened or anything is seeded. */
import { createServer } from "node:net";

/** The port Trellis was asked to listen on is already taken. */
export class PortInUseError extends Error {}

/** Resolves if `port` on `host` can be bound right now; rejects with a PortInUseError naming it if not. */
export function assertPortFree(port: number, host: string): Promise<void> {
  if (port === 0) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", (err: NodeJS.ErrnoException) => {
      if (err.code === "EADDRINUSE") reject(new PortInUseError(`Port ${port} on ${host} is already in use: stop the other server or set PORT to a free port.`));
      else if (err.code === "EACCES") reject(new PortInUseError(`Port ${port} on ${host} needs more privileges than this process has: set PORT to a port above 1024.`));
      else reject(err);
    });
    probe.listen(port, host, () => probe.close(() => resolve()));
  });
}

/** For entry points: prints a PortInUseError as one line and exits 1; rethrows anything else. */
export function exitIfPortTaken(err: unknown): never {
  if (err instanceof PortInUseError) {
    process.stderr.write(`trellis: ${err.message}\n`);
    process.exit(1);
  }
  throw err;
}
