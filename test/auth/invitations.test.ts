import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setupLinkIfEmpty } from "../../server/bootstrap.js";
import { buildSchool, buildUser, TEST_PASSWORD } from "../factories.js";
import { createTestDatabase, signIn, startTestServer } from "../support.js";

describe("invitations", () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let admin: string;
  let schoolId: string;

  beforeAll(async () => {
    server = await startTestServer();
    const { db } = server.database;
    schoolId = (await buildSchool(db, { name: "Oak Lane Primary" })).id;
    admin = await signIn(server.url, (await buildUser(db, { role: "trust_admin" })).email, TEST_PASSWORD);
  });
  afterAll(() => server.closeAll());

  const json = (method: string, path: string, body?: unknown, cookie = "") =>
    fetch(`${server.url}${path}`, { method, headers: { cookie, "content-type": "application/json" }, body: body === undefined ? undefined : JSON.stringify(body) });
  const tokenOf = (link: string) => link.split("/invite/")[1]!;

  it("lets an invitee set a password and land in the right school with the right role", async () => {
    const created = await json("POST", "/api/invitations", { email: "New.Governor@Example.test", name: "Nia Governor", role: "governor", schoolId }, admin);
    expect(created.status).toBe(201);
    const { link } = await created.json();
    expect(link).toMatch(/\/invite\/[a-z2-7]+$/);

    const preview = await (await json("GET", `/api/invitations/${tokenOf(link)}`)).json();
    expect(preview.invitation).toMatchObject({ email: "new.governor@example.test", role: "governor", schoolName: "Oak Lane Primary" });

    const accepted = await json("POST", `/api/invitations/${tokenOf(link)}/accept`, { password: "a-long-enough-password" });
    expect(accepted.status).toBe(201);
    const cookie = accepted.headers.getSetCookie()[0]!.split(";")[0]!;
    const me = await (await json("GET", "/api/me", undefined, cookie)).json();
    expect(me.roles).toEqual([expect.objectContaining({ role: "governor", schoolId, schoolName: "Oak Lane Primary" })]);
    const { schools } = await (await json("GET", "/api/schools", undefined, cookie)).json();
    expect(schools.map((s: { id: string }) => s.id)).toEqual([schoolId]);

    // Single use: the same link cannot be accepted twice.
    const again = await json("POST", `/api/invitations/${tokenOf(link)}/accept`, { password: "another-long-password" });
    expect(again.status).toBe(410);
    // And the new password signs in.
    await signIn(server.url, "new.governor@example.test", "a-long-enough-password");
  });

  it("refuses a short password and a bad token with 4xx", async () => {
    const { link } = await (await json("POST", "/api/invitations", { email: "short@example.test", name: "Short", role: "viewer", schoolId }, admin)).json();
    const short = await json("POST", `/api/invitations/${tokenOf(link)}/accept`, { password: "short" });
    expect(short.status).toBe(400);
    expect((await json("GET", "/api/invitations/not-a-token!")).status).toBe(410);
  });

  it("checks that school roles name a school and trust roles do not", async () => {
    const noSchool = await json("POST", "/api/invitations", { email: "x@example.test", name: "X", role: "governor" }, admin);
    expect(noSchool.status).toBe(400);
    const withSchool = await json("POST", "/api/invitations", { email: "y@example.test", name: "Y", role: "trustee", schoolId }, admin);
    expect(withSchool.status).toBe(400);
  });

  it("expired invitations no longer work", async () => {
    const { link } = await (await json("POST", "/api/invitations", { email: "late@example.test", name: "Late", role: "viewer", schoolId }, admin)).json();
    const { invitations } = await import("../../server/db/schema/index.js");
    const { hashToken } = await import("../../server/auth/tokens.js");
    const { eq } = await import("drizzle-orm");
    await server.database.db.update(invitations).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(invitations.tokenHash, hashToken(tokenOf(link))));
    expect((await json("POST", `/api/invitations/${tokenOf(link)}/accept`, { password: "a-long-enough-password" })).status).toBe(410);
  });

  it("admins add and remove memberships", async () => {
    const { db } = server.database;
    const person = await buildUser(db, {});
    const added = await json("POST", "/api/memberships", { userId: person.id, role: "viewer", schoolId }, admin);
    expect(added.status).toBe(201);
    const dup = await json("POST", "/api/memberships", { userId: person.id, role: "viewer", schoolId }, admin);
    expect(dup.status).toBe(409);
    const { membership } = await added.json();
    expect((await json("DELETE", `/api/memberships/${membership.id}`, undefined, admin)).status).toBe(204);
    expect((await json("DELETE", `/api/memberships/${membership.id}`, undefined, admin)).status).toBe(404);
  });
});

describe("first start on an empty database", () => {
  it("offers a one-time setup link that creates the first trust admin, with no default password", async () => {
    const database = await createTestDatabase();
    const server = await startTestServer({ database });
    try {
      const path = await setupLinkIfEmpty(database.db);
      expect(path).toMatch(/^\/invite\//);
      const token = path!.split("/invite/")[1]!;
      const preview = await (await fetch(`${server.url}/api/invitations/${token}`)).json();
      expect(preview.invitation).toMatchObject({ role: "trust_admin", needsEmail: true });
      const res = await fetch(`${server.url}/api/invitations/${token}/accept`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ email: "first@trust.test", name: "First Admin", password: "first-admin-password" }),
      });
      expect(res.status).toBe(201);
      const cookie = res.headers.getSetCookie()[0]!.split(";")[0]!;
      const me = await (await fetch(`${server.url}/api/me`, { headers: { cookie } })).json();
      expect(me.abilities.managePeople).toBe(true);
      expect(await setupLinkIfEmpty(database.db)).toBeNull();
    } finally {
      await server.closeAll();
      await database.close();
    }
  });
});
