/** Loads the demo trust into an empty database. Running it again on seeded data does nothing. */
import { eq } from "drizzle-orm";
import * as Y from "yjs";
import type { Db } from "../db/client.js";
import { documents, documentUpdates, memberships, schoolCheckins, schools, schoolTiers, users } from "../db/schema/index.js";
import { hashPassword } from "../auth/passwords.js";
import { ensureTierScheme } from "../bootstrap.js";
import { createLogger } from "../logger.js";
import { reextractAll } from "../progress/reextract.js";
import { seedDemoCycle } from "./demoReviews.js";
import { seedDemoStory } from "./demoStory.js";
import {
  DEMO_ACADEMIC_YEAR, DEMO_DOCUMENTS, DEMO_PASSWORD, DEMO_PEOPLE, DEMO_SCHOOLS,
  type DemoDocument, type DemoSchool,
} from "./demoTrust.js";

const DAY = 24 * 60 * 60 * 1000;

export interface DemoContentContext {
  kind: DemoDocument["kind"];
  framework: DemoDocument["framework"];
  schoolName: string;
  phase: DemoSchool["phase"];
  academicYear: string;
  people: { id: string; name: string; role: string }[];
}

export interface SeedOptions {
  /** Writes a document's demo text into its Y.Doc. */
  writeContent?: (doc: Y.Doc, ctx: DemoContentContext) => void;
}

/** Seeds the demo trust unless it is already there; returns whether it seeded. */
export async function seedDemoTrust(db: Db, options: SeedOptions = {}): Promise<boolean> {
  const seeded = await insertDemoTrust(db, options);
  // The progress tables are derived from the documents: fill them now, so dashboards have data before anyone opens a plan.
  if (seeded) await reextractAll(db, createLogger("warn"));
  if (seeded) await seedDemoCycle(db);
  // Only documents with their text can be commented on, approved and reviewed.
  if (seeded && options.writeContent) {
    await seedDemoStory(db);
    await reextractAll(db, createLogger("warn"));
  }
  return seeded;
}

async function insertDemoTrust(db: Db, options: SeedOptions): Promise<boolean> {
  const [existing] = await db.select({ id: users.id }).from(users).where(eq(users.email, DEMO_PEOPLE[0]!.email)).limit(1);
  if (existing) return false;
  await ensureTierScheme(db);
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const now = Date.now();

  await db.transaction(async (tx) => {
    const schoolIds = new Map<string, string>();
    for (const s of DEMO_SCHOOLS) {
      const [row] = await tx.insert(schools).values({ name: s.name, slug: s.slug, phase: s.phase, urn: s.urn }).returning({ id: schools.id });
      schoolIds.set(s.slug, row!.id);
      const history = [...(s.tierHistory ?? []), { tier: s.tier, reason: s.tierReason, setOn: s.tierSetOn }];
      for (const h of history) {
        await tx.insert(schoolTiers).values({ schoolId: row!.id, tier: h.tier, reason: h.reason, setAt: new Date(`${h.setOn}T17:00:00Z`) });
      }
    }

    for (const s of DEMO_SCHOOLS) {
      // Recent support meetings, so the school pages show what is due next (and one overdue).
      const isoDaysAgo = (days: number) => new Date(now - days * DAY).toISOString().slice(0, 10);
      await tx.insert(schoolCheckins).values([
        { schoolId: schoolIds.get(s.slug)!, kind: "ceo_one_to_one", heldOn: isoDaysAgo(s.tier === 4 ? 12 : 9), notes: "Reviewed plan delivery and RAG changes." },
        { schoolId: schoolIds.get(s.slug)!, kind: "health_check", heldOn: isoDaysAgo(40 + s.tier * 5), notes: "Autumn health check." },
      ]);
    }

    const peopleBySchool = new Map<string, DemoContentContext["people"]>();
    for (const p of DEMO_PEOPLE) {
      const [user] = await tx.insert(users).values({ email: p.email, name: p.name, passwordHash }).returning({ id: users.id });
      const schoolId = p.school ? schoolIds.get(p.school)! : null;
      await tx.insert(memberships).values({ userId: user!.id, role: p.role, schoolId });
      if (p.school) {
        const list = peopleBySchool.get(p.school) ?? [];
        list.push({ id: user!.id, name: p.name, role: p.role });
        peopleBySchool.set(p.school, list);
      }
    }

    // The CEO records the board's tiering decisions.
    const [ceo] = await tx.select({ id: users.id }).from(users).where(eq(users.email, "ceo@trellis.test"));
    if (ceo) await tx.update(schoolTiers).set({ setBy: ceo.id });

    for (const d of DEMO_DOCUMENTS) {
      const school = DEMO_SCHOOLS.find((s) => s.slug === d.school)!;
      const [doc] = await tx
        .insert(documents)
        .values({
          schoolId: schoolIds.get(d.school)!, kind: d.kind, title: d.title, academicYear: DEMO_ACADEMIC_YEAR,
          term: d.term ?? null, framework: d.framework, status: d.status ?? "draft",
        })
        .returning({ id: documents.id });
      if (!options.writeContent) continue;
      const ydoc = new Y.Doc();
      options.writeContent(ydoc, {
        kind: d.kind, framework: d.framework, schoolName: school.name, phase: school.phase,
        academicYear: DEMO_ACADEMIC_YEAR, people: peopleBySchool.get(d.school) ?? [],
      });
      await tx.insert(documentUpdates).values({ documentId: doc!.id, update: Y.encodeStateAsUpdate(ydoc) });
      ydoc.destroy();
    }
  });
  return true;
}
