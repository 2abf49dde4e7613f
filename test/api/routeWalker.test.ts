/**
 * The route walker. Every route the app registers (read from app.routes, so a route someone adds
 * later is walked without anyone listing it) gets bad ids, impossible dates, NULs, lone
 * surrogates, wrong types and huge strings in its path, query and body, as a trust admin, a
 * trust lead, a school leader, a viewer and an anonymous caller. Bad input must get a 4xx with
 * {error:{code,message}}: never a 500, never a stack trace.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildDocument, buildSchool, buildUser, TEST_PASSWORD } from "../factories.js";
import { signIn, startTestServer } from "../support.js";
import { invitations, memberships } from "../../server/db/schema/index.js";

type Server = Awaited<ReturnType<typeof startTestServer>>;
type Route = { method: string; path: string };
type Probe = { label: string; method: string; url: string; body?: string; strict: boolean };

let server: Server;
const people: Record<string, { email: string; cookie: string }> = {};
const ids: Record<string, string> = {};
const failures: string[] = [];

// Raw URL text: "%ED%A0%80" is a lone surrogate's UTF-8-style encoding, "%C0%80" an overlong NUL.
const BAD_PATH_VALUES = ["not-an-id", "a%00b", "%ED%A0%80", "%C0%80", "2026-02-31", "1.5", "-1", "%27%20OR%201%3D1--", "x".repeat(3000)];
const BAD_QUERY_VALUES = ["%00", "%ED%A0%80", "2026-02-31", "not-an-id", "1.5", "x".repeat(3000)];
// Query names any list or filter in the API might read; a route ignores the ones it does not take.
const QUERY_KEYS = ["schoolId", "documentId", "userId", "id", "kind", "year", "academicYear", "term", "halfTerm", "rag", "owner", "overdue", "area", "status", "since", "before", "after", "from", "to", "date", "limit", "offset", "action", "q", "format", "preview", "sort"];
const BAD_BODIES = ["not json{", "[]", "null", "42", '"text"', JSON.stringify({ a: "\u0000" }), JSON.stringify({ a: "\uD800" }), JSON.stringify({ deep: [[[{ x: "x".repeat(100_000) }]]] })];
const STRING_MUTATIONS: unknown[] = ["\u0000", "a\u0000b", "\uD800", "ok\uDFFFok", "x".repeat(100_000), 42, {}, []];
const DATE_MUTATIONS: unknown[] = ["2026-13-45", "2026-02-31", "2026-2-3", "18 Dec 2026", ...STRING_MUTATIONS];
const NUMBER_MUTATIONS: unknown[] = ["abc", "\u0000", 1.5, -1, 1e308, {}, []];

/** Valid bodies for the routes that take one, so that each field can be spoiled while the rest stay good. */
function samples(): Record<string, { path: string; body: Record<string, unknown>; as?: string }> {
  return {
    "POST /api/auth/login": { path: "/api/auth/login", body: { email: people.spare!.email, password: TEST_PASSWORD } },
    "POST /api/documents": { path: "/api/documents", body: { schoolId: ids.school, kind: "single_plan", title: "Walker plan", academicYear: "2026/27", term: "autumn" } },
    "POST /api/schools/:id/tier": { path: `/api/schools/${ids.school}/tier`, body: { tier: 3, reason: "Because the walker says so" } },
    "POST /api/schools/:id/checkins": { path: `/api/schools/${ids.school}/checkins`, body: { kind: "health_check", heldOn: "2026-11-20", notes: "Fine" } },
    "PUT /api/tiers/:level": { path: "/api/tiers/4", body: { name: "Intensive", description: "Walker", ceoOneToOneWeeks: 2, healthChecksPerYear: 6 } },
    "POST /api/documents/:id/status": { path: `/api/documents/${ids.reviewDoc}/status`, body: { status: "approved", approvalBody: "lgb", approvedOn: "2026-11-20", versionName: "Walker version" }, as: "trust_lead" },
    "POST /api/memberships": { path: "/api/memberships", body: { userId: ids.spareUser, role: "improvement_champion", schoolId: ids.school } },
    "POST /api/invitations": { path: "/api/invitations", body: { email: "walker-invite@example.test", name: "Walker Invite", role: "viewer", schoolId: ids.school } },
  };
}

