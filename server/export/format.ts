/** How exports write dates and names: UK forms, the way schools write them. */

// Spelt out rather than left to Intl: Node's ICU writes "Sept", schools write "Sep".
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const dateTimeFormat = new Intl.DateTimeFormat("en-GB", {
  day: "numeric",
  month: "short",
  year: "numeric",
  hour: "2-digit",
  minute: "2-digit",
  timeZone: "Europe/London",
});

/** "18 Dec 2026" from a calendar date (YYYY-MM-DD); empty for none. */
export function ukDay(isoDate: string | null | undefined): string {
  if (!isoDate) return "";
  const d = new Date(`${isoDate.slice(0, 10)}T12:00:00Z`);
  return Number.isNaN(d.getTime()) ? isoDate : `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
}

/** "18 Dec 2026, 14:05" in England's time, from an instant. */
export const ukDateTime = (at: Date | string): string => dateTimeFormat.format(typeof at === "string" ? new Date(at) : at).replace("Sept", "Sep");

/** A file-name-safe stem: lower case, words joined by hyphens, nothing a header needs to quote. */
export function fileSlug(...parts: (string | null | undefined)[]): string {
  return (
    parts
      .filter((p): p is string => !!p)
      .join(" ")
      .normalize("NFKD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 120) || "document"
  );
}

/** "Autumn" from "autumn". */
export const capitalise = (s: string): string => (s ? s[0]!.toUpperCase() + s.slice(1) : s);
