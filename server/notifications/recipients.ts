/** Who holds a role for a school (and, optionally, trust-wide): the people a plan's or school's news is for. */
import { and, eq, inArray, isNull, or } from "drizzle-orm";
import type { Role } from "../../shared/enums.js";
import type { Db } from "../db/client.js";
import { memberships } from "../db/schema/index.js";

/** The user ids holding any of `schoolRoles` for the school, plus any of `trustRoles` trust-wide. */
export async function holdersOf(db: Db, schoolId: string, schoolRoles: Role[], trustRoles: Role[] = []): Promise<string[]> {
  const conditions = [];
  if (schoolRoles.length) conditions.push(and(eq(memberships.schoolId, schoolId), inArray(memberships.role, schoolRoles)));
  if (trustRoles.length) conditions.push(and(isNull(memberships.schoolId), inArray(memberships.role, trustRoles)));
  if (!conditions.length) return [];
  const rows = await db.selectDistinct({ userId: memberships.userId }).from(memberships).where(or(...conditions));
  return rows.map((r) => r.userId);
}