/** A real id for a path parameter, chosen by the resource named before it, so handlers get past lookup to the body. */
function realParam(route: Route, name: string): string {
  const segments = route.path.split("/");
  const before = segments[segments.indexOf(`:${name}`) - 1];
  if (route.path === "/api/documents/:id/status") return ids.reviewDoc!;
  if (before === "schools") return ids.school!;
  if (before === "documents") return ids.doc!;
  if (before === "tiers") return "4";
  if (before === "memberships") return ids.spareMembership!;
  if (before === "invitations" && name === "token") return "abcdefghijklmnopqrstuvwxyz234567";
  if (before === "invitations") return ids.spareInvitation!;
  return randomUUID();
}

function fill(route: Route, override?: { name: string; value: string }): string {
  return route.path.replace(/:([A-Za-z0-9_]+)(\{[^}]*\})?/g, (_m, name: string) => (override?.name === name ? override.value : realParam(route, name)));
}

/** The routes the app registers, less middleware and catch-alls. */
function registeredRoutes(): Route[] {
  const seen = new Map<string, Route>();
  for (const r of server.app.routes) {
    if (r.method === "ALL" || r.path.includes("*")) continue;
    seen.set(`${r.method} ${r.path}`, { method: r.method, path: r.path });
  }
  return [...seen.values()];
}

function probesFor(route: Route, role: string): Probe[] {
  const probes: Probe[] = [];
  const params = [...route.path.matchAll(/:([A-Za-z0-9_]+)/g)].map((m) => m[1]!);
  const hasBody = route.method !== "GET" && route.method !== "HEAD";
  for (const name of params) {
    for (const value of BAD_PATH_VALUES) {
      probes.push({ label: `:${name}=${value.slice(0, 20)}`, method: route.method, url: fill(route, { name, value }), body: hasBody ? "{}" : undefined, strict: true });
    }
  }
  if (role !== "trust_admin" && role !== "trust_lead") return probes;
  if (route.method === "GET" && role === "trust_admin") {
    for (const key of QUERY_KEYS) {
      for (const value of BAD_QUERY_VALUES) {
        probes.push({ label: `?${key}=${value.slice(0, 20)}`, method: "GET", url: `${fill(route)}?${key}=${value}`, strict: false });
      }
    }
  }
  if (!hasBody) return probes;
  for (const body of BAD_BODIES) probes.push({ label: `body ${body.slice(0, 20)}`, method: route.method, url: fill(route), body, strict: false });
  const sample = samples()[`${route.method} ${route.path}`];
  if (!sample || (sample.as ?? "trust_admin") !== role) return probes;
  for (const [field, good] of Object.entries(sample.body)) {
    const mutations = typeof good === "number" ? NUMBER_MUTATIONS : /^\d{4}-\d{2}-\d{2}$/.test(String(good)) ? DATE_MUTATIONS : STRING_MUTATIONS;
    for (const bad of mutations) {
      const label = `${field}=${JSON.stringify(bad).slice(0, 20)}`;
      probes.push({ label, method: route.method, url: sample.path, body: JSON.stringify({ ...sample.body, [field]: bad }), strict: true });
    }
  }
  return probes;
}

async function send(probe: Probe, cookie: string): Promise<{ status: number; json: unknown; type: string }> {
  const res = await fetch(`${server.url}${probe.url}`, {
    method: probe.method,
    headers: { cookie, "content-type": "application/json" },
    body: probe.body,
  });
  const type = res.headers.get("content-type") ?? "";
  // Event streams never end on their own; their headers are all this probe needs.
  if (!type.includes("json")) {
    await res.body?.cancel();
    return { status: res.status, json: null, type };
  }
  return { status: res.status, json: await res.json().catch(() => null), type };
}

