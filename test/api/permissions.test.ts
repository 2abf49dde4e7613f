/** Walks every role against every foundation endpoint (DESIGN section 7), over real HTTP. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROLES, type Role } from "../../shared/enums.js";
import { buildDocument, buildSchool, buildUser, TEST_PASSWORD } from "../factories.js";
import { signIn, startTestServer } from "../support.js";

type Server = Awaited<ReturnType<typeof startTestServer>>;

describe("permission matrix", () => {
  let server: Server;
  let schoolA: string;
  let schoolB: string;
  let docA: string;
  let docB: string;
  let approvedA: string;
  const cookies = new Map<Role | "anonymous", string>();

  beforeAll(async () => {
    server = await startTestServer();
    const { db } = server.database;
    schoolA = (await buildSchool(db, { name: "Alpha Primary" })).id;
    schoolB = (await buildSchool(db, { name: "Beta Academy" })).id;
    docA = (await buildDocument(db, { schoolId: schoolA })).id;
    docB = (await buildDocument(db, { schoolId: schoolB })).id;
    approvedA = (await buildDocument(db, { schoolId: schoolA, status: "approved" })).id;
    for (const role of ROLES) {
      const trustWide = role === "trust_admin" || role === "trust_lead" || role === "trustee";
      const user = await buildUser(db, { role, schoolId: trustWide ? null : schoolA });
      cookies.set(role, await signIn(server.url, user.email, TEST_PASSWORD));
    }
    cookies.set("anonymous", "");
  });
  afterAll(() => server.closeAll());

  const call = (who: Role | "anonymous", method: string, path: string, body?: unknown) =>
    fetch(`${server.url}${path}`, {
      method,
      headers: { cookie: cookies.get(who)!, "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });

  const trust: Role[] = ["trust_admin", "trust_lead", "trustee"];
  const schoolA_roles: Role[] = ["school_leader", "improvement_champion", "governor", "viewer"];
  const editors: Role[] = ["trust_admin", "trust_lead", "school_leader", "improvement_champion"];

  // Each row: the request, and the status every role must get. Roles not named expect `otherwise`.
  const newDoc = (schoolId: () => string) => () => ({ schoolId: schoolId(), kind: "adp", title: "ADP", academicYear: "2026/27" });
  const matrix: { name: string; method: string; path: () => string; body?: () => unknown; allow: Role[]; status: number; otherwise: number }[] = [
    { name: "list schools", method: "GET", path: () => "/api/schools", allow: [...ROLES], status: 200, otherwise: 401 },
    { name: "read own school", method: "GET", path: () => `/api/schools/${schoolA}`, allow: [...ROLES], status: 200, otherwise: 403 },
    { name: "read another school", method: "GET", path: () => `/api/schools/${schoolB}`, allow: trust, status: 200, otherwise: 403 },
    { name: "people of own school", method: "GET", path: () => `/api/schools/${schoolA}/people`, allow: [...ROLES], status: 200, otherwise: 403 },
    { name: "people of another school", method: "GET", path: () => `/api/schools/${schoolB}/people`, allow: trust, status: 200, otherwise: 403 },
    { name: "set a tier", method: "POST", path: () => `/api/schools/${schoolB}/tier`, body: () => ({ tier: 3, reason: "Board decision" }), allow: ["trust_admin", "trust_lead"], status: 201, otherwise: 403 },
    { name: "list own school's documents", method: "GET", path: () => `/api/documents?schoolId=${schoolA}`, allow: [...ROLES], status: 200, otherwise: 403 },
    { name: "list another school's documents", method: "GET", path: () => `/api/documents?schoolId=${schoolB}`, allow: trust, status: 200, otherwise: 403 },
    { name: "read own school's document", method: "GET", path: () => `/api/documents/${docA}`, allow: [...ROLES], status: 200, otherwise: 404 },
    { name: "read another school's document", method: "GET", path: () => `/api/documents/${docB}`, allow: trust, status: 200, otherwise: 404 },
    { name: "create a document in own school", method: "POST", path: () => "/api/documents", body: newDoc(() => schoolA), allow: editors, status: 201, otherwise: 403 },
    { name: "create a document in another school", method: "POST", path: () => "/api/documents", body: newDoc(() => schoolB), allow: ["trust_admin", "trust_lead"], status: 201, otherwise: 403 },
    { name: "list people", method: "GET", path: () => "/api/people", allow: ["trust_admin"], status: 200, otherwise: 403 },
    { name: "invite someone", method: "POST", path: () => "/api/invitations", body: () => ({ email: `new-${Math.random()}@example.test`, name: "New Person", role: "governor", schoolId: schoolA }), allow: ["trust_admin"], status: 201, otherwise: 403 },
  ];

  for (const row of matrix) {
    it(`${row.name}: allowed roles succeed, others are refused`, async () => {
      const results: Record<string, number> = {};
      const expected: Record<string, number> = {};
      for (const who of [...ROLES, "anonymous"] as const) {
        const res = await call(who, row.method, row.path(), row.body?.());
        results[who] = res.status;
        expected[who] = who === "anonymous" ? 401 : row.allow.includes(who) ? row.status : row.otherwise;
        if (res.status >= 400) expect((await res.json()).error.code).toEqual(expect.any(String));
      }
      expect(results).toEqual(expected);
    });
  }

  it("a school role sees exactly its own school; trust roles see every school", async () => {
    for (const role of ROLES) {
      const { schools } = await (await call(role, "GET", "/api/schools")).json();
      const ids = schools.map((s: { id: string }) => s.id);
      if (trust.includes(role)) expect(ids).toEqual(expect.arrayContaining([schoolA, schoolB]));
      else expect(ids).toEqual([schoolA]);
    }
  });

  it("a school role never sees another school's documents in an unfiltered list", async () => {
    for (const role of schoolA_roles) {
      const { documents } = await (await call(role, "GET", "/api/documents")).json();
      expect(documents.length).toBeGreaterThan(0);
      expect(documents.every((d: { schoolId: string }) => d.schoolId === schoolA)).toBe(true);
    }
  });

  it("reports edit rights per role, and nobody edits an approved document", async () => {
    for (const role of ROLES) {
      const draft = await (await call(role, "GET", `/api/documents/${docA}`)).json();
      expect(draft.abilities.update).toBe(editors.includes(role));
      expect(draft.abilities.comment).toBe(role !== "viewer");
      const approved = await (await call(role, "GET", `/api/documents/${approvedA}`)).json();
      expect(approved.abilities.update).toBe(false);
    }
  });

  it("answers unknown or malformed ids with 404, never 500", async () => {
    expect((await call("trust_admin", "GET", "/api/documents/not-a-uuid")).status).toBe(404);
    expect((await call("trust_admin", "GET", "/api/schools/00000000-0000-4000-8000-000000000000")).status).toBe(404);
    expect((await call("trust_admin", "GET", "/api/nothing-here")).status).toBe(404);
  });
});
