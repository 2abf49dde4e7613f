/**
 * The overdue flags read per-document rollups (overdue by RAG with the oldest due date) instead
 * of scanning actions: on plans written through the collab server, the rollups hold the right
 * figures, archived plans stay out, and the flags from the rollups equal the flags counted from
 * the rows when the rollups do not hold.
 */
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureTrustCalendar } from "../../server/calendar/calendarStore.js";
import { documentRollups } from "../../server/db/schema/index.js";
import { computeFlags } from "../../server/flags/schoolFlags.js";
import type { SchoolFlag } from "../../server/flags/types.js";
import { todayInEngland } from "../../server/progress/queries/filters.js";
import { latestSefGrades } from "../../server/progress/queries/sefGrades.js";
import { ENGLAND_2026_27, ukDay } from "../../shared/calendar/index.js";
import { buildDocument, buildSchool, buildUser, TEST_PASSWORD } from "../factories.js";
import { appendNodes, block, waitForBlocks } from "../progress/seedPlans.js";
import { signIn, startTestServer } from "../support.js";

type Server = Awaited<ReturnType<typeof startTestServer>>;
const id = () => crypto.randomUUID();
const daysAgo = (n: number) => todayInEngland(new Date(Date.now() - n * 86_400_000));
const daysAhead = (n: number) => todayInEngland(new Date(Date.now() + n * 86_400_000));

describe("overdue flags from the document rollups", () => {
  let server: Server;
  let cookie: string;
  let schoolId: string;
  let planId: string;
  const today = todayInEngland();

  const overdueFlags = async (): Promise<SchoolFlag[]> =>
    ((await computeFlags(server.database.db, [{ id: schoolId, sef: [] }], today)).get(schoolId) ?? []).filter((f) => f.rule === "actions_overdue" || f.rule === "watermelon");

  beforeAll(async () => {
    server = await startTestServer();
    const { db } = server.database;
    await ensureTrustCalendar(db, "2026/27", ENGLAND_2026_27);
    const admin = await buildUser(db, { role: "trust_admin" });
    cookie = await signIn(server.url, admin.email, TEST_PASSWORD);
    schoolId = (await buildSchool(db)).id;
    planId = (await buildDocument(db, { schoolId })).id;
    const archived = (await buildDocument(db, { schoolId, status: "archived", title: "Last term's plan" })).id;
    const live = [
      block("action", id(), "Attendance clinics", { rag: "red", status: "in_progress", due: daysAgo(10) }),
      block("action", id(), "Reading ambassadors", { rag: "green", status: "in_progress", due: daysAgo(5) }),
      block("action", id(), "Phonics refresher", { rag: "green", status: "not_started", due: daysAgo(3) }),
      block("action", id(), "Done already", { rag: "amber", status: "complete", due: daysAgo(20) }),
      block("action", id(), "Not due yet", { rag: "amber", status: "in_progress", due: daysAhead(30) }),
    ];
    await appendNodes(server, planId, live, null);
    await appendNodes(server, archived, [block("action", id(), "Left behind", { rag: "amber", status: "in_progress", due: daysAgo(40) })], null);
    await waitForBlocks(server, cookie, planId, (blocks) => expect(blocks).toHaveLength(live.length));
    await waitForBlocks(server, cookie, archived, (blocks) => expect(blocks).toHaveLength(1));
  });
  afterAll(() => server.closeAll());

  it("keeps overdue actions by RAG with the oldest due date in each document's rollup", async () => {
    const [rollup] = await server.database.db.select().from(documentRollups).where(eq(documentRollups.documentId, planId));
    expect(rollup).toMatchObject({ countedOn: today, actionsOverdue: 3, overdueByRag: { red: { n: 1, oldest: daysAgo(10) }, green: { n: 2, oldest: daysAgo(5) } } });
  });

  it("raises the same flags from the rollups as from the rows, leaving archived plans out", async () => {
    const fromRollups = await overdueFlags();
    expect(fromRollups.find((f) => f.rule === "actions_overdue")?.explanation).toMatch(new RegExp(`^3 actions overdue, oldest by \\d+ school days? \\(due ${ukDay(daysAgo(10))}\\)$`));
    expect(fromRollups.find((f) => f.rule === "watermelon")?.explanation).toMatch(new RegExp(`^2 actions rated green or amber but overdue \\(oldest due ${ukDay(daysAgo(5))}\\)`));
    // A rollup that does not hold (here: counted before overdue_by_rag existed) is counted from its rows instead.
    await server.database.db.execute(sql`update document_rollups set overdue_by_rag = null where school_id = ${schoolId}`);
    expect(await overdueFlags()).toEqual(fromRollups);
  });

  it("reads open actions per area from the rollups for the SEF flag, and from the rows when a rollup predates them", async () => {
    const { db } = server.database;
    const school = (await buildSchool(db)).id;
    const sefDoc = (await buildDocument(db, { schoolId: school, kind: "sef", title: "SEF" })).id;
    const judgements = [
      block("judgement", id(), "Outcomes below national", { framework: "ofsted-2025", area: "achievement", grade: "needs_attention" }),
      block("judgement", id(), "Inclusion gaps", { framework: "ofsted-2025", area: "inclusion", grade: "needs_attention" }),
    ];
    await appendNodes(server, sefDoc, judgements, null);
    await waitForBlocks(server, cookie, sefDoc, (blocks) => expect(blocks).toHaveLength(2));
    const plan = (await buildDocument(db, { schoolId: school })).id;
    const nodes = [
      block("target", id(), "KS2 at 70%", { area: "achievement" }),
      block("action", id(), "Maths mastery", { status: "in_progress" }),
      block("target", id(), "SEND attendance", { area: "inclusion" }),
      block("action", id(), "Finished already", { status: "complete" }),
    ];
    await appendNodes(server, plan, nodes, null);
    await waitForBlocks(server, cookie, plan, (blocks) => expect(blocks).toHaveLength(nodes.length));
    const [rollup] = await db.select().from(documentRollups).where(eq(documentRollups.documentId, plan));
    expect(rollup?.openAreas).toEqual(["achievement"]);

    const sefFlag = async () => {
      const sef = (await latestSefGrades(db, school)).get(school) ?? [];
      return ((await computeFlags(db, [{ id: school, sef }], today)).get(school) ?? []).find((f) => f.rule === "sef_without_action");
    };
    const fromRollups = await sefFlag();
    expect(fromRollups).toMatchObject({ explanation: "Inclusion is graded needs attention in the SEF with no open action in that area" });
    await db.execute(sql`update document_rollups set open_areas = null where school_id = ${school}`);
    expect(await sefFlag()).toEqual(fromRollups);
  });
});
