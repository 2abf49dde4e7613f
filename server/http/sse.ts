/**
 * A server-sent event stream fed by one of the in-process buses, with keep-alives. A stream
 * lives only as long as the access that opened it: it ends at once when its session signs
 * out or the person's roles change and `stillAllowed` now says no, and every
 * STREAM_RECHECK_SECONDS it re-reads the session (so expiry ends it too).
 */
import { eq } from "drizzle-orm";
import type { Context } from "hono";
import { streamSSE } from "hono/streaming";
import { sessions } from "../db/schema/index.js";
import { CONTROL_EVENTS } from "../events/documentEvents.js";
import { loadActor } from "../policies/actor.js";
import type { Actor } from "../policies/index.js";
import type { AppEnv } from "./context.js";

const KEEP_ALIVE_MS = 25_000;

export interface StreamGuard {
  /** Whether the person, with their roles as they are now, may still hear this stream (a policy question). */
  stillAllowed?: (actor: Actor) => boolean | Promise<boolean>;
}

/** Why a stream ended, sent as a last `end` event before the server closes it. */
export type StreamEndReason = "signed_out" | "session_expired" | "access_removed";

/**
 * Streams `{type}` events from `subscribe` until the client goes away or access ends; "ready"
 * first, so clients know they are listening. Needs a signed-in actor on the context.
 */
export function eventStream<E extends { type: string }>(
  c: Context<AppEnv>,
  subscribe: (listener: (event: E) => void) => () => void,
  guard: StreamGuard = {},
): Response {
  const { db, people, env } = c.var.deps;
  const actor = c.var.actor;
  const sessionId = c.var.sessionId;
  return streamSSE(c, async (stream) => {
    let ended: StreamEndReason | null = null;
    let wake: () => void = () => {};
    const end = (reason: StreamEndReason) => {
      ended ??= reason;
      wake();
    };

    // Re-reads the session and the person's roles; ends the stream when either is gone.
    let checking: Promise<void> | null = null;
    const recheck = () => {
      checking ??= (async () => {
        try {
          if (!actor || !sessionId) return end("signed_out");
          const [row] = await db.select({ expiresAt: sessions.expiresAt }).from(sessions).where(eq(sessions.id, sessionId)).limit(1);
          if (!row) return end("signed_out");
          if (row.expiresAt.getTime() <= Date.now()) return end("session_expired");
          if (guard.stillAllowed && !(await guard.stillAllowed(await loadActor(db, actor)))) end("access_removed");
        } catch {
          // A database hiccup is not a reason to cut a stream off; the next check decides.
        } finally {
          checking = null;
        }
      })();
      return checking;
    };

    const unsubscribe = subscribe((event) => {
      if (ended || CONTROL_EVENTS.has(event.type)) return;
      void stream.writeSSE({ event: event.type, data: JSON.stringify(event) }).catch(() => {});
    });
    const unwatch = actor
      ? people.subscribe(actor.id, (event) => {
          if (event.type === "session_ended" && event.sessionId === sessionId) end("signed_out");
          else if (event.type === "access_changed") void recheck();
        })
      : () => {};
    stream.onAbort(() => wake());

    try {
      await stream.writeSSE({ event: "ready", data: "{}" });
      const recheckMs = env.STREAM_RECHECK_SECONDS * 1000;
      let lastKeepAlive = Date.now();
      let lastCheck = Date.now();
      while (!stream.aborted && !ended) {
        const now = Date.now();
        const due = Math.min(lastKeepAlive + KEEP_ALIVE_MS, lastCheck + recheckMs) - now;
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, Math.max(0, due));
          wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        if (stream.aborted || ended) break;
        if (Date.now() - lastCheck >= recheckMs) {
          lastCheck = Date.now();
          await recheck();
        }
        // Keep-alive comments stop proxies from closing an idle stream.
        if (!ended && Date.now() - lastKeepAlive >= KEEP_ALIVE_MS) {
          lastKeepAlive = Date.now();
          await stream.write(": keep-alive\n\n");
        }
      }
      if (ended && !stream.aborted) await stream.writeSSE({ event: "end", data: JSON.stringify({ reason: ended }) });
    } finally {
      unsubscribe();
      unwatch();
    }
  });
}
