/**
 * Reading the dates schools write in plans: "18/12/2026", "18 Dec 2026", "December 2026", and term
 * names ("Autumn 2", "end of Spring term", "Summer 2027"), resolved against the plan's academic year.
 * A deadline that names a month or a term means its end; a range gives a start and a due date.
 */
import type { Term } from "../../shared/enums.js";
import { calendarYearOfTerm, englandHalfTerms, type HalfTermDates } from "../../shared/englandTermDates.js";

/** The half terms of an academic year: the trust's calendar where it has one, else England's conventional dates. */
export type TermCalendar = (academicYear: string) => HalfTermDates[];

/** What a date cell said: a due date, sometimes a start, and a note when the reading was not exact. */
export interface ReadDate {
  due: string;
  start: string | null;
  note: string | null;
}

const MONTHS: Record<string, number> = {
  jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, sept: 9, oct: 10, nov: 11, dec: 12,
};
const pad = (n: number) => String(n).padStart(2, "0");
const lastDayOf = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

function isoOf(y: number, m: number, d: number): string | null {
  if (m < 1 || m > 12 || d < 1 || d > lastDayOf(y, m)) return null;
  return `${y}-${pad(m)}-${pad(d)}`;
}

const monthOf = (word: string): number | undefined => MONTHS[word.slice(0, word.toLowerCase().startsWith("sept") ? 4 : 3).toLowerCase()];

/** The calendar year a month without a year falls in, within the academic year (September to August). */
function yearForMonth(academicYear: string, month: number): number {
  const first = Number(academicYear.slice(0, 4));
  return month >= 9 ? first : first + 1;
}

function fullYear(text: string): number {
  const n = Number(text);
  return text.length === 2 ? 2000 + n : n;
}

/** One date-like phrase (no range): a day, a month, a term or a half term. `edge` says which end of a period. */
function readOne(raw: string, academicYear: string, edge: "start" | "end", calendar: TermCalendar): { date: string; note: string | null } | null {
  const text = raw.trim().toLowerCase().replace(/[.,]+$/, "").replace(/\s+/g, " ");
  if (!text) return null;
  let m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (m) {
    const date = isoOf(Number(m[1]), Number(m[2]), Number(m[3]));
    return date ? { date, note: null } : null;
  }
  // 18/12/2026, 18.12.26, 18-12-2026: always day first in the UK.
  m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})$/.exec(text);
  if (m) {
    const date = isoOf(fullYear(m[3]!), Number(m[2]), Number(m[1]));
    return date ? { date, note: null } : null;
  }
  // 18 Dec 2026, 18th December 2026, Friday 18 December, 18 Dec
  m = /^(?:[a-z]+day )?(\d{1,2})(?:st|nd|rd|th)? (?:of )?([a-z]+)(?: (\d{2}|\d{4}))?$/.exec(text);
  if (m) {
    const month = monthOf(m[2]!);
    if (!month) return null;
    const year = m[3] ? fullYear(m[3]) : yearForMonth(academicYear, month);
    const date = isoOf(year, month, Number(m[1]));
    return date ? { date, note: m[3] ? null : `no year given: read as ${year}` } : null;
  }
  // December 2026, Dec 26, December: the end (or the start) of the month.
  m = /^(?:(?:by|end of|beginning of|start of) )?([a-z]+)(?: (\d{2}|\d{4}))?$/.exec(text);
  if (m && monthOf(m[1]!)) {
    const month = monthOf(m[1]!)!;
    const year = m[2] ? fullYear(m[2]) : yearForMonth(academicYear, month);
    const wantsStart = edge === "start" || /^(beginning|start) of /.test(text);
    return { date: isoOf(year, month, wantsStart ? 1 : lastDayOf(year, month))!, note: null };
  }
  return readTerm(text, academicYear, edge, calendar);
}

/** "Autumn 2", "end of Spring term", "Summer 2027", "Summer 1 2027", "spring half term". */
function readTerm(text: string, academicYear: string, edge: "start" | "end", calendar: TermCalendar): { date: string; note: string | null } | null {
  const m = /^(?:(by|end of|by the end of|beginning of|start of|by the start of) (?:the )?)?(autumn|spring|summer)(?: term)?(?: ?(1|2|i|ii|one|two))?(?: (?:term|half[- ]?term))?(?: (\d{4}))?(?: term)?$/.exec(text);
  if (!m) return null;
  const term = m[2] as Term;
  const half = m[3] ? (["1", "i", "one"].includes(m[3]) ? 1 : 2) : null;
  let year = academicYear;
  let note: string | null = null;
  if (m[4]) {
    const calendar = Number(m[4]);
    const first = term === "autumn" ? calendar : calendar - 1;
    year = `${first}/${pad((first + 1) % 100)}`;
    if (calendarYearOfTerm(academicYear, term) !== calendar) note = `${m[2]} ${calendar} is outside the academic year ${academicYear}`;
  }
  const wantsStart = /^(beginning|start|by the start) of/.test(m[1] ?? "") || (edge === "start" && !m[1]);
  const known = calendar(year).filter((h) => h.key.startsWith(`${term}-`));
  const halves = known.length === 2 ? known : englandHalfTerms(year).filter((h) => h.key.startsWith(`${term}-`));
  const period = half ? [halves[half - 1]!] : halves;
  return { date: wantsStart ? period[0]!.start : period[period.length - 1]!.end, note };
}

/**
 * Reads a deadline cell. Returns null when nothing in it is a date or a term ("ongoing", "weekly"),
 * so the caller can warn rather than guess.
 */
export function readUkDate(raw: string, academicYear: string, calendar: TermCalendar = englandHalfTerms): ReadDate | null {
  const text = raw.replace(/\s+/g, " ").trim();
  if (!text) return null;
  const whole = readOne(text.replace(/^(by|due|before|deadline:?) /i, ""), academicYear, "end", calendar);
  if (whole) return { due: whole.date, start: null, note: whole.note };
  // A range: "Sept 2026 - July 2027", "Autumn 1 to Spring 2", "from 1/9/26 until 18/12/26".
  const range = /^(?:from )?(.+?)\s*(?:-|–|—|to|until|till)\s*(.+)$/i.exec(text);
  if (range) {
    const end = readOne(range[2]!, academicYear, "end", calendar);
    const start = readOne(range[1]!, academicYear, "start", calendar);
    if (end && start && start.date <= end.date) return { due: end.date, start: start.date, note: end.note ?? start.note };
  }
  // A date inside other words: "Review by 18/12/2026 at SLT".
  const embedded = /(\d{1,2}[/.]\d{1,2}[/.]\d{2,4}|\d{1,2}(?:st|nd|rd|th)? [A-Za-z]{3,9} \d{4}|(?:autumn|spring|summer)(?: term)? ?[12]?(?: \d{4})?)/i.exec(text);
  if (embedded && embedded[0] !== text) {
    const found = readOne(embedded[0], academicYear, "end", calendar);
    if (found) return { due: found.date, start: null, note: `read "${embedded[0]}" from "${text}"` };
  }
  return null;
}
