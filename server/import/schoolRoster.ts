/**
 * The people an imported plan's owners can be matched to: everyone with a role in the school, and
 * the trust-wide staff (who own actions in trust-led plans), the same rule server/progress/schoolPeople.ts
 * applies when it checks an owner id.
 */
import { eq, isNull, or } from "drizzle-orm";
import type { Db } from "../db/client.js";
import { memberships, users } from "../db/schema/index.js";
import type { Person } from "./ownerMatcher.js";

/** The school's people and the trust's staff, each once. */
export async function schoolRoster(db: Db, schoolId: string): Promise<Person[]> {
  const rows = await db
    .selectDistinct({ id: users.id, name: users.name })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(or(eq(memberships.schoolId, schoolId), isNull(memberships.schoolId)));
  return rows;
}
