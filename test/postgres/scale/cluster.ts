/**
 * Several real Trellis processes (the production bundle) on one PostgreSQL database and one
 * Redis, each test file with its own database and its own channel prefix, plus clients that
 * record the server's notices and a tap on a room's Redis channel that counts relay frames.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import type * as decoding from "lib0/decoding";
import { Redis } from "ioredis";
import { readNotice } from "../../../shared/collab.js";
import { freePort } from "../../../deploy/freePort.js";
import { childData, startChild, type Child, type ChildData } from "../../collab/childServer.js";
import { connectClient, type Client } from "../../collab/clients.js";
import { eventually } from "../../support.js";

export const SHARED_REDIS = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";

/** N processes on one fresh database. */
export interface Cluster {
  data: ChildData;
  prefix: string;
  children: Child[];
  stop(): Promise<void>;
}

export async function startCluster(count: number, redisUrl: string): Promise<Cluster> {
  const data = await childData();
  const prefix = `trellis:test:${randomBytes(6).toString("hex")}:`;
  const env = { REDIS_URL: redisUrl, REDIS_PREFIX: prefix };
  const children: Child[] = [];
  try {
    // The first migrates the fresh database; the others then start together.
    children.push(await startChild(data, await freePort(), env));
    const rest = await Promise.all(Array.from({ length: count - 1 }, async () => startChild(data, await freePort(), env)));
    children.push(...rest);
  } catch (err) {
    for (const child of children) child.process.kill("SIGKILL");
    await data.dispose();
    throw err;
  }
  return {
    data,
    prefix,
    children,
    async stop() {
      await Promise.all(
        children.map(async (child) => {
          if (child.process.exitCode !== null || child.process.signalCode !== null) return;
          child.process.kill("SIGTERM");
          const timer = setTimeout(() => child.process.kill("SIGKILL"), 10_000);
          await child.exited;
          clearTimeout(timer);
        }),
      );
      await data.dispose();
    },
  };
}

/** A stock client that also records the access notices ("you may / may not write now"). */
export interface NoticedClient extends Client {
  access: boolean[];
}

export function connect(url: string, documentId: string, cookie: string, options: { presence?: boolean } = {}): NoticedClient {
  const client = connectClient(url, documentId, cookie, { connect: false }) as NoticedClient;
  // A client without presence sends none, so a test can count exactly whose presence crossed.
  if (options.presence === false) client.provider.awareness.setLocalState(null);
  client.access = [];
  client.provider.messageHandlers[2] = (_encoder, decoder: decoding.Decoder) => {
    const notice = readNotice(decoder);
    if (notice?.type === "denied") client.denied.push(notice.reason);
    if (notice?.type === "access") client.access.push(notice.writable);
  };
  client.provider.connect();
  return client;
}

/** Counts the relay frames on one room's channel, by kind and by sending process. */
export class ChannelTap {
  readonly frames: { kind: number; from: string }[] = [];
  private constructor(private readonly redis: Redis) {}

  static async open(redisUrl: string, prefix: string, documentId: string): Promise<ChannelTap> {
    const redis = new Redis(redisUrl);
    const tap = new ChannelTap(redis);
    redis.on("messageBuffer", (_channel: Buffer, message: Buffer) => {
      const idLength = message[0]!;
      tap.frames.push({ from: message.toString("latin1", 1, 1 + idLength), kind: message[1 + idLength]! });
    });
    await redis.subscribe(`${prefix}r:${documentId}`);
    return tap;
  }

  count(kind: "update" | "presence"): number {
    const code = kind === "update" ? 1 : 2;
    return this.frames.filter((f) => f.kind === code).length;
  }

  senders(kind: "update" | "presence"): Set<string> {
    const code = kind === "update" ? 1 : 2;
    return new Set(this.frames.filter((f) => f.kind === code).map((f) => f.from));
  }

  reset(): void {
    this.frames.length = 0;
  }

  async close(): Promise<void> {
    await this.redis.quit().catch(() => {});
    this.redis.disconnect();
  }
}

/** A Redis of our own on a spare port, to stop and start under a running cluster. */
export class PrivateRedis {
  private process: ChildProcess | null = null;
  private constructor(readonly port: number) {}

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  static async start(): Promise<PrivateRedis> {
    const redis = new PrivateRedis(await freePort());
    await redis.resume();
    return redis;
  }

  async resume(): Promise<void> {
    const child = spawn("redis-server", ["--port", String(this.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"], { stdio: "ignore" });
    this.process = child;
    await eventually(
      async () => {
        const probe = new Redis(this.url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
        probe.on("error", () => {});
        try {
          await probe.connect();
          await probe.ping();
        } finally {
          probe.disconnect();
        }
      },
      { timeout: 10_000, interval: 50 },
    );
  }

  /** SIGKILL: no goodbye to its clients, as a crash. */
  async kill(): Promise<void> {
    const child = this.process;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.kill("SIGKILL");
    await exited;
    this.process = null;
  }
}

/** The p-th percentile of a list of numbers. */
export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}
