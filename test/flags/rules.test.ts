/**
 * Each early-warning rule, on plans written through the collab server and extracted for real,
 * with reviews recorded by the real command: one case that makes it fire and one that keeps it
 * quiet. `today` is passed in, so the school-day arithmetic is checked against the 2026/27 calendar.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ENGLAND_2026_27 } from "../../shared/calendar/index.js";
import { ensureTrustCalendar } from "../../server/calendar/calendarStore.js";
import { schoolCheckins } from "../../server/db/schema/index.js";
import { computeFlags } from "../../server/flags/schoolFlags.js";
import type { SchoolFlag } from "../../server/flags/types.js";
import { todayInEngland } from "../../server/progress/queries/filters.js";
import { latestSefGrades } from "../../server/progress/queries/sefGrades.js";
import { recordReview } from "../../server/reviews/reviewRecorder.js";
import type { PlanNode } from "../../shared/templates/planNodes.js";
import { buildDocument, buildSchool, buildUser, TEST_PASSWORD } from "../factories.js";
import { appendNodes, block, setBlockAttrs, waitForBlocks } from "../progress/seedPlans.js";
import { signIn, startTestServer } from "../support.js";

type Server = Awaited<ReturnType<typeof startTestServer>>;
const id = () => crypto.randomUUID();
const TODAY = "2027-01-20";

describe("early-warning rules", () => {
  let server: Server;
  let cookie: string;
  let userId: string;

  const plan = async (nodes: PlanNode[], kind: "single_plan" | "sef" = "single_plan") => {
    const s = await buildSchool(server.database.db);
    const doc = await buildDocument(server.database.db, { schoolId: s.id, kind });
    await appendNodes(server, doc.id, nodes, userId);
    await waitForBlocks(server, cookie, doc.id, (blocks) => expect(blocks.length).toBe(nodes.filter((n) => !["heading", "paragraph", "bulletList"].includes(n.type)).length));
    return { schoolId: s.id, documentId: doc.id };
  };
  const flagsOf = async (schoolId: string, today = TODAY): Promise<SchoolFlag[]> => {
    const sef = (await latestSefGrades(server.database.db, schoolId)).get(schoolId) ?? [];
    return (await computeFlags(server.database.db, [{ id: schoolId, sef }], today)).get(schoolId) ?? [];
  };
  const rule = async (schoolId: string, name: string, today = TODAY) => (await flagsOf(schoolId, today)).find((f) => f.rule === name);

  beforeAll(async () => {
    server = await startTestServer();
    const { db } = server.database;
    await ensureTrustCalendar(db, "2026/27", ENGLAND_2026_27);
    const lead = await buildUser(db, { role: "trust_admin" });
    userId = lead.id;
    cookie = await signIn(server.url, lead.email, TEST_PASSWORD);
  });
  afterAll(() => server.closeAll());

  it("actions overdue: fires with the count and school days late, quiet before the due date", async () => {
    const { schoolId } = await plan([block("action", id(), "Phonics training", { rag: "red", status: "in_progress", due: "2027-01-04" }), block("action", id(), "Done", { rag: "blue", status: "complete", due: "2027-01-04" })]);
    const flag = await rule(schoolId, "actions_overdue");
    expect(flag).toMatchObject({ severity: "medium", explanation: "1 action overdue, oldest by 12 school days (due 4 Jan 2027)" });
    expect(await rule(schoolId, "actions_overdue", "2027-01-04")).toBeUndefined();
    // Red and overdue is honest: it is not a watermelon.
    expect(await rule(schoolId, "watermelon")).toBeUndefined();
  });

  it("watermelon: green or amber but overdue fires; green and on time is quiet", async () => {
    const { schoolId } = await plan([block("action", id(), "Reading ambassadors", { rag: "green", status: "in_progress", due: "2027-01-11" })]);
    expect(await rule(schoolId, "watermelon")).toMatchObject({ rule: "watermelon", explanation: expect.stringMatching(/^1 action rated green or amber but overdue \(oldest due 11 Jan 2027\)/) });
    expect(await rule(schoolId, "watermelon", "2027-01-11")).toBeUndefined();
  });

  it("red at two reviews and RAG falling: fire after a second review, quiet after one", async () => {
    const red = id();
    const slipping = id();
    const { schoolId, documentId } = await plan([block("action", red, "Attendance clinics", { rag: "red", status: "in_progress" }), block("target", slipping, "KS2 maths 75%", { rag: "green", area: "achievement" })]);
    const doc = { id: documentId, schoolId, academicYear: "2026/27", kind: "single_plan" };
    await recordReview(server.database.db, doc, { halfTerm: "autumn-1", close: true }, userId);
    expect(await rule(schoolId, "red_twice")).toBeUndefined();
    expect(await rule(schoolId, "rag_falling")).toBeUndefined();
    await setBlockAttrs(server, documentId, slipping, { rag: "amber" }, userId);
    await waitForBlocks(server, cookie, documentId, (blocks) => expect(blocks.find((b) => b.id === slipping)?.attrs.rag).toBe("amber"));
    await recordReview(server.database.db, doc, { halfTerm: "autumn-2", close: true }, userId);
    expect(await rule(schoolId, "red_twice")).toMatchObject({ explanation: "1 target or action red at both the Autumn 1 and Autumn 2 reviews" });
    expect(await rule(schoolId, "rag_falling")).toMatchObject({ explanation: "RAG fell for 1 target or action between the Autumn 1 and Autumn 2 reviews" });
    // Both half terms were reviewed, so none was missed.
    expect(await rule(schoolId, "review_missed")).toBeUndefined();
  });

  it("review missed: half terms ended beyond the grace period with no review fire; a review in time is quiet", async () => {
    const { schoolId } = await plan([block("action", id(), "Peer review follow-up", { rag: "amber", status: "in_progress" })]);
    expect(await rule(schoolId, "review_missed")).toMatchObject({ severity: "high", explanation: "No review recorded for Autumn 1 (ended 23 Oct 2026) or Autumn 2 (ended 18 Dec 2026)" });
    // Five school days after autumn 2 ended, it is still within the grace period; autumn 1 is not.
    expect(await rule(schoolId, "review_missed", "2027-01-08")).toMatchObject({ severity: "medium", facts: "autumn-1" });
    expect(await rule(schoolId, "review_missed", "2026-10-30")).toBeUndefined();
  });

  it("plan not updated for six school weeks: fires long after the last edit, quiet soon after", async () => {
    const { schoolId } = await plan([block("action", id(), "Curriculum review", { rag: "green", status: "in_progress" })]);
    const now = todayInEngland();
    expect(await rule(schoolId, "plan_stale", now)).toBeUndefined();
    const later = todayInEngland(new Date(Date.now() + 120 * 86_400_000));
    expect(await rule(schoolId, "plan_stale", later)).toMatchObject({ rule: "plan_stale", explanation: expect.stringMatching(/^Plans not updated for \d+ school weeks \(last change /) });
  });

  it("check-ins overdue for the tier's cadence: fires past the cadence, quiet within it", async () => {
    const late = await buildSchool(server.database.db, { tier: 2 });
    const onTime = await buildSchool(server.database.db, { tier: 2 });
    await server.database.db.insert(schoolCheckins).values([
      { schoolId: late.id, kind: "ceo_one_to_one", heldOn: "2026-11-02" },
      { schoolId: late.id, kind: "health_check", heldOn: "2026-12-01" },
      { schoolId: onTime.id, kind: "ceo_one_to_one", heldOn: "2027-01-11" },
      { schoolId: onTime.id, kind: "health_check", heldOn: "2026-12-01" },
    ]);
    expect(await rule(late.id, "checkin_overdue")).toMatchObject({ explanation: "CEO 1:1 overdue since 30 Nov 2026 (every 4 weeks for Tier 2, Grow)" });
    expect(await rule(onTime.id, "checkin_overdue")).toBeUndefined();
  });

  it("a SEF grade of needs attention without an open action in that area fires; with one it is quiet", async () => {
    const sef = [block("judgement", id(), "Outcomes below national", { framework: "ofsted-2025", area: "achievement", grade: "needs_attention" })];
    const bare = await plan(sef, "sef");
    expect(await rule(bare.schoolId, "sef_without_action")).toMatchObject({ severity: "medium", explanation: "Achievement is graded needs attention in the SEF with no open action in that area" });

    const covered = await plan(sef, "sef");
    const planDoc = await buildDocument(server.database.db, { schoolId: covered.schoolId });
    await appendNodes(server, planDoc.id, [block("target", id(), "KS2 at 70%", { area: "achievement" }), block("action", id(), "Maths mastery", { status: "in_progress" })], userId);
    await waitForBlocks(server, cookie, planDoc.id, (blocks) => expect(blocks).toHaveLength(2));
    expect(await rule(covered.schoolId, "sef_without_action")).toBeUndefined();
  });
});
