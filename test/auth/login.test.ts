import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildUser, TEST_PASSWORD } from "../factories.js";
import { signIn, startTestServer } from "../support.js";

describe("sign in", () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let email: string;

  beforeAll(async () => {
    server = await startTestServer();
    email = (await buildUser(server.database.db, { role: "trust_lead" })).email;
  });
  afterAll(() => server.closeAll());

  const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${server.url}${path}`, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: typeof body === "string" ? body : JSON.stringify(body) });

  it("signs in with the right password and sets a hardened cookie", async () => {
    const res = await post("/api/auth/login", { email: email.toUpperCase(), password: TEST_PASSWORD });
    expect(res.status).toBe(200);
    const cookie = res.headers.getSetCookie()[0]!;
    expect(cookie).toMatch(/^trellis_session=[a-z2-7]+\.[a-z2-7]+;/);
    expect(cookie).toContain("HttpOnly");
    expect(cookie).toContain("SameSite=Lax");
    expect(cookie).not.toContain("Secure");
    const me = await fetch(`${server.url}/api/me`, { headers: { cookie: cookie.split(";")[0]! } });
    expect(me.status).toBe(200);
    expect((await me.json()).user.email).toBe(email);
  });

  it("marks the cookie Secure behind https", async () => {
    const res = await post("/api/auth/login", { email, password: TEST_PASSWORD }, { "x-forwarded-proto": "https" });
    expect(res.headers.getSetCookie()[0]).toContain("Secure");
  });

  it("gives the same 401 for a wrong password and an unknown email", async () => {
    const wrong = await post("/api/auth/login", { email, password: "nope-nope-nope" });
    const unknown = await post("/api/auth/login", { email: "nobody@example.test", password: "nope-nope-nope" });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(await wrong.json()).toEqual(await unknown.json());
  });

  it("answers malformed JSON and bad fields with a 400, not a 500", async () => {
    const bad = await post("/api/auth/login", "{not json");
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.code).toBe("invalid_json");
    const missing = await post("/api/auth/login", { email: "x" });
    expect(missing.status).toBe(400);
    expect((await missing.json()).error.code).toBe("invalid_request");
  });

  it("ends the session on logout", async () => {
    const cookie = await signIn(server.url, email, TEST_PASSWORD);
    const out = await fetch(`${server.url}/api/auth/logout`, { method: "POST", headers: { cookie } });
    expect(out.status).toBe(204);
    expect(out.headers.getSetCookie()[0]).toContain("Max-Age=0");
    const me = await fetch(`${server.url}/api/me`, { headers: { cookie } });
    expect(me.status).toBe(401);
  });

  it("throttles repeated failures with 429 and Retry-After", async () => {
    const target = (await buildUser(server.database.db, { role: "viewer", schoolId: null })).email;
    for (let i = 0; i < 5; i++) expect((await post("/api/auth/login", { email: target, password: "wrong-password" })).status).toBe(401);
    const blocked = await post("/api/auth/login", { email: target, password: TEST_PASSWORD });
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get("retry-after"))).toBeGreaterThan(0);
  });

  it("refuses a cross-site state-changing request", async () => {
    const res = await post("/api/auth/login", { email, password: TEST_PASSWORD }, { origin: "https://evil.example" });
    expect(res.status).toBe(403);
    const site = await post("/api/auth/login", { email, password: TEST_PASSWORD }, { "sec-fetch-site": "cross-site" });
    expect(site.status).toBe(403);
  });
});
