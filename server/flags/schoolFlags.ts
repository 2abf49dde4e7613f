/** Flags for every school (or some): facts read for those schools in a few grouped queries, rules run per school, acknowledgements applied. */
import { type AcademicCalendar, academicYearOfDay } from "../../shared/calendar/index.js";
import { loadCalendarsForSchools } from "../calendar/calendarStore.js";
import type { Db } from "../db/client.js";
import type { SefGrade } from "../progress/apiTypes.js";
import { type AckFact, type ActionGroup, loadAcknowledgements, loadFlagFacts, loadPlanFacts, openAreas, type PlanFact, type ReviewFact } from "./flagFacts.js";
import { runRules, type SchoolFacts } from "./rules.js";
import { type FlagThresholds, loadThresholds } from "./thresholds.js";
import { FLAG_RULES, severityRank, type SchoolFlag } from "./types.js";

const previousYear = (year: string) => {
  const start = Number(year.slice(0, 4)) - 1;
  return `${start}/${String((start + 1) % 100).padStart(2, "0")}`;
};

function groupBy<T extends { school_id: string }>(rows: T[]): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const r of rows) {
    const list = out.get(r.school_id);
    if (list) list.push(r);
    else out.set(r.school_id, [r]);
  }
  return out;
}

/** Loud flags first, by severity, then in rule order; acknowledged (quiet) ones last. */
export const flagOrder = (a: SchoolFlag, b: SchoolFlag) =>
  Number(a.acknowledged !== null) - Number(b.acknowledged !== null) || severityRank(a.severity) - severityRank(b.severity) || FLAG_RULES.indexOf(a.rule) - FLAG_RULES.indexOf(b.rule);

const WEAK_GRADES = new Set(["needs_attention", "urgent_improvement", "requires_improvement", "inadequate"]);

/** The areas a school's SEF grades as weak (an area may come twice, once per framework). */
export const weakAreas = (sef: SefGrade[]) => sef.filter((g) => WEAK_GRADES.has(g.grade)).map((g) => g.area);

/** One school's own facts: what changes only when that school's rows do. */
export interface OwnFacts {
  actions: ActionGroup[];
  reviews: ReviewFact[];
  checkins: SchoolFacts["checkins"];
  tier: SchoolFacts["tier"];
}

/** What every school's rules share: plans (edits are logged trust-wide), thresholds, calendars and acknowledgements. */
export interface SharedFacts {
  plans: Map<string, PlanFact[]>;
  thresholds: FlagThresholds;
  calendars: Map<string, AcademicCalendar[]>;
  acks: Map<string, AckFact>;
}

/** The academic years the rules read: this one, and last one (school days cross the summer). */
export const flagYears = (today: string) => {
  const year = academicYearOfDay(today);
  return [previousYear(year), year];
};

/** These schools' own facts (all schools when `schoolIds` is undefined), from their SEF grades and rows. */
export async function loadOwnFacts(
  db: Db,
  schools: { id: string; sef: SefGrade[] }[],
  today: string,
  schoolIds?: readonly string[],
  // Started by a caller that reads the schools' SEF grades meanwhile: these facts do not depend on them.
  started?: ReturnType<typeof loadFlagFacts>,
): Promise<Map<string, OwnFacts>> {
  const weak = schools.flatMap((s) => weakAreas(s.sef).map((area) => ({ schoolId: s.id, area })));
  const [facts, open] = await Promise.all([started ?? loadFlagFacts(db, today, schoolIds), openAreas(db, weak)]);
  const actions = groupBy([...facts.actions, ...open]);
  const reviews = groupBy(facts.reviews);
  const checkins = groupBy(facts.checkins);
  const tiers = new Map(facts.tiers.map((t) => [t.school_id, t]));
  return new Map(
    schools.map((s) => [s.id, { actions: actions.get(s.id) ?? [], reviews: reviews.get(s.id) ?? [], checkins: checkins.get(s.id) ?? [], tier: tiers.get(s.id) ?? null }]),
  );
}

/** Plans by school, from their facts. */
export const plansBySchool = (plans: PlanFact[]) => groupBy(plans);

/** Acknowledgements by school and rule. */
export const acksBySchool = (acks: AckFact[]) => new Map(acks.map((a) => [`${a.school_id}|${a.rule}`, a]));

/** One school's flags from its facts: the rules run, acknowledgements applied, loudest first. */
export function flagsOf(school: { id: string; sef: SefGrade[] }, own: OwnFacts | undefined, shared: SharedFacts, today: string): SchoolFlag[] {
  const schoolFacts: SchoolFacts = {
    today, academicYear: academicYearOfDay(today), calendars: shared.calendars.get(school.id) ?? [], actions: own?.actions ?? [], reviews: own?.reviews ?? [],
    plans: shared.plans.get(school.id) ?? [], checkins: own?.checkins ?? [], tier: own?.tier ?? null, sef: school.sef,
  };
  const flags = runRules(schoolFacts, shared.thresholds).map((f): SchoolFlag => {
    const ack = shared.acks.get(`${school.id}|${f.rule}`);
    // Quiet only while the facts are the ones acknowledged: a new overdue action raises it again.
    const acknowledged = ack && ack.facts === f.facts ? { note: ack.note, by: { id: ack.acknowledged_by, name: ack.name }, at: new Date(ack.acknowledged_at).toISOString() } : null;
    return { ...f, acknowledged };
  });
  return flags.sort(flagOrder);
}

/**
 * Each school's flags on `today`, from its SEF grades (already loaded by the caller) and the facts,
 * read for these schools only. The trust dashboard keeps its own per-school facts (dashboardCache.ts).
 */
export async function computeFlags(db: Db, schools: { id: string; sef: SefGrade[] }[], today: string): Promise<Map<string, SchoolFlag[]>> {
  const ids = schools.map((s) => s.id);
  const [own, plans, thresholds, calendars, acks] = await Promise.all([
    loadOwnFacts(db, schools, today, ids),
    loadPlanFacts(db, ids),
    loadThresholds(db),
    loadCalendarsForSchools(db, flagYears(today), ids),
    loadAcknowledgements(db, ids),
  ]);
  const shared: SharedFacts = { plans: plansBySchool(plans), thresholds, calendars, acks: acksBySchool(acks) };
  return new Map(schools.map((s) => [s.id, flagsOf(s, own.get(s.id), shared, today)]));
}

/** Adds `flags` to each row of the trust dashboard. */
export async function attachFlags<R extends { id: string; sef: SefGrade[] }>(db: Db, dashboard: { schools: R[] }, today: string) {
  const flags = await computeFlags(db, dashboard.schools, today);
  return { ...dashboard, schools: dashboard.schools.map((s) => ({ ...s, flags: flags.get(s.id) ?? [] })) };
}
