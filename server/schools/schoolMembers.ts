/** Checks that user ids name people of a school (or trust-wide staff), for mentions and owners. */
import { and, eq, inArray, isNull, or } from "drizzle-orm";
import type { Db } from "../db/client.js";
import { memberships } from "../db/schema/index.js";
import { HttpError } from "../http/errors.js";

/** Returns the distinct ids, or a 400 naming `field` when any is not one of the school's people. */
export async function requireSchoolMembers(db: Db, schoolId: string, ids: string[], field: string): Promise<string[]> {
  const unique = [...new Set(ids)];
  if (!unique.length) return [];
  const rows = await db
    .selectDistinct({ userId: memberships.userId })
    .from(memberships)
    .where(and(inArray(memberships.userId, unique), or(eq(memberships.schoolId, schoolId), isNull(memberships.schoolId))));
  if (rows.length !== unique.length) {
    throw new HttpError(400, "invalid_request", `${field}: only people of this school or the trust can be named`);
  }
  return unique;
}
