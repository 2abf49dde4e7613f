/**
 * The trust's calendar (issue 13): an academic year's six half terms, from which terms follow,
 * and the date arithmetic client and server share (which half term a day falls in, school days
 * between two dates). Dates are ISO calendar days (YYYY-MM-DD), compared as strings, never as
 * instants, so no time zone can move a day across a boundary.
 */
import { TERMS, type Term } from "../enumValues.js";

/** The half terms of a year, in order. */
export const HALF_TERMS = ["autumn-1", "autumn-2", "spring-1", "spring-2", "summer-1", "summer-2"] as const;
export type HalfTermKey = (typeof HALF_TERMS)[number];

/** The term a half term belongs to. */
export const termOf = (key: HalfTermKey): Term => key.split("-")[0] as Term;

const TERM_LABELS: Record<Term, string> = { autumn: "Autumn", spring: "Spring", summer: "Summer" };

/** "Autumn 2": how people name a half term. */
export const halfTermLabel = (key: string): string => {
  const [term, n] = key.split("-");
  return `${TERM_LABELS[term as Term] ?? term} ${n ?? ""}`.trim();
};

/** "Autumn term". */
export const termLabel = (term: Term): string => `${TERM_LABELS[term]} term`;

/** One half term's dates, as stored (trust-wide or a school's own); checked by ./schemas.ts. */
export interface HalfTermDates {
  halfTerm: HalfTermKey;
  startsOn: string;
  endsOn: string;
}

/** A half term as the API returns it. */
export interface HalfTerm extends HalfTermDates {
  label: string;
  term: Term;
  /** Whether a school's own dates replaced the trust's for this half term. */
  overridden: boolean;
}

/** A term, spanning its two half terms. */
export interface TermDates {
  term: Term;
  label: string;
  startsOn: string;
  endsOn: string;
  halfTerms: HalfTerm[];
}

/** One academic year's calendar, as `GET /api/calendar` returns it. */
export interface AcademicCalendar {
  academicYear: string;
  schoolId: string | null;
  terms: TermDates[];
  halfTerms: HalfTerm[];
}

/** The school's dates win over the trust's, half term by half term. */
export function mergeCalendar(academicYear: string, trust: HalfTermDates[], school: HalfTermDates[] = [], schoolId: string | null = null): AcademicCalendar {
  const own = new Map(school.map((h) => [h.halfTerm, h]));
  const base = new Map(trust.map((h) => [h.halfTerm, h]));
  const halfTerms: HalfTerm[] = [];
  for (const key of HALF_TERMS) {
    const chosen = own.get(key) ?? base.get(key);
    if (!chosen) continue;
    halfTerms.push({ halfTerm: key, startsOn: chosen.startsOn, endsOn: chosen.endsOn, label: halfTermLabel(key), term: termOf(key), overridden: own.has(key) });
  }
  const terms: TermDates[] = [];
  for (const term of TERMS) {
    const halves = halfTerms.filter((h) => h.term === term);
    if (!halves.length) continue;
    terms.push({ term, label: termLabel(term), startsOn: halves[0]!.startsOn, endsOn: halves.at(-1)!.endsOn, halfTerms: halves });
  }
  return { academicYear, schoolId, terms, halfTerms };
}

/** Problems with a year's half terms as a whole: out of order or overlapping. Empty when fine. */
export function calendarProblems(halfTerms: readonly HalfTermDates[]): string[] {
  const sorted = [...halfTerms].sort((a, b) => HALF_TERMS.indexOf(a.halfTerm) - HALF_TERMS.indexOf(b.halfTerm));
  const problems: string[] = [];
  for (let i = 1; i < sorted.length; i++) {
    const prev = sorted[i - 1]!;
    const next = sorted[i]!;
    if (next.startsOn <= prev.endsOn) problems.push(`${halfTermLabel(next.halfTerm)} must start after ${halfTermLabel(prev.halfTerm)} ends`);
  }
  return problems;
}

/** Where a day sits in the year: the half term it falls in (edges included), else the holiday between two. */
export interface CalendarPosition {
  /** The half term containing the day, or null in a holiday or outside the year. */
  current: HalfTerm | null;
  /** The latest half term that started on or before the day (the current one in term time). */
  latest: HalfTerm | null;
  /** The next half term to start after the day. */
  next: HalfTerm | null;
}

