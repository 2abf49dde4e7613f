/** The early-warning thresholds: trust data a trust admin changes, stored in trust_settings under "flag_thresholds". */
import { eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../db/client.js";
import { trustSettings } from "../db/schema/index.js";

const count = (max: number) => z.number().int().min(1).max(max);

/** Every threshold with its bounds; a change names some of them. */
const FIELDS = {
  /** This many overdue actions make the flag high. */
  overdueHighCount: count(1000),
  /** An action overdue by this many school days makes the flag high. */
  overdueHighSchoolDays: count(200),
  /** This many green or amber but overdue actions make the "watermelon" flag high. */
  watermelonHighCount: count(1000),
  /** This many targets or actions red at two reviews running make the flag high. */
  redTwiceHighCount: count(1000),
  /** This many RAG falls between reviews make the flag high. */
  fallingHighCount: count(1000),
  /** A plan untouched for this many school weeks is flagged. */
  planStaleSchoolWeeks: count(40),
  /** A half term's review counts as missed this many school days after the half term ends. */
  reviewGraceSchoolDays: count(60),
  /** A check-in overdue by this many school days makes the flag high. */
  checkinHighSchoolDays: count(120),
};

/** The defaults, for a trust that has not set its own. */
export const DEFAULT_THRESHOLDS = {
  overdueHighCount: 5, overdueHighSchoolDays: 15, watermelonHighCount: 3, redTwiceHighCount: 3,
  fallingHighCount: 5, planStaleSchoolWeeks: 6, reviewGraceSchoolDays: 10, checkinHighSchoolDays: 10,
} satisfies Record<keyof typeof FIELDS, number>;

/** A complete set of thresholds. */
export const thresholdsSchema = z.object(FIELDS);
/** The body of `PUT /api/flags/thresholds`: any of them, nothing else. */
export const thresholdsChangeSchema = z.object(FIELDS).partial().strict();
export type FlagThresholds = z.infer<typeof thresholdsSchema>;

/** What the admin page shows for each threshold. */
export const THRESHOLD_LABELS: Record<keyof FlagThresholds, string> = {
  overdueHighCount: "Overdue actions that make the flag high",
  overdueHighSchoolDays: "School days overdue that make the flag high",
  watermelonHighCount: "Green or amber but overdue actions that make the flag high",
  redTwiceHighCount: "Items red at two reviews running that make the flag high",
  fallingHighCount: "RAG falls between reviews that make the flag high",
  planStaleSchoolWeeks: "School weeks without a plan update before it is flagged",
  reviewGraceSchoolDays: "School days after a half term ends before its review counts as missed",
  checkinHighSchoolDays: "School days a check-in is overdue before the flag is high",
};

const KEY = "flag_thresholds";

/** The trust's thresholds, defaults filled in. */
export async function loadThresholds(db: Db): Promise<FlagThresholds> {
  const [row] = await db.select({ value: trustSettings.value }).from(trustSettings).where(eq(trustSettings.key, KEY)).limit(1);
  const parsed = thresholdsSchema.safeParse({ ...DEFAULT_THRESHOLDS, ...((row?.value as object | undefined) ?? {}) });
  return parsed.success ? parsed.data : { ...DEFAULT_THRESHOLDS };
}

/** Saves a change to some thresholds; the rest keep their values. */
export async function saveThresholds(db: Db, change: Partial<FlagThresholds>, actorId: string): Promise<FlagThresholds> {
  const value = thresholdsSchema.parse({ ...(await loadThresholds(db)), ...change });
  await db
    .insert(trustSettings)
    .values({ key: KEY, value, updatedBy: actorId })
    .onConflictDoUpdate({ target: trustSettings.key, set: { value, updatedBy: actorId, updatedAt: new Date() } });
  return value;
}
