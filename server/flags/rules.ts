/**
 * The early-warning rules (issue 13), each a pure function of one school's facts: it returns a
 * flag with a sentence that says why, or null. Thresholds are the trust's (flags/thresholds.ts).
 */
import { halfTermLabel, reviewPointOrder, schoolDaysBetween, ukDay, type AcademicCalendar } from "../../shared/calendar/index.js";
import type { SefGrade } from "../progress/apiTypes.js";
import { describeCadence, nextCheckins } from "../schools/supportCadence.js";
import type { ActionGroup, PlanFact, ReviewFact } from "./flagFacts.js";
import type { FlagThresholds } from "./thresholds.js";
import type { FlagRule, FlagSeverity } from "./types.js";

/** Everything the rules know about one school. */
export interface SchoolFacts {
  today: string;
  academicYear: string;
  /** This year's calendar as the school sees it, and last year's (school days cross the summer). */
  calendars: AcademicCalendar[];
  actions: ActionGroup[];
  reviews: ReviewFact[];
  plans: PlanFact[];
  checkins: { kind: string; held_on: string }[];
  tier: { set_at: string | Date; level: number; name: string; ceo_one_to_one_weeks: number; health_checks_per_year: number } | null;
  sef: SefGrade[];
}

/** A flag before acknowledgements are applied. */
export interface RawFlag {
  rule: FlagRule;
  severity: FlagSeverity;
  explanation: string;
  facts: string;
}

type Rule = (f: SchoolFacts, t: FlagThresholds) => RawFlag | null;

const plural = (n: number, word: string, many = `${word}s`) => `${n} ${n === 1 ? word : many}`;
// School days counted once per calendar and pair of days: the count walks day by day, and the
// dashboard runs every school's rules again over the same calendars when a threshold moves.
const counted = new WeakMap<readonly AcademicCalendar[], Map<string, number>>();
const days = (f: SchoolFacts, from: string) => {
  const memo = counted.get(f.calendars) ?? new Map<string, number>();
  counted.set(f.calendars, memo);
  const key = `${from}|${f.today}`;
  const n = memo.get(key) ?? schoolDaysBetween(f.calendars, from, f.today);
  memo.set(key, n);
  return n;
};
const minDay = (values: (string | null)[]) => values.filter((v): v is string => !!v).sort()[0] ?? null;

function overdueOf(groups: ActionGroup[]) {
  return { n: groups.reduce((s, g) => s + Number(g.overdue), 0), oldest: minDay(groups.map((g) => g.oldest)) };
}

const actionsOverdue: Rule = (f, t) => {
  const { n, oldest } = overdueOf(f.actions);
  if (!n || !oldest) return null;
  const late = days(f, oldest);
  return {
    rule: "actions_overdue",
    severity: n >= t.overdueHighCount || late >= t.overdueHighSchoolDays ? "high" : "medium",
    explanation: `${plural(n, "action")} overdue, oldest by ${plural(late, "school day")} (due ${ukDay(oldest)})`,
    facts: `${n}|${oldest}`,
  };
};

const watermelon: Rule = (f, t) => {
  const { n, oldest } = overdueOf(f.actions.filter((g) => g.rag === "green" || g.rag === "amber"));
  if (!n || !oldest) return null;
  return {
    rule: "watermelon",
    severity: n >= t.watermelonHighCount ? "high" : "medium",
    explanation: `${plural(n, "action")} rated green or amber but overdue (oldest due ${ukDay(oldest)}): the RAG may be kinder than the dates`,
    facts: `${n}|${oldest}`,
  };
};

/** The school's latest review point: every review held at it (one per plan), the plans still live first. */
function latestPoint(reviews: ReviewFact[]): ReviewFact[] {
  if (!reviews.length) return [];
  const order = (r: ReviewFact) => reviewPointOrder(r.academic_year, r.half_term);
  const top = Math.max(...reviews.map(order));
  return reviews.filter((r) => order(r) === top).sort((a, b) => a.id.localeCompare(b.id));
}

function reviewMove(f: SchoolFacts, field: "redAgain" | "fell") {
  const point = latestPoint(f.reviews).filter((r) => r.summary.previousReviewId);
  const n = point.reduce((s, r) => s + (r.summary[field] ?? 0), 0);
  const r = point[0];
  return r ? { n, now: halfTermLabel(r.half_term), before: halfTermLabel(r.summary.previousHalfTerm ?? ""), ids: point.map((p) => p.id).join(",") } : null;
}

const redTwice: Rule = (f, t) => {
  const m = reviewMove(f, "redAgain");
  if (!m?.n) return null;
  return {
    rule: "red_twice",
    severity: m.n >= t.redTwiceHighCount ? "high" : "medium",
    explanation: `${plural(m.n, "target or action", "targets or actions")} red at both the ${m.before} and ${m.now} reviews`,
    facts: `${m.ids}|${m.n}`,
  };
};

