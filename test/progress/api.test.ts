/**
 * The progress API over real HTTP, on documents written through the collab server and extracted
 * for real. Every number is computed by hand from the plans below.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AcademyCard, ActionPage, TargetPage, TrustDashboard } from "../../server/progress/apiTypes.js";
import { buildDocument, buildSchool, buildUser, TEST_PASSWORD } from "../factories.js";
import { signIn, startTestServer } from "../support.js";
import { appendNodes, block, setBlockAttrs, waitForBlocks } from "./seedPlans.js";

type Server = Awaited<ReturnType<typeof startTestServer>>;
const id = () => crypto.randomUUID();
const PAST = "2020-01-01";
const PAST_LATER = "2020-06-01";
const FUTURE = "2099-01-01";

describe("progress API", () => {
  let server: Server;
  const ids = Object.fromEntries(["P1", "T1", "A1", "A2", "A3", "A4", "A5", "A6", "P2", "T2", "PB1", "A7", "A8", "PB2", "T3", "A9", "J1", "J2", "J3", "J4", "J5", "JP", "AX", "PH"].map((k) => [k, id()]));
  let schoolA: string;
  let schoolB: string;
  let schoolC: string;
  let planA: string;
  let planB: string;
  let sefOld: string;
  let sefNew: string;
  let archivedA: string;
  let leaderA: Awaited<ReturnType<typeof buildUser>>;
  let championA: Awaited<ReturnType<typeof buildUser>>;
  const cookie: Record<string, string> = {};

  const get = async <T>(who: string, path: string, status = 200): Promise<T> => {
    const res = await fetch(`${server.url}${path}`, { headers: { cookie: cookie[who] ?? "" } });
    expect(res.status, `${who} GET ${path}`).toBe(status);
    return (await res.json()) as T;
  };

  beforeAll(async () => {
    server = await startTestServer();
    const { db } = server.database;
    schoolA = (await buildSchool(db, { name: "Alpha Primary", tier: 1 })).id;
    schoolB = (await buildSchool(db, { name: "Beta Academy", tier: 4 })).id;
    schoolC = (await buildSchool(db, { name: "Gamma School", tier: 2 })).id;
    leaderA = await buildUser(db, { role: "school_leader", schoolId: schoolA, name: "Ada Leader" });
    championA = await buildUser(db, { role: "improvement_champion", schoolId: schoolA, name: "Cam Champion" });
    const people = {
      leaderA,
      championA,
      governorA: await buildUser(db, { role: "governor", schoolId: schoolA }),
      viewerA: await buildUser(db, { role: "viewer", schoolId: schoolA }),
      leaderB: await buildUser(db, { role: "school_leader", schoolId: schoolB }),
      trustLead: await buildUser(db, { role: "trust_lead" }),
      trustee: await buildUser(db, { role: "trustee" }),
      trustAdmin: await buildUser(db, { role: "trust_admin" }),
    };
    for (const [name, user] of Object.entries(people)) cookie[name] = await signIn(server.url, user.email, TEST_PASSWORD);

    planA = (await buildDocument(db, { schoolId: schoolA, title: "Alpha Single Plan" })).id;
    planB = (await buildDocument(db, { schoolId: schoolB, kind: "action_plan", title: "Beta rapid action plan" })).id;
    sefOld = (await buildDocument(db, { schoolId: schoolA, kind: "sef", title: "Alpha SEF 2025" })).id;
    sefNew = (await buildDocument(db, { schoolId: schoolA, kind: "sef", title: "Alpha SEF 2026" })).id;
    archivedA = (await buildDocument(db, { schoolId: schoolA, title: "Last year's plan", status: "archived" })).id;

    await appendNodes(server, planA, [
      { type: "heading", level: 1, text: "Single Plan" },
      block("priority", ids.P1!, "Reading", { area: "curriculum_teaching" }),
      block("target", ids.T1!, "KS2 reading at 80%", { area: "achievement", rag: "amber", baseline: "50%", current: "62%", goal: "80%", owners: [leaderA.id], due: FUTURE }),
      block("action", ids.A1!, "Phonics training for all staff", { rag: "red", status: "in_progress", due: PAST, owners: [leaderA.id, championA.id] }),
      block("action", ids.A2!, "=HYPERLINK(\"http://evil\")", { rag: "green", status: "complete", due: PAST }),
      block("action", ids.A3!, "Reading ambassadors", { rag: "amber", status: "not_started", due: FUTURE, owners: [leaderA.id] }),
      block("action", ids.PH!, "", { rag: "red", due: PAST }),
      block("priority", ids.P2!, "Attendance", { area: "attendance_behaviour" }),
      block("target", ids.T2!, "Persistent absence under 10%", { area: "attendance_behaviour", rag: "red" }),
      block("action", ids.A4!, "First-day calling", { rag: "red", status: "not_started", due: PAST_LATER, owners: [championA.id] }),
      block("action", ids.A5!, "Attendance officer in post", { rag: "blue", status: "complete" }),
      block("action", ids.A6!, "Dropped idea", { rag: "none", status: "dropped", due: PAST }),
    ], leaderA.id);
    await appendNodes(server, planB, [
      block("priority", ids.PB1!, "Attendance", { area: "attendance_behaviour" }),
      block("action", ids.A7!, "Attendance clinics", { rag: "red", status: "in_progress", due: PAST }),
      // Invalid: an owner from another school and a date that is not a date. Kept, with warnings.
      block("action", ids.A8!, "Parent workshops", { rag: "amber", due: "2026-13-45" as string, owners: [leaderA.id] }),
      block("priority", ids.PB2!, "Outcomes", { area: "achievement" }),
      block("target", ids.T3!, "Year 11 progress", { area: "achievement", rag: "red" }),
      block("action", ids.A9!, "Targeted tutoring", { rag: "red" }),
    ], null);
    await appendNodes(server, sefOld, [
      block("judgement", ids.J1!, "Attendance was weak last year", { framework: "ofsted-2025", area: "attendance_behaviour", grade: "urgent_improvement" }),
    ], leaderA.id);
    await appendNodes(server, archivedA, [block("action", ids.AX!, "Archived red action", { rag: "red", due: PAST })], leaderA.id);
    for (const [doc, n] of [[planA, 11], [planB, 6], [sefOld, 1], [archivedA, 1]] as const) {
      await waitForBlocks(server, cookie.trustLead!, doc, (b) => expect(b).toHaveLength(n));
    }
    await appendNodes(server, sefNew, [
      block("judgement", ids.J2!, "Inclusive culture", { framework: "ofsted-2025", area: "inclusion", grade: "strong_standard" }),
      block("judgement", ids.J3!, "Outcomes below national", { framework: "ofsted-2025", area: "achievement", grade: "needs_attention" }),
      block("judgement", ids.J4!, "Attendance improving", { framework: "ofsted-2025", area: "attendance_behaviour", grade: "expected_standard" }),
      block("judgement", ids.J5!, "Under the old framework", { framework: "ofsted-2019", area: "quality_of_education", grade: "good" }),
      block("judgement", ids.JP!, "", { framework: "ofsted-2025", area: "inclusion", grade: "urgent_improvement" }),
    ], leaderA.id);
    await waitForBlocks(server, cookie.trustLead!, sefNew, (b) => expect(b).toHaveLength(5));

    // T1 goes red, then back to amber; J4 is regraded. Each change lands before the next.
    await setBlockAttrs(server, planA, ids.T1!, { rag: "red" }, championA.id);
    await waitForBlocks(server, cookie.trustLead!, planA, (b) => expect(b.find((x) => x.id === ids.T1)!.attrs.rag).toBe("red"));
    await setBlockAttrs(server, planA, ids.T1!, { rag: "amber" }, leaderA.id);
    await setBlockAttrs(server, sefNew, ids.J4!, { grade: "needs_attention" }, leaderA.id);
    await waitForBlocks(server, cookie.trustLead!, planA, (b) => expect(b.find((x) => x.id === ids.T1)!.attrs.rag).toBe("amber"));
    await waitForBlocks(server, cookie.trustLead!, sefNew, (b) => expect(b.find((x) => x.id === ids.J4)!.attrs.grade).toBe("needs_attention"));
  });
  afterAll(() => server.closeAll());

  it("lists a document's blocks in order, placeholders flagged, each with its warnings", async () => {
    const { blocks } = await get<{ blocks: { id: string; type: string; placeholder: boolean; warnings: { attribute: string; message: string }[]; priorityId: string | null; targetId: string | null; owners?: { id: string; name: string }[] }[] }>("leaderA", `/api/documents/${planA}/blocks`);
    expect(blocks.map((b) => b.id)).toEqual([ids.P1, ids.T1, ids.A1, ids.A2, ids.A3, ids.PH, ids.P2, ids.T2, ids.A4, ids.A5, ids.A6]);
    expect(blocks.find((b) => b.id === ids.PH)).toMatchObject({ placeholder: true, priorityId: ids.P1, targetId: ids.T1 });
    expect(blocks.find((b) => b.id === ids.A1)!.owners).toEqual([{ id: leaderA.id, name: "Ada Leader" }, { id: championA.id, name: "Cam Champion" }]);

    const b = await get<{ blocks: { id: string; warnings: { attribute: string; message: string }[]; attrs: Record<string, unknown> }[] }>("trustLead", `/api/documents/${planB}/blocks`);
    const a8 = b.blocks.find((x) => x.id === ids.A8)!;
    expect(a8.attrs).toMatchObject({ rag: "amber", due: null, owners: [] });
    expect(a8.warnings.map((w) => `${w.attribute}: ${w.message}`)).toEqual(expect.arrayContaining([expect.stringMatching(/^due: /), "owners: some owners are not people of this school"]));
  });

  it("answers the trust dashboard with the hand-computed numbers", async () => {
    const d = await get<TrustDashboard>("trustLead", "/api/dashboard/trust");
    const a = d.schools.find((s) => s.id === schoolA)!;
    const b = d.schools.find((s) => s.id === schoolB)!;
    const c = d.schools.find((s) => s.id === schoolC)!;
    // Alpha: A1 red, A2 green, A3 amber, A4 red, A5 blue, A6 none; the placeholder and the archived plan do not count.
    expect(a.actions).toEqual({ red: 2, amber: 1, green: 1, blue: 1, none: 1, total: 6 });
    // Overdue: due before today and not complete: A1, A4 and A6 (dropped is not complete).
    expect(a.overdue).toBe(3);
    expect(a.targets).toEqual({ red: 1, amber: 1, green: 0, blue: 0, none: 0, total: 2 });
    expect(a.tier).toMatchObject({ level: 1 });
    expect(b.actions).toEqual({ red: 2, amber: 1, green: 0, blue: 0, none: 0, total: 3 });
    expect(b.overdue).toBe(1);
    expect(b.targets).toMatchObject({ red: 1, total: 1 });
    expect(b.tier).toMatchObject({ level: 4 });
    expect(c.actions.total).toBe(0);
    expect(c.lastActivity).toBeNull();
    expect(a.lastActivity).not.toBeNull();
    expect(Date.now() - Date.parse(a.lastActivity!)).toBeLessThan(120_000);

    // Latest SEF grade per area: the regraded J4 beats the older SEF's J1; the placeholder JP does not count.
    expect(a.sef.map((g) => [g.framework, g.area, g.grade])).toEqual([
      ["ofsted-2025", "inclusion", "strong_standard"],
      ["ofsted-2025", "achievement", "needs_attention"],
      ["ofsted-2025", "attendance_behaviour", "needs_attention"],
      ["ofsted-2019", "quality_of_education", "good"],
    ]);
    expect(a.sef[0]).toMatchObject({ gradeLabel: "Strong standard", areaLabel: "Inclusion", documentId: sefNew });
    expect(b.sef).toEqual([]);

    const mine = d.schools.filter((s) => [schoolA, schoolB, schoolC].includes(s.id));
    expect(d.totals.actions).toEqual({ red: 4, amber: 2, green: 1, blue: 1, none: 1, total: 9 });
    expect(d.totals.overdue).toBe(4);
    expect(d.totals.targets).toMatchObject({ red: 1 + 1, amber: 1, total: 3 });
    expect(d.totals.schools).toBe(mine.length);
    expect(d.totals.byTier.map((t) => [t.level, t.schools])).toEqual([[1, 1], [2, 1], [4, 1]]);
    // Red by area across schools: achievement (A1 via T1, A9 and T3) and attendance (A4, T2, A7), both in 2 schools.
    expect(d.redAreas).toEqual([
      { area: "achievement", label: "Achievement", schools: 2, redActions: 2, redTargets: 1 },
      { area: "attendance_behaviour", label: "Attendance and behaviour", schools: 2, redActions: 2, redTargets: 1 },
    ]);
  });

  it("answers the academy card with targets, progress, RAG over time and action counts", async () => {
    const card = await get<AcademyCard>("governorA", `/api/schools/${schoolA}/card`);
    expect(card.school).toMatchObject({ id: schoolA, name: "Alpha Primary", tier: { level: 1 } });
    expect(card.targets.map((t) => t.id)).toEqual([ids.T1, ids.T2]);
    const t1 = card.targets[0]!;
    expect(t1).toMatchObject({ baseline: "50%", current: "62%", goal: "80%", rag: "amber", priority: { id: ids.P1, title: "Reading" } });
    expect(t1.progress).toBeCloseTo(0.4, 5);
    expect(t1.owners).toEqual([{ id: leaderA.id, name: "Ada Leader" }]);
    expect(t1.trend.map((p) => p.rag)).toEqual(["amber", "red", "amber"]);
    expect(t1.trend.map((p) => Date.parse(p.at))).toEqual([...t1.trend.map((p) => Date.parse(p.at))].sort((x, y) => x - y));
    expect(card.targets[1]!.trend.map((p) => p.rag)).toEqual(["red"]);
    expect(card.actions).toEqual({
      byRag: { red: 2, amber: 1, green: 1, blue: 1, none: 1, total: 6 },
      byStatus: { not_started: 2, in_progress: 1, complete: 2, dropped: 1 },
      overdue: 3,
      total: 6,
    });
    expect(card.sef).toHaveLength(4);
  });

  it("filters, pages and names the action list", async () => {
    const all = await get<ActionPage>("trustLead", `/api/actions?schoolId=${schoolA}&limit=50`);
    expect(all.total).toBe(6);
    // Open actions first, soonest due (undated last); completed ones after them.
    expect(all.actions.map((r) => r.id)).toEqual([ids.A1, ids.A6, ids.A4, ids.A3, ids.A2, ids.A5]);
    const a1 = all.actions.find((r) => r.id === ids.A1)!;
    expect(a1).toMatchObject({
      key: ids.A1, document: { id: planA, title: "Alpha Single Plan" }, school: { id: schoolA, name: "Alpha Primary" },
      priority: { id: ids.P1, title: "Reading" }, targetId: ids.T1, target: { id: ids.T1, title: "KS2 reading at 80%" },
      rag: "red", status: "in_progress", due: PAST, overdue: true, area: "achievement", areaLabel: "Achievement",
      owners: [{ id: leaderA.id, name: "Ada Leader" }, { id: championA.id, name: "Cam Champion" }],
      link: `/documents/${planA}#block-${ids.A1}`,
    });
    expect(all.csv).toBe(`/api/actions.csv?schoolId=${schoolA}`);

    const overdue = await get<ActionPage>("trustLead", `/api/actions?schoolId=${schoolA}&overdue=true`);
    expect(overdue.actions.map((r) => r.id)).toEqual([ids.A1, ids.A6, ids.A4]);
    const notOverdue = await get<ActionPage>("trustLead", `/api/actions?schoolId=${schoolA}&overdue=false`);
    expect(notOverdue.total).toBe(3);
    expect((await get<ActionPage>("trustLead", "/api/actions?rag=red")).actions.map((r) => r.id).sort()).toEqual([ids.A1, ids.A4, ids.A7, ids.A9].sort());
    expect((await get<ActionPage>("trustLead", "/api/actions?area=achievement")).actions.map((r) => r.id).sort()).toEqual([ids.A1, ids.A2, ids.A3, ids.A9].sort());
    expect((await get<ActionPage>("trustLead", "/api/actions?status=complete,dropped")).total).toBe(3);
    // Soonest due first, undated last in document order.
    expect((await get<ActionPage>("trustLead", `/api/actions?documentId=${planB}`)).actions.map((r) => r.id)).toEqual([ids.A7, ids.A8, ids.A9]);
    expect((await get<ActionPage>("leaderA", "/api/actions?owner=me")).actions.map((r) => r.id).sort()).toEqual([ids.A1, ids.A3].sort());
    expect((await get<ActionPage>("trustLead", `/api/actions?owner=${championA.id}&rag=red`)).actions.map((r) => r.id).sort()).toEqual([ids.A1, ids.A4].sort());

    const page = await get<ActionPage>("trustLead", `/api/actions?schoolId=${schoolA}&limit=2&offset=2`);
    expect(page).toMatchObject({ total: 6, limit: 2, offset: 2 });
    expect(page.actions.map((r) => r.id)).toEqual(all.actions.slice(2, 4).map((r) => r.id));

    for (const bad of ["rag=purple", "overdue=maybe", "area=nowhere", "limit=0", "schoolId=nope", "owner=someone"]) {
      const res = await fetch(`${server.url}/api/actions?${bad}`, { headers: { cookie: cookie.trustLead! } });
      expect(res.status, bad).toBe(400);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe("invalid_request");
    }
  });

  it("lists targets with their progress", async () => {
    const t = await get<TargetPage>("trustLead", `/api/targets?schoolId=${schoolA}`);
    expect(t.total).toBe(2);
    expect(t.targets.map((r) => [r.id, r.rag, r.area, r.priority?.id])).toEqual([[ids.T1, "amber", "achievement", ids.P1], [ids.T2, "red", "attendance_behaviour", ids.P2]]);
    expect((await get<TargetPage>("trustLead", "/api/targets?rag=red")).targets.map((r) => r.id).sort()).toEqual([ids.T2, ids.T3].sort());
  });

  it("exports any action or target query as CSV with the proper headers", async () => {
    const res = await fetch(`${server.url}/api/actions.csv?schoolId=${schoolA}&overdue=true`, { headers: { cookie: cookie.leaderA! } });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename="actions-\d{4}-\d{2}-\d{2}\.csv"$/);
    const lines = (await res.text()).replace(/^\uFEFF/, "").trim().split("\n");
    expect(lines[0]).toBe("Id,School,Document,Priority,Target,Action,Owners,Area,Start,Due,RAG,Status,Overdue,Cost,Success criteria,Link");
    expect(lines).toHaveLength(4);
    expect(lines[1]).toContain(`${ids.A1},Alpha Primary,Alpha Single Plan,Reading,KS2 reading at 80%,Phonics training for all staff,Ada Leader; Cam Champion,Achievement,,${PAST},Red,In progress,yes`);
    expect(lines[1]).toMatch(new RegExp(`,http://127\\.0\\.0\\.1:\\d+/documents/${planA}#block-${ids.A1}$`));

    // The same export through ?format=csv; a cell that would run as a formula is quoted.
    const viaFormat = await fetch(`${server.url}/api/actions?schoolId=${schoolA}&status=complete&format=csv`, { headers: { cookie: cookie.leaderA! } });
    expect(viaFormat.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    const body = await viaFormat.text();
    expect(body).toContain(`"'=HYPERLINK(""http://evil"")"`);
    expect(body).not.toMatch(/,=HYPERLINK/);

    const targets = await fetch(`${server.url}/api/targets.csv?schoolId=${schoolA}`, { headers: { cookie: cookie.governorA! } });
    expect(targets.headers.get("content-disposition")).toMatch(/filename="targets-/);
    const rows = (await targets.text()).trim().split("\n");
    expect(rows).toHaveLength(3);
    expect(rows[1]).toContain("KS2 reading at 80%,Achievement,,50%,62%,80%,2099-01-01,Amber");
  });

  it("scopes every endpoint by role", async () => {
    // School roles see only their school, in lists as well as by id.
    expect((await get<ActionPage>("leaderA", "/api/actions")).actions.every((r) => r.school.id === schoolA)).toBe(true);
    expect((await get<ActionPage>("leaderA", "/api/actions")).total).toBe(6);
    expect((await get<ActionPage>("governorA", "/api/actions")).total).toBe(6);
    expect((await get<TargetPage>("viewerA", "/api/targets")).total).toBe(2);
    expect((await get<ActionPage>("leaderB", "/api/actions")).total).toBe(3);
    const denied = await get<{ error: { code: string } }>("leaderA", `/api/actions?schoolId=${schoolB}`, 403);
    expect(denied.error.code).toBe("forbidden");
    await get("leaderA", `/api/targets?schoolId=${schoolB}`, 403);
    await get("leaderA", `/api/actions.csv?schoolId=${schoolB}`, 403);
    await get("leaderA", `/api/actions?documentId=${planB}`, 404);
    await get("leaderA", `/api/documents/${planB}/blocks`, 404);
    await get("leaderA", `/api/schools/${schoolB}/card`, 403);
    await get("governorA", `/api/schools/${schoolB}/card`, 403);
    await get("trustee", `/api/schools/${schoolB}/card`, 200);
    await get("trustLead", `/api/schools/${crypto.randomUUID()}/card`, 404);
  });

  it("refuses the trust dashboard to everyone but trust roles", async () => {
    for (const who of ["trustAdmin", "trustLead", "trustee"]) await get(who, "/api/dashboard/trust", 200);
    for (const who of ["leaderA", "championA", "governorA", "viewerA", "leaderB"]) {
      const body = await get<{ error: { code: string } }>(who, "/api/dashboard/trust", 403);
      expect(body.error.code).toBe("forbidden");
    }
    for (const path of ["/api/dashboard/trust", "/api/actions", "/api/targets", "/api/actions.csv", `/api/schools/${schoolA}/card`, `/api/documents/${planA}/blocks`]) {
      await get("anonymous", path, 401);
    }
  });
});
