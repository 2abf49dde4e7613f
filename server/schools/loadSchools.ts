/** Schools with their current tier: the latest row of each school's tier history. */
import { asc, desc, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "../db/client.js";
import { schools, schoolTiers, tiers, users } from "../db/schema/index.js";

/** Each school (all, or those listed) with its current tier, ordered by name. */
export async function loadSchoolsWithTier(db: Db, only: "all" | string[]) {
  if (only !== "all" && only.length === 0) return [];
  const current = db
    .selectDistinctOn([schoolTiers.schoolId], { schoolId: schoolTiers.schoolId, tier: schoolTiers.tier })
    .from(schoolTiers)
    .orderBy(schoolTiers.schoolId, desc(schoolTiers.setAt), desc(schoolTiers.id))
    .as("current");
  const rows = await db
    .select({ school: schools, tier: tiers })
    .from(schools)
    .leftJoin(current, eq(current.schoolId, schools.id))
    .leftJoin(tiers, eq(tiers.level, current.tier))
    .where(only === "all" ? sql`true` : inArray(schools.id, only))
    .orderBy(asc(schools.name));
  return rows;
}

/** The tier history of one school, newest first, with who set each tier. */
export async function loadTierHistory(db: Db, schoolId: string) {
  return db
    .select({
      id: schoolTiers.id,
      tier: schoolTiers.tier,
      tierName: tiers.name,
      reason: schoolTiers.reason,
      setAt: schoolTiers.setAt,
      setBy: schoolTiers.setBy,
      setByName: users.name,
    })
    .from(schoolTiers)
    .innerJoin(tiers, eq(tiers.level, schoolTiers.tier))
    .leftJoin(users, eq(users.id, schoolTiers.setBy))
    .where(eq(schoolTiers.schoolId, schoolId))
    .orderBy(desc(schoolTiers.setAt), desc(schoolTiers.id));
}
