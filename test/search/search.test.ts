/**
 * GET /api/search over real HTTP, on documents written through the collab server and extracted
 * for real, and comments posted through the API: stemming, fields, highlights, links, live
 * updates, and for every role, never a hit from a school they cannot read.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { anchorFor } from "../../shared/comments/anchors.js";
import { ROLES, type Role } from "../../shared/enums.js";
import { HIT_END, HIT_START, snippetParts, type SearchHit, type SearchResponse } from "../../shared/search/hits.js";
import { buildDocument, buildSchool, buildUser, TEST_PASSWORD } from "../factories.js";
import { appendNodes, block } from "../progress/seedPlans.js";
import { eventually, signIn, startTestServer } from "../support.js";

type Server = Awaited<ReturnType<typeof startTestServer>>;
const id = () => crypto.randomUUID();
const TRUST_WIDE: Role[] = ["trust_admin", "trust_lead", "trustee"];

function anchor() {
  const doc = new Y.Doc();
  const p = new Y.XmlElement("paragraph");
  const text = new Y.XmlText();
  doc.getXmlFragment("default").insert(0, [p]);
  p.insert(0, [text]);
  text.insert(0, "Phonics across the school");
  return anchorFor(text, 0, 7);
}

describe("search", () => {
  let server: Server;
  let schoolA: string;
  let schoolB: string;
  let planA: string;
  let sefA: string;
  let planB: string;
  const ids = { targetA: id(), actionA: id(), judgementA: id(), targetB: id(), findingB: id() };
  const cookies = new Map<string, string>();
  let threadA = "";

  const get = async (who: string, query: string) => fetch(`${server.url}/api/search?${query}`, { headers: { cookie: cookies.get(who) ?? "" } });
  const hits = async (who: string, query: string): Promise<SearchHit[]> => {
    const res = await get(who, query);
    expect(res.status, `${who} ${query}`).toBe(200);
    return ((await res.json()) as SearchResponse).hits;
  };

  beforeAll(async () => {
    server = await startTestServer();
    const { db } = server.database;
    schoolA = (await buildSchool(db, { name: "Alpha Primary" })).id;
    schoolB = (await buildSchool(db, { name: "Beta Academy" })).id;
    for (const role of ROLES) {
      const user = await buildUser(db, { role, schoolId: TRUST_WIDE.includes(role) ? null : schoolA });
      cookies.set(role, await signIn(server.url, user.email, TEST_PASSWORD));
    }
    const governorB = await buildUser(db, { role: "governor", schoolId: schoolB });
    cookies.set("governorB", await signIn(server.url, governorB.email, TEST_PASSWORD));

    planA = (await buildDocument(db, { schoolId: schoolA, title: "Single Plan, autumn 2026", status: "in_review" })).id;
    sefA = (await buildDocument(db, { schoolId: schoolA, kind: "sef", title: "Self-evaluation 2026/27" })).id;
    planB = (await buildDocument(db, { schoolId: schoolB, title: "Phonics recovery plan", status: "in_review" })).id;
    await appendNodes(server, planA, [
      block("target", ids.targetA, "Improve Phonic outcomes in Year 1", { measure: "Screening check pass rate", baseline: "72%", goal: "85%" }),
      block("action", ids.actionA, "Run reading workshops for parents", { successCriteria: "Attendance at workshops above 60%" }),
    ], null);
    await appendNodes(server, sefA, [block("judgement", ids.judgementA, "Phonics teaching is consistent in every class", { framework: "ofsted-2025", area: "curriculum_teaching", grade: "strong_standard" })], null);
    await appendNodes(server, planB, [
      block("target", ids.targetB, "Phonics screening to national average", { measure: "Screening check pass rate" }),
      block("finding", ids.findingB, "Phonic decoding is weak in Year 2", { kind: "development" }),
    ], null);
    const post = async (who: string, documentId: string, body: string) => {
      const res = await fetch(`${server.url}/api/documents/${documentId}/comments`, {
        method: "POST",
        headers: { cookie: cookies.get(who)!, "content-type": "application/json" },
        body: JSON.stringify({ body, anchor: anchor(), quote: "Phonics" }),
      });
      expect(res.status).toBe(201);
      return ((await res.json()) as { thread: { id: string } }).thread.id;
    };
    threadA = await post("governor", planA, "How will governors see the phonics data each half term?");
    await post("governorB", planB, "Who leads phonics training?");
    // Extraction is debounced: wait until every block above is searchable.
    await eventually(async () => {
      const found = await hits("trust_admin", "q=screening");
      expect(found.filter((h) => h.type === "block")).toHaveLength(2);
      expect((await hits("trust_admin", "q=decoding")).length).toBe(1);
      expect((await hits("trust_admin", "q=consistent")).length).toBe(1);
    }, { timeout: 15_000 });
  });
  afterAll(() => server.closeAll());

  it("stems English words: 'phonics' finds 'Phonic', highlighted, with a link to the exact block", async () => {
    const found = await hits("governor", "q=phonics");
    const target = found.find((h) => h.type === "block" && h.blockId === ids.targetA);
    expect(target).toMatchObject({ type: "block", blockType: "target", documentId: planA, schoolName: "Alpha Primary", href: `/documents/${planA}#block-${ids.targetA}` });
    expect(target!.snippet).toContain(`${HIT_START}Phonic${HIT_END}`);
    expect(snippetParts(target!.snippet).filter((p) => p.hit).map((p) => p.text)).toEqual(["Phonic"]);
    const judgement = found.find((h) => h.type === "block" && h.blockId === ids.judgementA);
    expect(judgement).toMatchObject({ blockType: "judgement", documentId: sefA });
    const thread = found.find((h) => h.type === "thread");
    expect(thread).toMatchObject({ threadId: threadA, resolved: false, href: `/documents/${planA}#thread-${threadA}` });
    expect(thread!.snippet).toContain(`${HIT_START}phonics${HIT_END}`);
  });

  it("says when some kind of hit had more matches than the server ranks", async () => {
    const res = await get("governor", "q=phonics");
    expect(((await res.json()) as SearchResponse).truncated).toBe(false);
    const many = Array.from({ length: 201 }, (_, i) => block("action", id(), `Weekly tutoring session ${i + 1}`));
    await appendNodes(server, planB, many, null);
    await eventually(async () => {
      const body = (await (await get("trust_lead", "q=tutoring")).json()) as SearchResponse;
      expect(body.hits).toHaveLength(20);
      expect(body.truncated).toBe(true);
    }, { timeout: 15_000 });
    // The governor of the other school matches none of them, so nothing of theirs was cut short.
    expect(((await (await get("governor", "q=tutoring")).json()) as SearchResponse)).toMatchObject({ hits: [], truncated: false });
  });

  it("finds blocks by their fields as well as their text, and documents by title", async () => {
    const found = await hits("school_leader", "q=screening+pass+rate");
    expect(found.map((h) => h.type === "block" && h.blockId)).toEqual([ids.targetA]);
    expect(found[0]!.snippet).toContain(`${HIT_START}Screening${HIT_END}`);
    const criteria = await hits("school_leader", "q=attendance");
    expect(criteria.map((h) => h.type === "block" && h.blockId)).toEqual([ids.actionA]);
    const titled = await hits("trust_lead", "q=recovery");
    expect(titled).toMatchObject([{ type: "document", documentId: planB, href: `/documents/${planB}` }]);
  });

  it("never shows any role a hit from a school it cannot read", async () => {
    for (const role of [...ROLES, "governorB"] as const) {
      const found = await hits(role, "q=phonics");
      const schools = new Set(found.map((h) => h.schoolId));
      if (TRUST_WIDE.includes(role as Role)) {
        expect(schools, role).toEqual(new Set([schoolA, schoolB]));
      } else if (role === "governorB") {
        expect(schools, role).toEqual(new Set([schoolB]));
        expect(found.map((h) => h.documentId).every((d) => d === planB), role).toBe(true);
      } else {
        // Every school role (viewer included) reads its own school's plans and nothing else.
        expect(schools, role).toEqual(new Set([schoolA]));
        expect(found.some((h) => h.documentId === planB), role).toBe(false);
      }
      // Naming a school the role cannot read is refused, not answered empty.
      const other = role === "governorB" ? schoolA : schoolB;
      expect((await get(role, `q=phonics&schoolId=${other}`)).status, role).toBe(TRUST_WIDE.includes(role as Role) ? 200 : 403);
    }
  });

  it("filters by school and by document kind", async () => {
    const inB = await hits("trustee", `q=phonics&schoolId=${schoolB}`);
    expect(inB.length).toBeGreaterThan(0);
    expect(inB.every((h) => h.schoolId === schoolB)).toBe(true);
    const sefs = await hits("trust_admin", "q=phonics&kind=sef");
    expect(sefs.map((h) => h.documentId)).toEqual([sefA]);
  });

  it("stays current: a block added to a plan is found once extracted", async () => {
    const added = id();
    await appendNodes(server, planA, [block("action", added, "Buy decodable readers for Reception")], null);
    await eventually(async () => {
      expect((await hits("governor", "q=decodable+reader")).map((h) => h.type === "block" && h.blockId)).toEqual([added]);
    }, { timeout: 10_000 });
  });

  it("answers bad input with a clear 4xx, and strangers with 401", async () => {
    for (const query of ["q=", "q=%20%20", `q=${"x".repeat(201)}`, "q=phonics&schoolId=nope", "q=phonics&kind=novel", "q=phonics&limit=0"]) {
      const res = await get("trust_admin", query);
      expect(res.status, query).toBe(400);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBeTruthy();
    }
    expect((await get("anonymous", "q=phonics")).status).toBe(401);
    // Search syntax is never an error: quotes, a minus and stray symbols are read as words.
    expect((await get("trust_admin", `q=${encodeURIComponent('"phonic outcomes" -reading & | ! (')}`)).status).toBe(200);
    expect(await hits("trust_admin", "q=the")).toEqual([]);
  });
});
