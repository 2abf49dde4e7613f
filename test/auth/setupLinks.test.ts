import { and, eq, isNull } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setupLinkIfEmpty } from "../../server/bootstrap.js";
import { hashToken } from "../../server/auth/tokens.js";
import { invitations } from "../../server/db/schema/index.js";
import { buildSchool, buildUser, TEST_PASSWORD } from "../factories.js";
import { apiAs, createTestDatabase, signIn, startTestServer } from "../support.js";

const tokenOf = (path: string) => path.split("/invite/")[1]!;
const accept = (url: string, token: string, email: string) =>
  apiAs(url)("POST", `/api/invitations/${token}/accept`, { email, name: "First Admin", password: "a-long-enough-password" });

describe("first-admin setup links", () => {
  it("keeps one live link across restarts: the link an earlier start printed fails, the newest works once", { timeout: 90_000 }, async () => {
    const database = await createTestDatabase();
    try {
      // Two starts on the empty database, each printing a link (what a restart does).
      const first = await startTestServer({ database });
      const oldPath = (await setupLinkIfEmpty(database.db))!;
      await first.closeAll();
      const server = await startTestServer({ database });
      try {
        const newPath = (await setupLinkIfEmpty(database.db))!;
        const live = await database.db.select().from(invitations).where(isNull(invitations.acceptedAt));
        expect(live).toHaveLength(1);
        expect(live[0]!.tokenHash).toBe(hashToken(tokenOf(newPath)));

        expect((await apiAs(server.url)("GET", `/api/invitations/${tokenOf(oldPath)}`)).status).toBe(410);
        expect((await accept(server.url, tokenOf(oldPath), "old@trust.test")).status).toBe(410);
        expect((await accept(server.url, tokenOf(newPath), "first@trust.test")).status).toBe(201);
        // Retired once used.
        expect((await accept(server.url, tokenOf(newPath), "second@trust.test")).status).toBe(410);
        expect(await setupLinkIfEmpty(database.db)).toBeNull();
      } finally {
        await server.closeAll();
      }
    } finally {
      await database.close();
    }
  });

  it("a setup link that survived (two processes started at once) cannot make a second admin after setup", { timeout: 90_000 }, async () => {
    const database = await createTestDatabase();
    const server = await startTestServer({ database });
    try {
      const used = tokenOf((await setupLinkIfEmpty(database.db))!);
      // A second process that minted its link at the same moment: a row the first start did not retire.
      const stray = "abcdefghijklmnopqrstuvwxyz234567";
      await database.db.insert(invitations).values({ tokenHash: hashToken(stray), role: "trust_admin", expiresAt: new Date(Date.now() + 60_000) });
      expect((await accept(server.url, used, "first@trust.test")).status).toBe(201);
      expect((await apiAs(server.url)("GET", `/api/invitations/${stray}`)).status).toBe(410);
      const res = await accept(server.url, stray, "intruder@trust.test");
      expect(res.status).toBe(410);
      expect((await res.json()).error.code).toBe("invitation_invalid");
      await expect(signIn(server.url, "intruder@trust.test", "a-long-enough-password")).rejects.toThrow();
    } finally {
      await server.closeAll();
      await database.close();
    }
  });

  it("expires: a setup link lives at most a day, and an expired one fails", { timeout: 90_000 }, async () => {
    const database = await createTestDatabase();
    const server = await startTestServer({ database });
    try {
      const token = tokenOf((await setupLinkIfEmpty(database.db))!);
      const [row] = await database.db.select().from(invitations).where(eq(invitations.tokenHash, hashToken(token)));
      expect(row!.expiresAt.getTime() - Date.now()).toBeLessThanOrEqual(24 * 60 * 60 * 1000);
      await database.db.update(invitations).set({ expiresAt: new Date(Date.now() - 1) }).where(eq(invitations.id, row!.id));
      expect((await accept(server.url, token, "late@trust.test")).status).toBe(410);
    } finally {
      await server.closeAll();
      await database.close();
    }
  });
});

