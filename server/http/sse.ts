/** A server-sent event stream fed by one of the in-process buses, with keep-alives. */
import type { Context } from "hono";
import { streamSSE } from "hono/streaming";

/** Streams `{type}` events from `subscribe` until the client goes away; "ready" first, so clients know they are listening. */
export function eventStream<E extends { type: string }>(c: Context, subscribe: (listener: (event: E) => void) => () => void): Response {
  return streamSSE(c, async (stream) => {
    const unsubscribe = subscribe((event) => {
      void stream.writeSSE({ event: event.type, data: JSON.stringify(event) });
    });
    stream.onAbort(unsubscribe);
    await stream.writeSSE({ event: "ready", data: "{}" });
    // Keep-alive comments stop proxies from closing an idle stream.
    while (!stream.aborted) {
      await stream.sleep(25_000);
      if (!stream.aborted) await stream.write(": keep-alive\n\n");
    }
    unsubscribe();
  });
}
