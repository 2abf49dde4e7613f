/**
 * Half-termly reviews over real HTTP, on plans written through the collab server and extracted
 * for real: a closed review keeps its snapshot, the chart has one value per review point, each
 * block's history carries its commentary, and governors read reviews but cannot write them.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildDocument, buildSchool, buildUser, TEST_PASSWORD } from "../factories.js";
import { apiAs, eventually, signIn, startTestServer } from "../support.js";
import { appendNodes, block, setBlockAttrs, waitForBlocks } from "../progress/seedPlans.js";

type Server = Awaited<ReturnType<typeof startTestServer>>;
interface Item { blockId: string; rag: string; status: string | null; current: string | null; commentary: string }
interface Review { id: string; halfTerm: string; status: string; items: Item[]; summary: { redAgain: number; fell: number } }
interface SchoolReviews {
  reviews: Review[];
  points: { halfTerm: string; targets: Record<string, number>; actions: Record<string, number> }[];
  history: { blockId: string; entries: { halfTerm: string; rag: string; commentary: string }[] }[];
}

describe("half-termly reviews", () => {
  let server: Server;
  let schoolId: string;
  let planId: string;
  let leaderCookie: string;
  let leader: ReturnType<typeof apiAs>;
  let governor: ReturnType<typeof apiAs>;
  let outsider: ReturnType<typeof apiAs>;
  const T1 = crypto.randomUUID();
  const A1 = crypto.randomUUID();
  const A2 = crypto.randomUUID();

  beforeAll(async () => {
    server = await startTestServer();
    const { db } = server.database;
    schoolId = (await buildSchool(db)).id;
    const other = await buildSchool(db);
    const head = await buildUser(db, { role: "school_leader", schoolId });
    const gov = await buildUser(db, { role: "governor", schoolId });
    const stranger = await buildUser(db, { role: "school_leader", schoolId: other.id });
    leaderCookie = await signIn(server.url, head.email, TEST_PASSWORD);
    leader = apiAs(server.url, leaderCookie);
    governor = apiAs(server.url, await signIn(server.url, gov.email, TEST_PASSWORD));
    outsider = apiAs(server.url, await signIn(server.url, stranger.email, TEST_PASSWORD));
    planId = (await buildDocument(db, { schoolId })).id;
    await appendNodes(server, planId, [
      block("priority", crypto.randomUUID(), "Reading", { area: "curriculum_teaching" }),
      block("target", T1, "KS2 reading at 80%", { area: "achievement", rag: "amber", current: "62%", owners: [head.id] }),
      block("action", A1, "Phonics training", { rag: "green", status: "in_progress" }),
      block("action", A2, "Reading ambassadors", { rag: "red", status: "not_started" }),
    ], head.id);
    await waitForBlocks(server, leaderCookie, planId, (blocks) => expect(blocks.filter((b) => (b as { type?: string }).type === "action")).toHaveLength(2));
  });
  afterAll(() => server.closeAll());

  it("keeps a closed review's snapshot as it was after the plan changes", async () => {
    const res = await leader("POST", `/api/documents/${planId}/reviews`, { halfTerm: "autumn-1", commentary: { [T1]: "Evidence: learning walks 12 Oct", [A2]: "Not started: staffing" } });
    expect(res.status).toBe(200);
    const closed = await leader("POST", `/api/documents/${planId}/reviews`, { halfTerm: "autumn-1", close: true });
    expect(closed.status).toBe(200);
    const review = ((await closed.json()) as { review: Review }).review;
    expect(review.status).toBe("closed");
    expect(review.items.find((i) => i.blockId === T1)).toMatchObject({ rag: "amber", current: "62%", commentary: "Evidence: learning walks 12 Oct" });

    await setBlockAttrs(server, planId, T1, { rag: "red", current: "58%" }, null);
    await setBlockAttrs(server, planId, A1, { rag: "amber" }, null);
    await waitForBlocks(server, leaderCookie, planId, (blocks) => expect(blocks.find((b) => b.id === T1)?.attrs.rag).toBe("red"));

    const after = (await (await governor("GET", `/api/documents/${planId}/reviews`)).json()) as { reviews: Review[] };
    expect(after.reviews[0]!.items.find((i) => i.blockId === T1)).toMatchObject({ rag: "amber", current: "62%" });
    expect((await leader("POST", `/api/documents/${planId}/reviews`, { halfTerm: "autumn-1", commentary: { [T1]: "rewrite" } })).status).toBe(409);
  });

  it("charts one value per review point, and each block's history with its commentary", async () => {
    const res = await leader("POST", `/api/documents/${planId}/reviews`, { halfTerm: "autumn-2", commentary: { [T1]: "Mock SATs 58%" }, close: true });
    expect(res.status).toBe(200);
    const second = ((await res.json()) as { review: Review }).review;
    // A2 was red at both reviews; T1 (amber to red) and A1 (green to amber) fell.
    expect(second.summary).toMatchObject({ redAgain: 1, fell: 2 });

    const body = (await (await governor("GET", `/api/schools/${schoolId}/reviews`)).json()) as SchoolReviews;
    expect(body.points.map((p) => p.halfTerm)).toEqual(["autumn-1", "autumn-2"]);
    expect(body.points.map((p) => p.targets.red)).toEqual([0, 1]);
    expect(body.points.map((p) => p.actions.total)).toEqual([2, 2]);
    const t1 = body.history.find((h) => h.blockId === T1)!;
    expect(t1.entries).toEqual([
      expect.objectContaining({ halfTerm: "autumn-1", rag: "amber", commentary: "Evidence: learning walks 12 Oct" }),
      expect.objectContaining({ halfTerm: "autumn-2", rag: "red", commentary: "Mock SATs 58%" }),
    ]);
  });

  it("lets governors read reviews but never write them; other schools see nothing", async () => {
    expect((await governor("GET", `/api/schools/${schoolId}/reviews`)).status).toBe(200);
    const refused = await governor("POST", `/api/documents/${planId}/reviews`, { halfTerm: "spring-1" });
    expect(refused.status).toBe(403);
    expect((await outsider("GET", `/api/schools/${schoolId}/reviews`)).status).toBe(403);
    expect((await outsider("POST", `/api/documents/${planId}/reviews`, { halfTerm: "spring-1" })).status).toBe(404);
    await eventually(async () => {
      const reviews = ((await (await governor("GET", `/api/documents/${planId}/reviews`)).json()) as { reviews: Review[] }).reviews;
      expect(reviews.map((r) => r.halfTerm)).toEqual(["autumn-1", "autumn-2"]);
    });
  });

  it("answers bad input with a 400", async () => {
    expect((await leader("POST", `/api/documents/${planId}/reviews`, { halfTerm: "winter-1" })).status).toBe(400);
    expect((await leader("POST", `/api/documents/${planId}/reviews`, { halfTerm: "spring-1", commentary: { [crypto.randomUUID()]: "x" } })).status).toBe(400);
    expect((await leader("POST", `/api/documents/${planId}/reviews`, { halfTerm: "spring-1", commentary: { "not-a-uuid": "x" } })).status).toBe(400);
  });
});
