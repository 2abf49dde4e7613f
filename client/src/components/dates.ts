/** Dates the way UK schools write them: 22 Nov 2026, 14:05. */
const dateFormat = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", year: "numeric" });
const dateTimeFormat = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit" });

/** "22 Nov 2026" */
export const formatDate = (iso: string) => dateFormat.format(new Date(iso));

/** "22 Nov 2026" from a calendar date (YYYY-MM-DD), read at midday so no time zone moves it to another day. */
export const formatDay = (isoDate: string) => formatDate(`${isoDate}T12:00:00`);

/** "22 Nov 2026, 14:05" */
export const formatDateTime = (iso: string) => dateTimeFormat.format(new Date(iso));
