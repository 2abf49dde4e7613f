/**
 * The control bus over Redis pub/sub: one publishing and one subscribing connection per
 * process. Topics are JSON envelopes carrying the sender's process id, so each process ignores
 * its own echo (it has already told its local subscribers). Room channels carry binary frames
 * prefixed with the sender's id. Redis pub/sub drops what it cannot deliver, so after any lost
 * connection the resume handlers run and the callers catch up from PostgreSQL.
 */
import { Redis } from "ioredis";
import type { Logger } from "../logger.js";
import { type BusHandler, type ControlBus, type FrameHandler, newProcessId, TopicHandlers } from "./controlBus.js";

export interface RedisBusOptions {
  url: string;
  /** Prefix of every channel, so deployments (and parallel test runs) sharing a Redis never cross. */
  prefix?: string;
  logger: Logger;
}

/** The bus across processes; see the module comment. */
export class RedisBus implements ControlBus {
  readonly processId = newProcessId();
  readonly kind = "redis" as const;
  readonly totals = { published: 0, framesSent: 0, framesReceived: 0, messagesReceived: 0 };
  private readonly pub: Redis;
  private readonly sub: Redis;
  private readonly topics = new TopicHandlers();
  private readonly frames = new Map<string, Set<FrameHandler>>();
  private readonly resumers = new Set<() => void>();
  private readonly topicPrefix: string;
  private readonly roomPrefix: string;
  private readonly idBytes: Buffer;
  private readonly logger: Logger;
  /** Set once either connection drops after having been ready: something may have been missed. */
  private lost = false;
  private everReady = false;
  private closed = false;

  constructor(options: RedisBusOptions) {
    const prefix = options.prefix ?? "trellis:";
    this.topicPrefix = `${prefix}t:`;
    this.roomPrefix = `${prefix}r:`;
    this.logger = options.logger;
    this.idBytes = Buffer.from(this.processId, "latin1");
    // No offline queue on the publisher: while Redis is away a frame fails at once instead of
    // piling up in memory; the receivers catch up from the log when it returns.
    this.pub = new Redis(options.url, { enableAutoPipelining: true, enableOfflineQueue: false, maxRetriesPerRequest: 1, retryStrategy: retry });
    this.sub = new Redis(options.url, { autoResubscribe: true, maxRetriesPerRequest: null, retryStrategy: retry });
    for (const conn of [this.pub, this.sub]) {
      conn.on("error", () => {}); // ioredis reconnects by itself; status() and /readyz say it is down.
      conn.on("close", () => this.noteLost());
      conn.on("ready", () => this.noteReady());
    }
    this.sub.on("messageBuffer", (channel: Buffer, message: Buffer) => this.receive(channel.toString("latin1"), message));
  }

  publish(topic: string, message: unknown): void {
    this.totals.published++;
    this.topics.deliver(topic, message, this.processId, (err) => this.handlerFailed(topic, err));
    if (this.pub.status !== "ready") return;
    const body = JSON.stringify({ p: this.processId, m: message });
    this.pub.publish(this.topicPrefix + topic, body).catch((err) => this.logger.warn("bus: publish failed", { topic, err: String(err) }));
  }

  subscribe(topic: string, handler: BusHandler): () => void {
    if (this.topics.add(topic, handler)) this.sub.subscribe(this.topicPrefix + topic).catch((err) => this.subscribeFailed(topic, err));
    return () => {
      if (this.topics.remove(topic, handler) && !this.closed) this.sub.unsubscribe(this.topicPrefix + topic).catch(() => {});
    };
  }

  sendFrame(channel: string, frame: Uint8Array): boolean {
    if (this.pub.status !== "ready") return false;
    const body = Buffer.allocUnsafe(1 + this.idBytes.length + frame.byteLength);
    body[0] = this.idBytes.length;
    this.idBytes.copy(body, 1);
    body.set(frame, 1 + this.idBytes.length);
    this.totals.framesSent++;
    this.pub.publish(this.roomPrefix + channel, body).catch(() => {});
    return true;
  }

