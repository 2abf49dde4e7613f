/** A school condition for the progress queries: one school, some, or (undefined) the whole trust. */
import { type SQL, sql } from "drizzle-orm";

/** `and <column> = id` or `and <column> in (ids)`; nothing for the whole trust. */
export function schoolFilter(column: SQL, schoolId?: string | readonly string[]): SQL {
  if (schoolId === undefined) return sql``;
  if (typeof schoolId === "string") return sql`and ${column} = ${schoolId}`;
  if (!schoolId.length) return sql`and false`;
  return sql`and ${column} in (${sql.join(schoolId.map((id) => sql`${id}::uuid`), sql`, `)})`;
}
