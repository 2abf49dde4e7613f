/** Who is asking: the signed-in user and every role they hold. Loaded once per request or socket. */
import { eq } from "drizzle-orm";
import type { Role } from "../../shared/enums.js";
import type { Db } from "../db/client.js";
import { memberships } from "../db/schema/index.js";

export interface Grant {
  role: Role;
  /** null for a trust-wide role. */
  schoolId: string | null;
}

export interface Actor {
  id: string;
  email: string;
  name: string;
  grants: Grant[];
}

/** Loads the roles of a user into an Actor. */
export async function loadActor(db: Db, user: { id: string; email: string; name: string }): Promise<Actor> {
  const rows = await db
    .select({ role: memberships.role, schoolId: memberships.schoolId })
    .from(memberships)
    .where(eq(memberships.userId, user.id));
  return { ...user, grants: rows.map((r) => ({ role: r.role as Role, schoolId: r.schoolId })) };
}
