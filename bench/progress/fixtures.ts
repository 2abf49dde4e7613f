/** Plan content and rows for the benchmarks: a school, its people, documents, and plans of any size. */
import * as Y from "yjs";
import { newBlockId } from "../../shared/blocks/schema.js";
import type { PlanNode } from "../../shared/templates/planNodes.js";
import { hashPassword } from "../../server/auth/passwords.js";
import { ensureTierScheme } from "../../server/bootstrap.js";
import type { Db } from "../../server/db/client.js";
import { documents, memberships, schools, schoolTiers, users } from "../../server/db/schema/index.js";
import type { Role } from "../../shared/enums.js";

export const BENCH_PASSWORD = "bench-password-123";
const RAGS = ["red", "amber", "green", "blue", "none"] as const;

/** A plan of `n` structured blocks (one priority per 50, one target per 10, the rest actions) with prose between priorities. */
export function planNodes(n: number, owners: string[]): { nodes: PlanNode[]; actionIds: string[] } {
  const nodes: PlanNode[] = [];
  const actionIds: string[] = [];
  for (let i = 0; i < n; i++) {
    const id = newBlockId();
    if (i % 50 === 0) {
      nodes.push({ type: "heading", level: 2, text: `Priority ${i / 50 + 1}` });
      nodes.push({ type: "priority", id, attrs: { area: i % 100 === 0 ? "achievement" : "inclusion" }, text: `Raise attainment, strand ${i / 50 + 1}` });
      nodes.push({ type: "paragraph", text: "Why this matters for our pupils, and what we will see when it is done." });
    } else if (i % 10 === 0) {
      nodes.push({ type: "target", id, attrs: { baseline: "55%", current: "61%", goal: "75%", rag: RAGS[i % 4], owners: owners.slice(0, 1), due: "2027-07-20" }, text: `Target ${i}: pupils meeting the expected standard` });
    } else {
      actionIds.push(id);
      nodes.push({ type: "action", id, attrs: { owners: owners.slice(i % 2, 1 + (i % 2)), due: i % 3 ? "2027-03-31" : "2025-12-19", rag: RAGS[i % 5], status: "in_progress" }, text: `Action ${i}: staff training and monitoring` });
    }
  }
  return { nodes, actionIds };
}

/** The block element with this id in a doc. */
export function elementById(doc: Y.Doc, id: string): Y.XmlElement {
  for (const node of doc.getXmlFragment("default").toArray()) {
    if (node instanceof Y.XmlElement && node.getAttribute("id") === id) return node;
  }
  throw new Error(`no block ${id}`);
}

/** A school with a tier, people in it, and a trust lead; returns their ids. */
export async function seedSchool(db: Db, people = 2) {
  await ensureTierScheme(db);
  const tag = Math.random().toString(36).slice(2, 8);
  const [school] = await db.insert(schools).values({ name: `Bench School ${tag}`, slug: `bench-${tag}`, phase: "primary" }).returning();
  await db.insert(schoolTiers).values({ schoolId: school!.id, tier: 2, reason: "Benchmark" });
  const passwordHash = await hashPassword(BENCH_PASSWORD);
  const make = async (role: Role, schoolId: string | null, i: number) => {
    const [u] = await db.insert(users).values({ email: `${role}-${i}-${tag}@bench.test`, name: `${role} ${i}`, passwordHash }).returning();
    await db.insert(memberships).values({ userId: u!.id, role, schoolId });
    return u!;
  };
  const staff = [];
  for (let i = 0; i < people; i++) staff.push(await make("school_leader", school!.id, i));
  const lead = await make("trust_lead", null, 0);
  return { schoolId: school!.id, staff, lead };
}

/** A draft single plan of the school. */
export async function seedDocument(db: Db, schoolId: string, title = "Bench plan"): Promise<string> {
  const [doc] = await db
    .insert(documents)
    .values({ schoolId, kind: "single_plan", title, academicYear: "2026/27", term: "autumn", framework: "ofsted-2025" })
    .returning({ id: documents.id });
  return doc!.id;
}

/** Signs in over HTTP and returns the cookie. */
export async function signInAs(baseUrl: string, email: string): Promise<string> {
  const res = await fetch(`${baseUrl}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email, password: BENCH_PASSWORD }),
  });
  if (res.status !== 200) throw new Error(`sign-in failed: ${res.status}`);
  return res.headers.getSetCookie().find((c) => c.startsWith("trellis_session="))!.split(";")[0]!;
}
