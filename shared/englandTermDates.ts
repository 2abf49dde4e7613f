/**
 * Conventional term dates for a state school in England, computed from the rules most local
 * authorities follow, so an imported "Autumn 2" or "end of Spring term" becomes a date without a
 * trust calendar. They are approximate by design: a trust's own calendar, where it exists, wins.
 */
import type { Term } from "./enums.js";

/** One half term: `autumn-1` … `summer-2`, with its first and last school days (ISO dates). */
export interface HalfTermDates {
  key: `${Term}-${1 | 2}`;
  start: string;
  end: string;
}

const DAY = 86_400_000;
const utc = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d));
const iso = (d: Date) => d.toISOString().slice(0, 10);
const addDays = (d: Date, n: number) => new Date(d.getTime() + n * DAY);
/** The first date on or after `d` that falls on `weekday` (0 Sunday … 6 Saturday). */
const onOrAfter = (d: Date, weekday: number) => addDays(d, (weekday - d.getUTCDay() + 7) % 7);
/** The last date on or before `d` that falls on `weekday`. */
const onOrBefore = (d: Date, weekday: number) => addDays(d, -((d.getUTCDay() - weekday + 7) % 7));
/** The last weekday (Monday to Friday) on or before `d`. */
const weekdayOnOrBefore = (d: Date) => (d.getUTCDay() === 0 ? addDays(d, -2) : d.getUTCDay() === 6 ? addDays(d, -1) : d);

/** Easter Sunday (anonymous Gregorian algorithm). */
export function easterSunday(year: number): Date {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return utc(year, month, day);
}

/**
 * The six half terms of an academic year such as "2026/27". Autumn starts on the first weekday from
 * 2 September and breaks for the last week of October; it ends on the last Friday on or
 * before 20 December. Spring starts on the first Monday on or after 4 January, breaks in the week
 * from the Monday on or after 12 February, and ends the day before Good Friday. Summer breaks for the
 * late-May bank holiday week and ends on the last weekday on or before 22 July.
 */
export function englandHalfTerms(academicYear: string): HalfTermDates[] {
  const y = Number(academicYear.slice(0, 4));
  const next = y + 1;
  const september2 = utc(y, 9, 2);
  const autumnStart = september2.getUTCDay() % 6 === 0 ? onOrAfter(september2, 1) : september2;
  const octoberBreak = onOrBefore(utc(y, 10, 31), 1);
  const autumnEnd = onOrBefore(utc(y, 12, 20), 5);
  const springStart = onOrAfter(utc(next, 1, 4), 1);
  const februaryBreak = onOrAfter(utc(next, 2, 12), 1);
  const goodFriday = addDays(easterSunday(next), -2);
  const springEnd = addDays(goodFriday, -1);
  const summerStart = addDays(easterSunday(next), 15);
  const mayBreak = onOrBefore(utc(next, 5, 31), 1);
  const summerEnd = weekdayOnOrBefore(utc(next, 7, 22));
  return [
    { key: "autumn-1", start: iso(autumnStart), end: iso(addDays(octoberBreak, -3)) },
    { key: "autumn-2", start: iso(addDays(octoberBreak, 7)), end: iso(autumnEnd) },
    { key: "spring-1", start: iso(springStart), end: iso(addDays(februaryBreak, -3)) },
    { key: "spring-2", start: iso(addDays(februaryBreak, 7)), end: iso(springEnd) },
    { key: "summer-1", start: iso(summerStart), end: iso(addDays(mayBreak, -3)) },
    { key: "summer-2", start: iso(addDays(mayBreak, 7)), end: iso(summerEnd) },
  ];
}

/** The calendar year a term of an academic year falls in: autumn in the first, spring and summer in the second. */
export function calendarYearOfTerm(academicYear: string, term: Term): number {
  const y = Number(academicYear.slice(0, 4));
  return term === "autumn" ? y : y + 1;
}
