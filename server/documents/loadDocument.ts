/** Loads one document with its school name; null when it does not exist. */
import { eq, sql } from "drizzle-orm";
import type { Db } from "../db/client.js";
import { documents, schools, schoolTiers } from "../db/schema/index.js";
import type { Resource } from "../policies/index.js";

export async function loadDocument(db: Db, id: string) {
  const [row] = await db
    .select({
      doc: documents,
      schoolName: schools.name,
      // The school's current tier, which decides who approves its plans (policies/approval.ts).
      tier: sql<number | null>`(select ${schoolTiers.tier} from ${schoolTiers} where ${schoolTiers.schoolId} = ${documents.schoolId} order by ${schoolTiers.setAt} desc, ${schoolTiers.id} desc limit 1)`,
    })
    .from(documents)
    .innerJoin(schools, eq(schools.id, documents.schoolId))
    .where(eq(documents.id, id))
    .limit(1);
  return row ?? null;
}

/** The policy resource for a document row. */
export function documentResource(doc: { id: string; schoolId: string; status: string; kind?: string }, tier?: number | null): Resource {
  return { type: "document", id: doc.id, schoolId: doc.schoolId, status: doc.status, kind: doc.kind, tier };
}
