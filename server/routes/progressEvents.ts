/**
 * GET /api/progress/events: a server-sent "progress" event whenever the extracted blocks of a
 * document in a school the person may read change, so the action tracker and the trust dashboard
 * reload at once instead of polling. Events of other schools are never sent.
 */
import { Hono } from "hono";
import { requireActor } from "../auth/middleware.js";
import type { ProgressEvent } from "../events/progressEvents.js";
import type { AppEnv } from "../http/context.js";
import { eventStream } from "../http/sse.js";
import { can } from "../policies/index.js";

export const progressEventRoutes = new Hono<AppEnv>().get("/progress/events", (c) => {
  const actor = requireActor(c);
  return eventStream<ProgressEvent>(c, (listener) =>
    c.var.deps.progress.subscribe((event) => {
      // The roles as loaded for this request; a role change ends the stream through the guard below.
      if (can(actor, "read", { type: "school", id: event.schoolId })) listener(event);
    }),
  );
});
