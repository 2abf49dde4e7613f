/** Flags for every school (or some): facts read once for the trust, rules run per school, acknowledgements applied. */
import { academicYearOfDay } from "../../shared/calendar/index.js";
import { loadCalendarsForSchools } from "../calendar/calendarStore.js";
import type { Db } from "../db/client.js";
import type { SefGrade } from "../progress/apiTypes.js";
import { loadFlagFacts } from "./flagFacts.js";
import { runRules, type SchoolFacts } from "./rules.js";
import { loadThresholds } from "./thresholds.js";
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

/** Each school's flags on `today`, from its SEF grades (already loaded by the dashboard) and the facts. */
export async function computeFlags(db: Db, schools: { id: string; sef: SefGrade[] }[], today: string): Promise<Map<string, SchoolFlag[]>> {
  const academicYear = academicYearOfDay(today);
  const [facts, thresholds, calendars] = await Promise.all([
    loadFlagFacts(db, today),
    loadThresholds(db),
    loadCalendarsForSchools(db, [previousYear(academicYear), academicYear], schools.map((s) => s.id)),
  ]);
  const actions = groupBy(facts.actions);
  const reviews = groupBy(facts.reviews);
  const plans = groupBy(facts.plans);
  const checkins = groupBy(facts.checkins);
  const tiers = new Map(facts.tiers.map((t) => [t.school_id, t]));
  const acks = new Map(facts.acks.map((a) => [`${a.school_id}|${a.rule}`, a]));
  const out = new Map<string, SchoolFlag[]>();
  for (const s of schools) {
    const schoolFacts: SchoolFacts = {
      today, academicYear, calendars: calendars.get(s.id) ?? [], actions: actions.get(s.id) ?? [], reviews: reviews.get(s.id) ?? [],
      plans: plans.get(s.id) ?? [], checkins: checkins.get(s.id) ?? [], tier: tiers.get(s.id) ?? null, sef: s.sef,
    };
    const flags = runRules(schoolFacts, thresholds).map((f): SchoolFlag => {
      const ack = acks.get(`${s.id}|${f.rule}`);
      // Quiet only while the facts are the ones acknowledged: a new overdue action raises it again.
      const acknowledged = ack && ack.facts === f.facts ? { note: ack.note, by: { id: ack.acknowledged_by, name: ack.name }, at: new Date(ack.acknowledged_at).toISOString() } : null;
      return { ...f, acknowledged };
    });
    out.set(s.id, flags.sort(flagOrder));
  }
  return out;
}

/** Adds `flags` to each row of the trust dashboard. */
export async function attachFlags<R extends { id: string; sef: SefGrade[] }>(db: Db, dashboard: { schools: R[] }, today: string) {
  const flags = await computeFlags(db, dashboard.schools, today);
  return { ...dashboard, schools: dashboard.schools.map((s) => ({ ...s, flags: flags.get(s.id) ?? [] })) };
}
