/**
 * Flags feed notifications: a trust lead hears of a high-severity flag when it appears for a
 * school, unless a trust lead has acknowledged it. Each flag is told once per set of facts (the
 * notification's dedupe key carries a hash of them), so a flag that stays as it is stays quiet,
 * and one whose facts move ("5 actions overdue" becoming 6) is told again.
 */
import { createHash } from "node:crypto";
import type { Db } from "../db/client.js";
import type { Logger } from "../logger.js";
import type { ProgressEvents } from "../events/progressEvents.js";
import { holdersOf } from "../notifications/recipients.js";
import type { Notifier } from "../notifications/Notifier.js";
import { todayInEngland } from "../progress/queries/filters.js";
import { latestSefGrades } from "../progress/queries/sefGrades.js";
import { loadSchoolsWithTier } from "../schools/loadSchools.js";
import { computeFlags } from "./schoolFlags.js";
import type { SchoolFlag } from "./types.js";

const RULE_TITLES: Record<SchoolFlag["rule"], string> = {
  actions_overdue: "actions overdue",
  watermelon: "green or amber but overdue",
  red_twice: "red at two reviews running",
  rag_falling: "RAG falling between reviews",
  plan_stale: "plan not updated",
  review_missed: "a review missed",
  checkin_overdue: "check-in overdue",
  sef_without_action: "SEF weakness without an action",
};

/** The key that keeps one flag with one set of facts to one notification per person. */
export const flagDedupeKey = (schoolId: string, flag: Pick<SchoolFlag, "rule" | "facts">) =>
  `flag:${schoolId}:${flag.rule}:${createHash("sha256").update(flag.facts).digest("base64url").slice(0, 22)}`;

/** Tells the trust leads of every loud high flag of these schools; returns how many notifications were made. */
export async function notifyHighFlags(db: Db, notifier: Notifier, schools: { id: string; name: string }[], flags: Map<string, SchoolFlag[]>): Promise<number> {
  if (!schools.length) return 0;
  // Trust-wide holders only, so any school id serves.
  const leads = await holdersOf(db, schools[0]!.id, [], ["trust_lead"]);
  if (!leads.length) return 0;
  let made = 0;
  for (const school of schools) {
    for (const flag of flags.get(school.id) ?? []) {
      if (flag.severity !== "high" || flag.acknowledged) continue;
      const sent = await notifier.send({
        kind: "flag_raised", userIds: leads, about: { schoolId: school.id },
        title: `${school.name}: ${RULE_TITLES[flag.rule]}`, excerpt: flag.explanation, link: "/trust",
        dedupeKey: flagDedupeKey(school.id, flag),
      });
      made += sent.length;
    }
  }
  return made;
}

/** Computes these schools' flags (all schools when none are named) and tells the trust leads of new high ones. */
export async function notifyFlagsOf(db: Db, notifier: Notifier, schoolIds: string[] | "all", today = todayInEngland()): Promise<number> {
  const rows = await loadSchoolsWithTier(db, schoolIds);
  if (!rows.length) return 0;
  const sef = await latestSefGrades(db, schoolIds !== "all" && schoolIds.length === 1 ? schoolIds[0] : undefined);
  const schools = rows.map((r) => ({ id: r.school.id, name: r.school.name, sef: sef.get(r.school.id) ?? [] }));
  return notifyHighFlags(db, notifier, schools, await computeFlags(db, schools, today));
}

/**
 * Listens to the progress bus: once a school's plans have been quiet for `delayMs` after an
 * extraction, its flags are computed and new high ones told. Time passing (an action falling
 * overdue overnight, a review missed) is the daily job's part. The facts are read for the whole
 * trust even for one school (flagFacts has no per-school reads yet), so the wait also keeps a
 * burst of typing to one computation.
 */
export function watchFlags(options: { db: Db; notifier: Notifier; progress: ProgressEvents; logger: Logger; delayMs?: number }): { stop: () => void } {
  const { db, notifier, progress, logger, delayMs = 5000 } = options;
  const timers = new Map<string, NodeJS.Timeout>();
  const unsubscribe = progress.subscribe(({ schoolId }) => {
    clearTimeout(timers.get(schoolId));
    const timer = setTimeout(() => {
      timers.delete(schoolId);
      notifier.track(notifyFlagsOf(db, notifier, [schoolId]).catch((err) => logger.error("flags: notifying failed", { schoolId, err: String((err as Error)?.stack ?? err) })));
    }, delayMs);
    timer.unref();
    timers.set(schoolId, timer);
  });
  return {
    stop: () => {
      unsubscribe();
      for (const t of timers.values()) clearTimeout(t);
      timers.clear();
    },
  };
}
