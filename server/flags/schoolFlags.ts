/** Flags for every school (or some): facts read once for the trust, rules run per school, acknowledgements applied. */
import { academicYearOfDay } from "../../shared/calendar/index.js";
import { loadCalendarsForSchools } from "../calendar/calendarStore.js";
import type { Db } from "../db/client.js";
import type { SefGrade } from "../progress/apiTypes.js";
import { englandDay, factsVersionSql, loadFlagFacts, loadPlanFacts, openAreas } from "./flagFacts.js";
import { rowsOf } from "../progress/queries/sefGrades.js";
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

const WEAK_GRADES = new Set(["needs_attention", "urgent_improvement", "requires_improvement", "inadequate"]);

/**
 * The last computation per database: flags change only when their facts do, so a dashboard read
 * with the same facts version, plan-edit days, SEF grades and day reuses it (a WeakMap, so a
 * closed test database takes its entry with it).
 */
const lastRun = new WeakMap<Db, { key: string; flags: Map<string, SchoolFlag[]> }>();

/** Each school's flags on `today`, from its SEF grades (already loaded by the dashboard) and the facts. */
export async function computeFlags(db: Db, schools: { id: string; sef: SefGrade[] }[], today: string): Promise<Map<string, SchoolFlag[]>> {
  const [versionRows, planFacts] = await Promise.all([db.execute(factsVersionSql()), loadPlanFacts(db)]);
  const version = rowsOf<{ version: string }>(versionRows)[0]?.version ?? "";
  const plans = groupBy(planFacts);
  const lastEdit = [...plans].map(([id, ps]) => `${id}:${ps.length}:${ps.map((p) => englandDay(p.edited_at)).sort().at(-1)}`).sort().join(",");
  const sefKey = schools.map((s) => `${s.id}:${s.sef.map((g) => `${g.framework}/${g.area}/${g.grade}`).join(";")}`).join(",");
  const key = `${today}|${version}|${lastEdit}|${sefKey}`;
  const cached = lastRun.get(db);
  if (cached?.key === key) return cached.flags;

  const academicYear = academicYearOfDay(today);
  const weak = schools.flatMap((s) => s.sef.filter((g) => WEAK_GRADES.has(g.grade)).map((g) => ({ schoolId: s.id, area: g.area })));
  const [facts, open, thresholds, calendars] = await Promise.all([
    loadFlagFacts(db, today),
    openAreas(db, weak),
    loadThresholds(db),
    loadCalendarsForSchools(db, [previousYear(academicYear), academicYear], schools.map((s) => s.id)),
  ]);
  const actions = groupBy([...facts.actions, ...open]);
  const reviews = groupBy(facts.reviews);
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
  // Only whole-trust runs are kept: a one-school run (acknowledging) must not stand in for the dashboard.
  if (schools.length > 1) lastRun.set(db, { key, flags: out });
  return out;
}

/** Adds `flags` to each row of the trust dashboard. */
export async function attachFlags<R extends { id: string; sef: SefGrade[] }>(db: Db, dashboard: { schools: R[] }, today: string) {
  const flags = await computeFlags(db, dashboard.schools, today);
  return { ...dashboard, schools: dashboard.schools.map((s) => ({ ...s, flags: flags.get(s.id) ?? [] })) };
}