function check(route: Route, role: string, probe: Probe, result: { status: number; json: unknown; type: string }) {
  const where = `${role} ${route.method} ${route.path} ${probe.label} -> ${result.status}`;
  if (result.status >= 500) return failures.push(where);
  if (probe.strict && (result.status < 400 || result.status >= 500)) return failures.push(`${where} (expected a 4xx)`);
  if (result.status >= 400) {
    const error = (result.json as { error?: { code?: unknown; message?: unknown } } | null)?.error;
    if (typeof error?.code !== "string" || typeof error.message !== "string") failures.push(`${where} (no {error:{code,message}}: ${result.type})`);
  }
}

/** Runs probes a few at a time: enough to be quick, few enough to leave the machine usable. */
async function runAll(route: Route, role: string, probes: Probe[]) {
  let next = 0;
  const worker = async () => {
    while (next < probes.length) {
      const probe = probes[next++]!;
      check(route, role, probe, await send(probe, people[role]?.cookie ?? ""));
    }
  };
  await Promise.all(Array.from({ length: 6 }, worker));
}

beforeAll(async () => {
  server = await startTestServer();
  const db = server.database.db;
  const school = await buildSchool(db);
  ids.school = school.id;
  ids.doc = (await buildDocument(db, { schoolId: school.id })).id;
  ids.reviewDoc = (await buildDocument(db, { schoolId: school.id, status: "in_review" })).id;
  const spare = await buildUser(db, { role: "viewer", schoolId: school.id });
  ids.spareUser = spare.id;
  people.spare = { email: spare.email, cookie: "" };
  const [membership] = await db.insert(memberships).values({ userId: spare.id, role: "governor", schoolId: school.id }).returning();
  ids.spareMembership = membership!.id;
  const [invitation] = await db
    .insert(invitations)
    .values({ email: "walker-spare@example.test", name: "Spare", role: "viewer", schoolId: school.id, tokenHash: "walker", expiresAt: new Date(Date.now() + 86_400_000) })
    .returning();
  ids.spareInvitation = invitation!.id;
  for (const role of ["trust_admin", "trust_lead", "school_leader", "viewer"] as const) {
    const user = await buildUser(db, { role, schoolId: role === "trust_admin" ? null : school.id });
    people[role] = { email: user.email, cookie: await signIn(server.url, user.email, TEST_PASSWORD) };
  }
  // Five real argon2 sign-ins and a migrated database: slow on a busy machine, not a hang.
}, 180_000);

afterAll(async () => {
  await server?.closeAll();
});

describe("route walker", () => {
  it("every registered route answers bad ids, dates, NULs, surrogates, wrong types and huge strings with a 4xx {error:{code,message}}", async () => {
    const routes = registeredRoutes();
    // The walker must see the whole API, including routes mounted by sub-apps.
    expect(routes.length).toBeGreaterThan(40);
    expect(routes.map((r) => `${r.method} ${r.path}`)).toContain("PUT /api/tiers/:level");
    let probed = 0;
    for (const route of routes) {
      for (const role of ["trust_admin", "trust_lead", "school_leader", "viewer", "anonymous"]) {
        const probes = probesFor(route, role);
        probed += probes.length;
        await runAll(route, role, probes);
        // A route that ends sessions (sign-out) must not leave the rest of the walk anonymous.
        const person = people[role];
        if (person && (await fetch(`${server.url}/api/me`, { headers: { cookie: person.cookie } })).status !== 200) {
          person.cookie = await signIn(server.url, person.email, TEST_PASSWORD);
        }
      }
    }
    // Each sample is itself accepted, so every refusal above was for the one spoiled field.
    for (const [key, sample] of Object.entries(samples())) {
      if (!routes.some((r) => `${r.method} ${r.path}` === key)) continue;
      const res = await fetch(`${server.url}${sample.path}`, {
        method: key.split(" ")[0],
        headers: { cookie: people[sample.as ?? "trust_admin"]!.cookie, "content-type": "application/json" },
        body: JSON.stringify(sample.body),
      });
      if (res.status >= 300) failures.push(`sample ${key} -> ${res.status} ${await res.text()}`);
    }
    console.info(`route walker: ${routes.length} routes, ${probed} probes`);
    expect(probed).toBeGreaterThan(1000);
    expect(failures).toEqual([]);
  }, 600_000);
});
