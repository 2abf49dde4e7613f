/** Factories that create fresh rows, so test files never step on each other. */
import { hash } from "@node-rs/argon2";
import type { DocumentKind, Phase, Role } from "../shared/enums.js";
import type { Db } from "../server/db/client.js";
import { documents, memberships, schools, schoolTiers, users } from "../server/db/schema/index.js";

export const TEST_PASSWORD = "correct-horse-battery";
let passwordHash: Promise<string> | null = null;
// One real argon2id hash per process: the login path is exercised for real, without paying for a hash per user.
const testPasswordHash = () => (passwordHash ??= hash(TEST_PASSWORD));

let counter = 0;
const unique = () => `${Date.now().toString(36)}${(counter++).toString(36)}${Math.random().toString(36).slice(2, 6)}`;

export async function buildSchool(db: Db, overrides: { name?: string; phase?: Phase; tier?: number } = {}) {
  const id = unique();
  const [school] = await db
    .insert(schools)
    .values({ name: overrides.name ?? `School ${id}`, slug: `school-${id}`, phase: overrides.phase ?? "primary" })
    .returning();
  await db.insert(schoolTiers).values({ schoolId: school!.id, tier: overrides.tier ?? 2, reason: "Set at the start of the year" });
  return school!;
}

export async function buildUser(
  db: Db,
  overrides: { role?: Role; schoolId?: string | null; email?: string; name?: string } = {},
) {
  const id = unique();
  const [user] = await db
    .insert(users)
    .values({
      email: overrides.email ?? `user-${id}@example.test`,
      name: overrides.name ?? `User ${id}`,
      passwordHash: await testPasswordHash(),
    })
    .returning();
  if (overrides.role) {
    await db.insert(memberships).values({ userId: user!.id, role: overrides.role, schoolId: overrides.schoolId ?? null });
  }
  return user!;
}

export async function buildDocument(
  db: Db,
  overrides: { schoolId: string; kind?: DocumentKind; title?: string; status?: string; createdBy?: string },
) {
  const [doc] = await db
    .insert(documents)
    .values({
      schoolId: overrides.schoolId,
      kind: overrides.kind ?? "single_plan",
      title: overrides.title ?? "Single Plan, autumn 2026",
      academicYear: "2026/27",
      term: "autumn",
      framework: "ofsted-2025",
      status: overrides.status ?? "draft",
      createdBy: overrides.createdBy ?? null,
    })
    .returning();
  return doc!;
}