const ragFalling: Rule = (f, t) => {
  const m = reviewMove(f, "fell");
  if (!m?.n) return null;
  return {
    rule: "rag_falling",
    severity: m.n >= t.fallingHighCount ? "high" : "medium",
    explanation: `RAG fell for ${plural(m.n, "target or action", "targets or actions")} between the ${m.before} and ${m.now} reviews`,
    facts: `${m.ids}|${m.n}`,
  };
};

const planStale: Rule = (f, t) => {
  if (!f.plans.length) return null;
  const last = f.plans.map((p) => p.edited_on).sort().at(-1)!;
  const weeks = Math.floor(days(f, last) / 5);
  if (weeks < t.planStaleSchoolWeeks) return null;
  return {
    rule: "plan_stale",
    severity: weeks >= 2 * t.planStaleSchoolWeeks ? "high" : "medium",
    explanation: `Plans not updated for ${plural(weeks, "school week")} (last change ${ukDay(last)})`,
    facts: last,
  };
};

const reviewMissed: Rule = (f, t) => {
  const calendar = f.calendars.find((c) => c.academicYear === f.academicYear);
  if (!calendar || !f.plans.some((p) => p.academic_year === f.academicYear)) return null;
  const held = new Set(f.reviews.filter((r) => r.academic_year === f.academicYear).map((r) => r.half_term));
  const missed = calendar.halfTerms.filter((h) => h.endsOn < f.today && days(f, h.endsOn) > t.reviewGraceSchoolDays && !held.has(h.halfTerm));
  if (!missed.length) return null;
  const names = missed.map((h) => `${h.label} (ended ${ukDay(h.endsOn)})`);
  return {
    rule: "review_missed",
    severity: missed.length >= 2 ? "high" : "medium",
    explanation: `No review recorded for ${names.join(" or ")}`,
    facts: missed.map((h) => h.halfTerm).join(","),
  };
};

const KIND_LABEL: Record<string, string> = { ceo_one_to_one: "CEO 1:1", health_check: "Health check" };

const checkinOverdue: Rule = (f, t) => {
  if (!f.tier) return null;
  const cadence = { ceoOneToOneWeeks: f.tier.ceo_one_to_one_weeks, healthChecksPerYear: f.tier.health_checks_per_year };
  const due = nextCheckins(cadence, f.checkins.map((c) => ({ kind: c.kind, heldOn: c.held_on })), new Date(f.tier.set_at), new Date(`${f.today}T12:00:00Z`)).filter((c) => c.overdue);
  if (!due.length) return null;
  const words = describeCadence(cadence);
  const late = Math.max(...due.map((c) => days(f, c.due)));
  return {
    rule: "checkin_overdue",
    severity: late >= t.checkinHighSchoolDays ? "high" : "medium",
    explanation: due
      .map((c) => `${KIND_LABEL[c.kind] ?? c.kind} overdue since ${ukDay(c.due)} (${c.kind === "ceo_one_to_one" ? words.ceoOneToOne : words.healthCheck} for Tier ${f.tier!.level}, ${f.tier!.name})`)
      .join("; "),
    facts: due.map((c) => `${c.kind}:${c.due}`).join(","),
  };
};

/** Grades below the expected standard on either framework's own scale (never mapped onto each other). */
const WEAK_GRADES = new Set(["needs_attention", "urgent_improvement", "requires_improvement", "inadequate"]);
const SEVERE_GRADES = new Set(["urgent_improvement", "inadequate"]);

const sefWithoutAction: Rule = (f) => {
  const open = new Set(f.actions.filter((g) => Number(g.open) > 0 && g.area).map((g) => g.area!));
  const bare = f.sef.filter((g) => WEAK_GRADES.has(g.grade) && !open.has(g.area));
  if (!bare.length) return null;
  const list = bare.map((g) => `${g.areaLabel} (${g.gradeLabel.toLowerCase()})`);
  return {
    rule: "sef_without_action",
    severity: bare.some((g) => SEVERE_GRADES.has(g.grade)) ? "high" : "medium",
    explanation: bare.length === 1
      ? `${bare[0]!.areaLabel} is graded ${bare[0]!.gradeLabel.toLowerCase()} in the SEF with no open action in that area`
      : `${bare.length} areas graded below the expected standard in the SEF with no open action: ${list.join(", ")}`,
    facts: bare.map((g) => `${g.framework}:${g.area}:${g.grade}`).join(","),
  };
};

/** Every rule, in the order a watch list explains them. */
export const RULES: Rule[] = [actionsOverdue, watermelon, redTwice, ragFalling, planStale, reviewMissed, checkinOverdue, sefWithoutAction];

/** Runs every rule over one school. */
export const runRules = (facts: SchoolFacts, thresholds: FlagThresholds): RawFlag[] =>
  RULES.map((r) => r(facts, thresholds)).filter((x): x is RawFlag => x !== null);

