/**
 * The control bus between Trellis processes: JSON messages on named topics (event streams,
 * permission re-checks, sign-outs) and binary frames on per-room channels (the update relay).
 * Without REDIS_URL there is one process and the bus stays inside it; with it, RedisBus carries
 * the same calls to every process.
 */
import { randomBytes } from "node:crypto";

/** Hears a topic's messages; `from` is the process id that published it. */
export type BusHandler = (message: unknown, from: string) => void;
/** Hears a room channel's frames, which only ever come from other processes. */
export type FrameHandler = (frame: Uint8Array, from: string) => void;

/** What every process shares, whichever transport carries it. */
export interface ControlBus {
  /** This process's id; every message carries its sender's. */
  readonly processId: string;
  readonly kind: "in-process" | "redis";
  /**
   * Sends a JSON-serialisable message to every subscriber of `topic` in every process, this one
   * included: local subscribers hear it synchronously, before publish returns.
   */
  publish(topic: string, message: unknown): void;
  /** Returns the unsubscribe function. */
  subscribe(topic: string, handler: BusHandler): () => void;
  /**
   * Sends a binary frame to the other processes listening on `channel` (never to this one).
   * False when it could not be handed to the transport (Redis down): the caller must assume
   * it was lost.
   */
  sendFrame(channel: string, frame: Uint8Array): boolean;
  /**
   * Listens on a room channel. Resolves once frames sent from now on will arrive (at once
   * when the transport is down: the resume handlers cover what is missed). Returns the
   * unsubscribe function.
   */
  listenFrames(channel: string, handler: FrameHandler): Promise<() => void>;
  /** How many other processes listen on a room channel now (0 when the transport is down). */
  listeners(channel: string): Promise<number>;
  /**
   * Runs `fn` each time the transport comes back after a loss, once this process is
   * subscribed again: messages and frames may have been missed meanwhile.
   */
  onResume(fn: () => void): () => void;
  /** Whether messages reach other processes now (always true in-process). */
  connected(): boolean;
  /** Counters for benchmarks and diagnostics. */
  readonly totals: { published: number; framesSent: number; framesReceived: number; messagesReceived: number };
  close(): Promise<void>;
}

/** A short id, unique among the processes sharing one Redis. */
export function newProcessId(): string {
  return `${process.pid.toString(36)}-${randomBytes(4).toString("hex")}`;
}

/** Local subscribers of JSON topics, shared by both transports. */
export class TopicHandlers {
  private readonly handlers = new Map<string, Set<BusHandler>>();

  /** Adds a handler; returns whether it is the topic's first. */
  add(topic: string, handler: BusHandler): boolean {
    const existing = this.handlers.get(topic);
    const set = existing ?? new Set<BusHandler>();
    if (!existing) this.handlers.set(topic, set);
    set.add(handler);
    const first = !existing;
    return first;
  }

  /** Removes a handler; returns whether the topic has none left. */
  remove(topic: string, handler: BusHandler): boolean {
    const set = this.handlers.get(topic);
    if (!set?.delete(handler)) return false;
    if (set.size) return false;
    this.handlers.delete(topic);
    return true;
  }

  deliver(topic: string, message: unknown, from: string, onError: (err: unknown) => void): void {
    const set = this.handlers.get(topic);
    if (!set) return;
    for (const handler of [...set]) {
      try {
        handler(message, from);
      } catch (err) {
        // One broken subscriber must not stop the others hearing the message.
        onError(err);
      }
    }
  }
}

/** The bus of a lone process: topics are local and there is nobody to relay frames to. */
export class InProcessBus implements ControlBus {
  readonly processId = newProcessId();
  readonly kind = "in-process" as const;
  readonly totals = { published: 0, framesSent: 0, framesReceived: 0, messagesReceived: 0 };
  private readonly topics = new TopicHandlers();

  constructor(private readonly onError: (err: unknown) => void = () => {}) {}

  publish(topic: string, message: unknown): void {
    this.totals.published++;
    this.topics.deliver(topic, message, this.processId, this.onError);
  }

  subscribe(topic: string, handler: BusHandler): () => void {
    this.topics.add(topic, handler);
    return () => void this.topics.remove(topic, handler);
  }

  sendFrame(): boolean {
    return true;
  }

  async listeners(): Promise<number> {
    return 0;
  }

  async listenFrames(): Promise<() => void> {
    return () => {};
  }

  onResume(): () => void {
    return () => {};
  }

  connected(): boolean {
    return true;
  }

  async close(): Promise<void> {}
}