  async listenFrames(channel: string, handler: FrameHandler): Promise<() => void> {
    const existing = this.frames.get(channel);
    const first = !existing;
    const set = existing ?? new Set<FrameHandler>();
    if (first) this.frames.set(channel, set);
    set.add(handler);
    const off = () => {
      const current = this.frames.get(channel);
      if (!current?.delete(handler) || current.size) return;
      this.frames.delete(channel);
      if (!this.closed) this.sub.unsubscribe(this.roomPrefix + channel).catch(() => {});
    };
    if (first) {
      const subscribed = this.sub.subscribe(this.roomPrefix + channel).catch((err) => this.subscribeFailed(channel, err));
      // Down: ioredis subscribes on reconnect, and the resume handlers catch up.
      if (this.sub.status === "ready") await subscribed;
    }
    return off;
  }

  async listeners(channel: string): Promise<number> {
    if (this.pub.status !== "ready") return 0;
    // Each process subscribes to a room channel once, on its one subscriber connection.
    const reply = (await this.pub.pubsub("NUMSUB", this.roomPrefix + channel)) as [string, number | string];
    return Math.max(0, Number(reply[1] ?? 0) - (this.frames.has(channel) ? 1 : 0));
  }

  onResume(fn: () => void): () => void {
    this.resumers.add(fn);
    return () => void this.resumers.delete(fn);
  }

  connected(): boolean {
    return this.pub.status === "ready" && this.sub.status === "ready";
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.allSettled([this.pub.quit(), this.sub.quit()]);
    this.pub.disconnect();
    this.sub.disconnect();
  }

  private receive(channel: string, message: Buffer): void {
    if (channel.startsWith(this.roomPrefix)) {
      const idLength = message[0] ?? 0;
      const from = message.toString("latin1", 1, 1 + idLength);
      if (from === this.processId) return;
      const handlers = this.frames.get(channel.slice(this.roomPrefix.length));
      if (!handlers) return;
      this.totals.framesReceived++;
      const frame = message.subarray(1 + idLength);
      for (const handler of [...handlers]) {
        try {
          handler(frame, from);
        } catch (err) {
          this.handlerFailed(channel, err);
        }
      }
      return;
    }
    if (!channel.startsWith(this.topicPrefix)) return;
    let envelope: { p?: unknown; m?: unknown };
    try {
      envelope = JSON.parse(message.toString("utf8"));
    } catch {
      this.logger.warn("bus: unreadable message", { channel });
      return;
    }
    if (typeof envelope.p !== "string" || envelope.p === this.processId) return;
    this.totals.messagesReceived++;
    const topic = channel.slice(this.topicPrefix.length);
    this.topics.deliver(topic, envelope.m, envelope.p, (err) => this.handlerFailed(topic, err));
  }

  private noteLost(): void {
    if (this.everReady && !this.closed && !this.lost) {
      this.lost = true;
      this.logger.warn("bus: lost Redis; serving this process's own clients until it returns");
    }
  }

  private noteReady(): void {
    if (this.closed || !this.connected()) return;
    this.everReady = true;
    if (!this.lost) return;
    this.lost = false;
    // The ping answers after the resubscriptions ioredis sent on reconnect, so once it is back
    // every frame published from now on reaches us and a catch-up misses nothing.
    this.sub
      .ping()
      .then(() => {
        this.logger.info("bus: Redis is back; catching up");
        for (const fn of [...this.resumers]) {
          try {
            fn();
          } catch (err) {
            this.handlerFailed("resume", err);
          }
        }
      })
      .catch(() => this.noteLost());
  }

  private handlerFailed(topic: string, err: unknown): void {
    this.logger.error("bus: subscriber failed", { topic, err: String((err as Error)?.stack ?? err) });
  }

  private subscribeFailed(channel: string, err: unknown): void {
    if (!this.closed) this.logger.warn("bus: subscribe failed", { channel, err: String(err) });
  }
}

/** Reconnect quickly at first, then every second: a restarted Redis is back within a second. */
function retry(attempt: number): number {
  return Math.min(50 * attempt, 1000);
}