describe("revoking an invitation", () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let admin: ReturnType<typeof apiAs>;
  let lead: ReturnType<typeof apiAs>;
  let schoolId: string;

  beforeAll(async () => {
    server = await startTestServer();
    const { db } = server.database;
    schoolId = (await buildSchool(db)).id;
    admin = apiAs(server.url, await signIn(server.url, (await buildUser(db, { role: "trust_admin" })).email, TEST_PASSWORD));
    lead = apiAs(server.url, await signIn(server.url, (await buildUser(db, { role: "trust_lead" })).email, TEST_PASSWORD));
  });
  afterAll(() => server.closeAll());

  it("DELETE /api/invitations/:id kills the link, is audited, and only a people manager may do it", async () => {
    const created = await (await admin("POST", "/api/invitations", { email: "gone@example.test", name: "Gone", role: "viewer", schoolId })).json();
    const id = created.invitation.id as string;
    const token = tokenOf(created.link);

    expect((await lead("DELETE", `/api/invitations/${id}`)).status).toBe(403);
    expect((await apiAs(server.url)("DELETE", `/api/invitations/${id}`)).status).toBe(401);
    expect((await admin("DELETE", "/api/invitations/not-a-uuid")).status).toBe(404);

    expect((await admin("DELETE", `/api/invitations/${id}`)).status).toBe(204);
    expect((await apiAs(server.url)("GET", `/api/invitations/${token}`)).status).toBe(410);
    expect((await apiAs(server.url)("POST", `/api/invitations/${token}/accept`, { password: "a-long-enough-password" })).status).toBe(410);
    expect((await admin("DELETE", `/api/invitations/${id}`)).status).toBe(404);
    const { invitations: listed } = await (await admin("GET", "/api/invitations")).json();
    expect(listed.map((i: { id: string }) => i.id)).not.toContain(id);

    const { entries } = await (await admin("GET", "/api/audit?action=invitation.revoked")).json();
    expect(entries).toEqual(expect.arrayContaining([expect.objectContaining({ action: "invitation.revoked" })]));
  });

  it("an accepted invitation cannot be revoked (409): the role is removed instead", async () => {
    const created = await (await admin("POST", "/api/invitations", { email: "kept@example.test", name: "Kept", role: "viewer", schoolId })).json();
    expect((await apiAs(server.url)("POST", `/api/invitations/${tokenOf(created.link)}/accept`, { password: "a-long-enough-password" })).status).toBe(201);
    const res = await admin("DELETE", `/api/invitations/${created.invitation.id}`);
    expect(res.status).toBe(409);
    expect((await res.json()).error.code).toBe("invitation_used");
    expect(await server.database.db.select().from(invitations).where(and(eq(invitations.id, created.invitation.id)))).toHaveLength(1);
  });
});

describe("password strength at invitation acceptance", () => {
  it("refuses ten spaces and a common password with 400 weak_password and a message", { timeout: 90_000 }, async () => {
    const server = await startTestServer();
    try {
      const { db } = server.database;
      const schoolId = (await buildSchool(db)).id;
      const admin = apiAs(server.url, await signIn(server.url, (await buildUser(db, { role: "trust_admin" })).email, TEST_PASSWORD));
      const { link } = await (await admin("POST", "/api/invitations", { email: "weak@example.test", name: "Weak Person", role: "viewer", schoolId })).json();
      for (const password of ["          ", "password1234", "weak@example.test"]) {
        const res = await apiAs(server.url)("POST", `/api/invitations/${tokenOf(link)}/accept`, { password });
        expect(res.status, password).toBe(400);
        const body = await res.json();
        expect(body.error.code).toBe("weak_password");
        expect(body.error.message).toMatch(/characters|guess|spaces/);
      }
      expect((await apiAs(server.url)("POST", `/api/invitations/${tokenOf(link)}/accept`, { password: "correct horse battery staple" })).status).toBe(201);
    } finally {
      await server.closeAll();
    }
  });
});
