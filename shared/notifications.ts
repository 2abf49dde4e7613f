/** Kinds of notification and how each may reach a person: the settings page and the server read this one list. */
import { z } from "zod";

export const NOTIFICATION_KINDS = [
  "mention",
  "ownership",
  "action_due",
  "thread_activity",
  "plan_status",
  "review_requested",
  "tier_changed",
  "checkin_due",
  "flag_raised",
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];
export const notificationKindSchema = z.enum(NOTIFICATION_KINDS);

export const NOTIFICATION_CHANNELS = ["app", "email", "digest", "off"] as const;
export type NotificationChannel = (typeof NOTIFICATION_CHANNELS)[number];
export const notificationChannelSchema = z.enum(NOTIFICATION_CHANNELS);

export const NOTIFICATION_CHANNEL_LABELS: Record<NotificationChannel, string> = {
  app: "In the app only",
  email: "Email at once",
  digest: "Daily digest email",
  off: "Off",
};

/** What each kind is about, in the words of the settings page and of "why you got this email". */
export const NOTIFICATION_KIND_LABELS: Record<NotificationKind, { label: string; why: string }> = {
  mention: { label: "Someone mentions you", why: "someone mentioned you in a comment" },
  ownership: { label: "You become an owner of an action or target", why: "you were made an owner of an action or target" },
  action_due: { label: "An action you own is due within 7 days, or overdue", why: "you own an action that is due soon or overdue" },
  thread_activity: { label: "Replies and resolutions in threads you take part in", why: "you started or took part in this comment thread" },
  plan_status: { label: "A plan you lead is submitted, approved or sent back", why: "you lead this school's plans" },
  review_requested: { label: "A plan you govern awaits review", why: "you are on the board that approves this plan" },
  tier_changed: { label: "Your school's support tier changes", why: "you work in or govern this school" },
  checkin_due: { label: "A support check-in is due", why: "you hold or attend this school's support meetings" },
  flag_raised: { label: "A school gets a high early-warning flag", why: "you lead the trust's work with this school" },
};

/** Mentions and ownership matter at once; the rest can wait for the morning's digest. */
export const DEFAULT_CHANNELS: Record<NotificationKind, NotificationChannel> = {
  mention: "email",
  ownership: "email",
  action_due: "digest",
  thread_activity: "digest",
  plan_status: "digest",
  review_requested: "digest",
  tier_changed: "digest",
  checkin_due: "digest",
  // The watch list's loudest news: worth hearing at once, not the next morning.
  flag_raised: "email",
};