/** Which half term `day` falls in. */
export function positionOn(calendar: Pick<AcademicCalendar, "halfTerms">, day: string): CalendarPosition {
  let latest: HalfTerm | null = null;
  let next: HalfTerm | null = null;
  for (const h of calendar.halfTerms) {
    if (h.startsOn <= day) latest = h;
    else if (!next) next = h;
  }
  const current = latest && day <= latest.endsOn ? latest : null;
  return { current, latest, next };
}

/** The academic year a day falls in ("2026/27"): September starts a new one. */
export function academicYearOfDay(day: string): string {
  const year = Number(day.slice(0, 4));
  const start = Number(day.slice(5, 7)) >= 9 ? year : year - 1;
  return `${start}/${String((start + 1) % 100).padStart(2, "0")}`;
}

/** The year after ("2026/27" -> "2027/28"). */
export function nextAcademicYear(year: string): string {
  const start = Number(year.slice(0, 4)) + 1;
  return `${start}/${String((start + 1) % 100).padStart(2, "0")}`;
}

const DAY_MS = 86_400_000;
const dayNumber = (day: string) => Math.floor(Date.parse(`${day}T00:00:00Z`) / DAY_MS);
/** Monday to Friday, for a day number counted from 1 Jan 1970 (a Thursday). */
const isWeekday = (n: number) => {
  const dow = (n + 4) % 7; // 0 = Sunday
  return dow !== 0 && dow !== 6;
};

/**
 * School days after `from` up to and including `to`: weekdays inside a half term of the given
 * calendars. Days outside every given year count as school days when they are weekdays, so a
 * trust that has not entered a year's dates still sees a sensible figure.
 */
export function schoolDaysBetween(calendars: readonly Pick<AcademicCalendar, "academicYear" | "halfTerms">[], from: string, to: string): number {
  if (to <= from) return 0;
  const start = dayNumber(from) + 1;
  const end = dayNumber(to);
  const ranges = calendars.flatMap((c) => c.halfTerms.map((h) => [dayNumber(h.startsOn), dayNumber(h.endsOn)] as const));
  const years = calendars
    .filter((c) => c.halfTerms.length)
    .map((c) => [dayNumber(`${c.academicYear.slice(0, 4)}-09-01`), dayNumber(`${Number(c.academicYear.slice(0, 4)) + 1}-08-31`)] as const);
  let n = 0;
  for (let d = start; d <= end; d++) {
    if (!isWeekday(d)) continue;
    const known = years.some(([a, b]) => d >= a && d <= b);
    if (!known || ranges.some(([a, b]) => d >= a && d <= b)) n++;
  }
  return n;
}

/** The dates of England's 2026/27 school year as many local authorities set them: the demo trust's calendar. */
export const ENGLAND_2026_27: HalfTermDates[] = [
  { halfTerm: "autumn-1", startsOn: "2026-09-03", endsOn: "2026-10-23" },
  { halfTerm: "autumn-2", startsOn: "2026-11-02", endsOn: "2026-12-18" },
  { halfTerm: "spring-1", startsOn: "2027-01-04", endsOn: "2027-02-12" },
  { halfTerm: "spring-2", startsOn: "2027-02-22", endsOn: "2027-03-25" },
  { halfTerm: "summer-1", startsOn: "2027-04-12", endsOn: "2027-05-28" },
  { halfTerm: "summer-2", startsOn: "2027-06-07", endsOn: "2027-07-20" },
];

/** The order of review points across years: "2026/27 autumn-2" sorts after "2026/27 autumn-1". */
export const reviewPointOrder = (academicYear: string, halfTerm: string): number =>
  Number(academicYear.slice(0, 4)) * 10 + HALF_TERMS.indexOf(halfTerm as HalfTermKey);

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** "18 Dec 2026" from "2026-12-18": UK dates, the same on client and server. */
export function ukDay(day: string): string {
  const [y, m, d] = day.split("-");
  return `${Number(d)} ${MONTHS[Number(m) - 1] ?? m} ${y}`;
}
