/** Runs the server under test in its own process, so its RSS and CPU can be read from /proc. */
import { spawn, type ChildProcess } from "node:child_process";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { ANCHOR_SERVERS, ensureAnchors } from "../anchors/install.js";
import { ENTRIES, serverBuild } from "./serverBuild.js";
import { freePort } from "../../deploy/freePort.js";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));

// Children still running when the bench exits (normally or on an error) are killed with it.
const live = new Set<ChildProcess>();
process.once("exit", () => {
  for (const child of live) child.kill("SIGKILL");
});

/** Event-loop delay of a server over a window, in ms. */
export interface LoopDelay {
  p50: number;
  p99: number;
  max: number;
}

/** A running server child. */
export interface ServerChild {
  pid: number;
  port: number;
  process: ChildProcess;
  /** Starts an event-loop delay window (see eventLoopProbe.ts). */
  markLoopDelay(): void;
  /** Ends the window and returns its figures. */
  readLoopDelay(): Promise<LoopDelay | null>;
  stop(): Promise<void>;
}


/** Which server a child runs: all of Trellis, its collab server alone, or stock Hocuspocus. */
export type ServerKind = Exclude<keyof typeof ENTRIES, "eventLoopProbe"> | "hocuspocus";

/**
 * Starts a server child and waits for it to listen. By default every server runs from the
 * esbuild bundle under plain node, as `npm start` runs Trellis; `runtime: "tsx"` runs the TypeScript source.
 * Hocuspocus runs as it ships (its compiled package, from bench/anchors' own install) either way.
 */
export async function startServerChild(
  which: ServerKind,
  env: Record<string, string> = {},
  runtime: "bundle" | "tsx" = "bundle",
): Promise<ServerChild> {
  const port = await freePort();
  if (which === "hocuspocus") ensureAnchors();
  const probe = runtime === "bundle" ? ["--import", join(await serverBuild(), "eventLoopProbe.mjs")] : ["--import", "tsx", "--import", `./${ENTRIES.eventLoopProbe}`];
  const entry = which === "hocuspocus" ? ANCHOR_SERVERS.hocuspocus : runtime === "bundle" ? join(await serverBuild(), `${which}.mjs`) : ENTRIES[which];
  const args = [...probe, entry];
  // BENCH_SERVER_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" profiles the servers (not allowed in NODE_OPTIONS).
  const nodeArgs = process.env.BENCH_SERVER_NODE_ARGS?.split(" ").filter(Boolean) ?? [];
  const child = spawn(process.execPath, [...nodeArgs, ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env, PORT: String(port), HOST: "127.0.0.1", LOG_LEVEL: "warn", NODE_ENV: "production" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  live.add(child);
  child.once("exit", () => live.delete(child));
  let stderr = "";
  const delays: ((d: LoopDelay) => void)[] = [];
  child.stderr!.on("data", (c: Buffer) => {
    stderr += c.toString();
    if (process.env.BENCH_SERVER_STDERR) process.stderr.write(c);
    for (const line of c.toString().split("\n")) {
      if (!line.startsWith("ELD ")) continue;
      const figures = JSON.parse(line.slice(4)) as LoopDelay;
      for (const resolve of delays.splice(0)) resolve(figures);
    }
  });
  child.stdout!.resume();
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${which} exited during start:\n${stderr}`);
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`${which} did not start:\n${stderr}`);
    }
    if (await listening(port)) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    pid: child.pid!,
    port,
    process: child,
    markLoopDelay: () => child.kill("SIGUSR2"),
    readLoopDelay: () =>
      new Promise<LoopDelay | null>((resolve) => {
        const timer = setTimeout(() => resolve(null), 2000);
        delays.push((d) => {
          clearTimeout(timer);
          resolve(d);
        });
        child.kill("SIGUSR2");
      }),
    async stop() {
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 15_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

async function listening(port: number): Promise<boolean> {
  try {
    await fetch(`http://127.0.0.1:${port}/`);
    return true;
  } catch {
    return false;
  }
}
