/** When a school's next CEO 1:1 and health check are due, from its tier's cadence and the check-ins held. */
import { addMonths, addWeeks, formatISO, parseISO } from "date-fns";

export const CHECKIN_KINDS = ["ceo_one_to_one", "health_check"] as const;
export type CheckinKind = (typeof CHECKIN_KINDS)[number];

export interface Cadence {
  ceoOneToOneWeeks: number;
  healthChecksPerYear: number;
}

export interface NextCheckin {
  kind: CheckinKind;
  /** ISO date of the last one held, or null when none is recorded. */
  last: string | null;
  /** ISO date the next is due; with none recorded, it is due from the date the tier was set. */
  due: string;
  overdue: boolean;
}

const iso = (d: Date) => formatISO(d, { representation: "date" });

/** Works out both kinds of check-in for a school at `today`. */
export function nextCheckins(
  cadence: Cadence,
  held: { kind: string; heldOn: string }[],
  tierSetOn: Date,
  today: Date = new Date(),
): NextCheckin[] {
  const todayIso = iso(today);
  return CHECKIN_KINDS.map((kind) => {
    const last = held.filter((h) => h.kind === kind).map((h) => h.heldOn).sort().at(-1) ?? null;
    const from = last ? parseISO(last) : tierSetOn;
    const dueDate = kind === "ceo_one_to_one"
      ? addWeeks(from, cadence.ceoOneToOneWeeks)
      : addMonths(from, Math.round(12 / Math.max(1, cadence.healthChecksPerYear)));
    const due = last ? iso(dueDate) : iso(tierSetOn);
    return { kind, last, due, overdue: due < todayIso };
  });
}

/** "Every 4 weeks", "twice a year": the cadence in words for the school page. */
export function describeCadence(cadence: Cadence): { ceoOneToOne: string; healthCheck: string } {
  const weeks = cadence.ceoOneToOneWeeks;
  const checks = cadence.healthChecksPerYear;
  return {
    ceoOneToOne: weeks === 1 ? "every week" : `every ${weeks} weeks`,
    healthCheck: checks <= 1 ? "yearly" : checks === 2 ? "twice a year" : checks === 3 ? "every term" : `${checks} times a year`,
  };
}
