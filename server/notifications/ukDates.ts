/** Dates in notifications and emails as people in UK schools write them: "18 Dec 2026". */
import { format, parseISO } from "date-fns";

/** An ISO date (YYYY-MM-DD) as "18 Dec 2026". */
export function formatUkDate(iso: string): string {
  return format(parseISO(iso), "d MMM yyyy");
}
