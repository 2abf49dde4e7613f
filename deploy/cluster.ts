/**
 * Several Trellis processes (the compiled server, as `npm start` runs it) on one PostgreSQL
 * database and one Redis, behind HAProxy. `npm run cluster` runs it for trying scale-out
 * locally; the scale tests and `npm run bench -- cluster` start it on ephemeral ports.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { haproxyConfig } from "./haproxyConfig.js";
import { freePort } from "./freePort.js";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
export const SERVER_BUNDLE = join(ROOT, "dist", "server", "index.mjs");

export interface ClusterOptions {
  processes: number;
  databaseUrl: string;
  /** Without one the processes do not share rooms (a single-process baseline). */
  redisUrl?: string;
  /** Where HAProxy listens; 0 picks a free port. */
  frontPort: number;
  /** The processes' ports; by default the ports after frontPort (or free ones when it is 0). */
  ports?: number[];
  /** Extra environment for every process (LOG_LEVEL, NODE_ENV...). */
  env?: Record<string, string>;
  /** Each line a process or HAProxy writes, with its name; silent by default. */
  onOutput?: (name: string, line: string) => void;
  /** Called when a process exits without being asked to. */
  onExit?: (name: string, code: number | null, signal: NodeJS.Signals | null) => void;
}

/** One Trellis process of the cluster. */
export interface ClusterProcess {
  name: string;
  port: number;
  url: string;
  child: ChildProcess;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Starts it again on the same port (after a kill or a drain) and waits until it is ready. */
  restart(): Promise<void>;
}

export interface Cluster {
  /** The address people open: HAProxy's frontend. */
  url: string;
  processes: ClusterProcess[];
  haproxy: ChildProcess;
  /** The generated haproxy.cfg. */
  configPath: string;
  /** SIGTERM to every process (they drain), then HAProxy; resolves when all have exited. */
  stop(): Promise<void>;
}


/** Resolves once `url` answers 200, or rejects after `timeoutMs`. */
export async function waitReady(url: string, timeoutMs: number, gone: () => string | null = () => null): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const why = gone();
    if (why) throw new Error(why);
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
      await res.body?.cancel();
      if (res.status === 200) return;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > until) throw new Error(`${url} not ready after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 150));
  }
}

function pipeLines(stream: NodeJS.ReadableStream | null, name: string, onOutput?: (name: string, line: string) => void): void {
  if (!stream) return;
  let rest = "";
  stream.on("data", (chunk: Buffer) => {
    const text = rest + chunk.toString();
    const lines = text.split("\n");
    rest = lines.pop() ?? "";
    for (const line of lines) if (line) onOutput?.(name, line);
  });
}

/** Starts the processes and HAProxy; resolves once HAProxy answers /readyz through them. */
export async function startCluster(options: ClusterOptions): Promise<Cluster> {
  if (!existsSync(SERVER_BUNDLE)) throw new Error(`${SERVER_BUNDLE} is missing: run \`npm run build\``);
  const frontPort = options.frontPort || (await freePort());
  const ports =
    options.ports ??
    (options.frontPort ? Array.from({ length: options.processes }, (_, i) => frontPort + 1 + i) : await Promise.all(Array.from({ length: options.processes }, () => freePort())));
  const dir = mkdtempSync(join(tmpdir(), "trellis-cluster-"));
  const configPath = join(dir, "haproxy.cfg");
  writeFileSync(configPath, haproxyConfig({ frontPort, servers: ports.map((p) => `127.0.0.1:${p}`), checkIntervalMs: 500 }));
  const front = `http://127.0.0.1:${frontPort}`;
  const stopping = new Set<string>();

  const spawnProcess = (name: string, port: number): { child: ChildProcess; exited: ClusterProcess["exited"]; stderr: () => string } => {
    const child = spawn(process.execPath, [SERVER_BUNDLE], {
      cwd: ROOT,
      env: {
        ...process.env,
        DATABASE_URL: options.databaseUrl,
        ...(options.redisUrl ? { REDIS_URL: options.redisUrl } : {}),
        PORT: String(port),
        HOST: "127.0.0.1",
        PUBLIC_URL: `http://localhost:${frontPort}`,
        // HAProxy is the only peer, and it names the client in X-Forwarded-For.
        TRUST_PROXY: "127.0.0.1",
        // Long enough for HAProxy's checks (every 500 ms, 250 ms once failing, out after two) to see the drain.
        DRAIN_DELAY_MS: "1500",
        ...options.env,
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stderr = "";
    child.stderr?.on("data", (c: Buffer) => {
      stderr = (stderr + c.toString()).slice(-20_000);
    });
    pipeLines(child.stdout, name, options.onOutput);
    pipeLines(child.stderr, name, options.onOutput);
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
      child.once("exit", (code, signal) => {
        if (!stopping.has(name)) options.onExit?.(name, code, signal);
        resolve({ code, signal });
      }),
    );
    return { child, exited, stderr: () => stderr };
  };

  const start = async (p: ClusterProcess): Promise<void> => {
    const started = spawnProcess(p.name, p.port);
    p.child = started.child;
    p.exited = started.exited;
    let gone: string | null = null;
    void started.exited.then(({ code, signal }) => (gone = `${p.name} exited during start (${signal ?? code}):\n${started.stderr()}`));
    await waitReady(`${p.url}/readyz`, 120_000, () => gone);
  };

  const processes: ClusterProcess[] = ports.map((port, i) => {
    const p: ClusterProcess = {
      name: `p${i + 1}`,
      port,
      url: `http://127.0.0.1:${port}`,
      child: null as unknown as ChildProcess,
      exited: Promise.resolve({ code: null, signal: null }),
      restart: () => start(p),
    };
    return p;
  });
  // Together, as a deployment starts them: the migration lock keeps them from racing.
  await Promise.all(processes.map((p) => start(p))).catch(async (err) => {
    for (const p of processes) p.child?.kill("SIGKILL");
    throw err;
  });

  const haproxy = spawn("haproxy", ["-db", "-f", configPath], { stdio: ["ignore", "pipe", "pipe"] });
  pipeLines(haproxy.stdout, "haproxy", options.onOutput);
  pipeLines(haproxy.stderr, "haproxy", options.onOutput);
  const haproxyExited = new Promise<void>((resolve) => haproxy.once("exit", () => resolve()));
  haproxy.once("error", (err) => options.onOutput?.("haproxy", `could not start haproxy: ${err.message} (install Debian's haproxy package)`));
  try {
    await waitReady(`${front}/readyz`, 30_000, () => (haproxy.exitCode !== null ? `haproxy exited (${haproxy.exitCode})` : null));
  } catch (err) {
    haproxy.kill("SIGKILL");
    for (const p of processes) p.child.kill("SIGKILL");
    throw err;
  }

  let stopped: Promise<void> | null = null;
  return {
    url: front,
    processes,
    haproxy,
    configPath,
    stop() {
      stopped ??= (async () => {
        for (const p of processes) stopping.add(p.name);
        await Promise.all(
          processes.map(async (p) => {
            if (p.child.exitCode !== null || p.child.signalCode !== null) return;
            p.child.kill("SIGTERM");
            const timer = setTimeout(() => p.child.kill("SIGKILL"), 20_000);
            await p.exited;
            clearTimeout(timer);
          }),
        );
        if (haproxy.exitCode === null) haproxy.kill("SIGTERM");
        await haproxyExited;
        rmSync(dir, { recursive: true, force: true });
      })();
      return stopped;
    },
  };
}
