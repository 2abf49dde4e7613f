/** Each person's channel per kind of notification, with the defaults for kinds they never chose. */
import { and, eq, inArray } from "drizzle-orm";
import { DEFAULT_CHANNELS, NOTIFICATION_KINDS, notificationChannelSchema, type NotificationChannel, type NotificationKind } from "../../shared/notifications.js";
import type { Db } from "../db/client.js";
import { notificationPreferences } from "../db/schema/index.js";

/** The channel each of `userIds` chose for `kind`. */
export async function channelsFor(db: Db, userIds: string[], kind: NotificationKind): Promise<Map<string, NotificationChannel>> {
  const out = new Map<string, NotificationChannel>(userIds.map((id) => [id, DEFAULT_CHANNELS[kind]]));
  if (!userIds.length) return out;
  const rows = await db
    .select({ userId: notificationPreferences.userId, channel: notificationPreferences.channel })
    .from(notificationPreferences)
    .where(and(eq(notificationPreferences.kind, kind), inArray(notificationPreferences.userId, userIds)));
  for (const r of rows) {
    const parsed = notificationChannelSchema.safeParse(r.channel);
    if (parsed.success) out.set(r.userId, parsed.data);
  }
  return out;
}

/** Every kind with the person's channel, for the settings page. */
export async function preferencesOf(db: Db, userId: string): Promise<Record<NotificationKind, NotificationChannel>> {
  const rows = await db.select().from(notificationPreferences).where(eq(notificationPreferences.userId, userId));
  const chosen = new Map(rows.map((r) => [r.kind, r.channel]));
  return Object.fromEntries(
    NOTIFICATION_KINDS.map((k) => {
      const parsed = notificationChannelSchema.safeParse(chosen.get(k));
      return [k, parsed.success ? parsed.data : DEFAULT_CHANNELS[k]];
    }),
  ) as Record<NotificationKind, NotificationChannel>;
}

/** Stores the person's choices for the kinds given. */
export async function savePreferences(db: Db, userId: string, choices: Partial<Record<NotificationKind, NotificationChannel>>): Promise<void> {
  const values = Object.entries(choices).map(([kind, channel]) => ({ userId, kind, channel: channel!, updatedAt: new Date() }));
  if (!values.length) return;
  for (const v of values) {
    await db
      .insert(notificationPreferences)
      .values(v)
      .onConflictDoUpdate({ target: [notificationPreferences.userId, notificationPreferences.kind], set: { channel: v.channel, updatedAt: v.updatedAt } });
  }
}
