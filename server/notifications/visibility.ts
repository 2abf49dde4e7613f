/** Who among some people may see what a notification is about, asked of the policy module at send time. */
import { eq, inArray } from "drizzle-orm";
import type { Role } from "../../shared/enums.js";
import type { Db } from "../db/client.js";
import { documents, memberships, users } from "../db/schema/index.js";
import { documentResource } from "../documents/loadDocument.js";
import { can, type Actor, type Resource } from "../policies/index.js";

/** What a notification is about: a document (its place in it comes with the link) or a school. */
export type NotificationSubject = { documentId: string } | { schoolId: string };

/** The people (with their email and name) as policy actors. */
export async function loadActors(db: Db, userIds: string[]): Promise<Actor[]> {
  if (!userIds.length) return [];
  const people = await db.select({ id: users.id, email: users.email, name: users.name }).from(users).where(inArray(users.id, userIds));
  const grants = await db.select({ userId: memberships.userId, role: memberships.role, schoolId: memberships.schoolId }).from(memberships).where(inArray(memberships.userId, userIds));
  return people.map((p) => ({ ...p, grants: grants.filter((g) => g.userId === p.id).map((g) => ({ role: g.role as Role, schoolId: g.schoolId })) }));
}

/** The policy resource for a subject, or null when it no longer exists. */
export async function subjectResource(db: Db, about: NotificationSubject): Promise<Resource | null> {
  if ("schoolId" in about) return { type: "school", id: about.schoolId };
  const [doc] = await db.select({ id: documents.id, schoolId: documents.schoolId, status: documents.status, kind: documents.kind }).from(documents).where(eq(documents.id, about.documentId)).limit(1);
  return doc ? documentResource(doc) : null;
}

/** The actors among `userIds` who may read the subject. */
export async function readersAmong(db: Db, userIds: string[], about: NotificationSubject): Promise<Actor[]> {
  const resource = await subjectResource(db, about);
  if (!resource) return [];
  return (await loadActors(db, userIds)).filter((actor) => can(actor, "read", resource));
}
