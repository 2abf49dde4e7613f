/** Each person's choice, per kind of notification: in the app only, email at once, a daily digest, or off. */
import { Hono } from "hono";
import { z } from "zod";
import { NOTIFICATION_KINDS, notificationChannelSchema } from "../../shared/notifications.js";
import { requireActor } from "../auth/middleware.js";
import type { AppEnv } from "../http/context.js";
import { parseBody } from "../http/validate.js";
import { preferencesOf, savePreferences } from "../notifications/preferences.js";

const preferencesSchema = z
  .object(Object.fromEntries(NOTIFICATION_KINDS.map((k) => [k, notificationChannelSchema.optional()])) as Record<(typeof NOTIFICATION_KINDS)[number], z.ZodOptional<typeof notificationChannelSchema>>)
  .strict();

export const notificationPreferenceRoutes = new Hono<AppEnv>()
  .get("/notifications/preferences", async (c) => {
    const actor = requireActor(c);
    return c.json({ preferences: await preferencesOf(c.var.deps.db, actor.id), email: actor.email });
  })
  .put("/notifications/preferences", async (c) => {
    const actor = requireActor(c);
    const body = await parseBody(c, preferencesSchema);
    await savePreferences(c.var.deps.db, actor.id, body);
    return c.json({ preferences: await preferencesOf(c.var.deps.db, actor.id), email: actor.email });
  });
