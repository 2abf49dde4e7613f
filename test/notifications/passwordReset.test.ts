/** Password reset by email over real SMTP: one answer for every address, a single-use hour-long link, every old session ended. */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { passwordResets } from "../../server/db/schema/index.js";
import { buildUser, TEST_PASSWORD } from "../factories.js";
import { startSmtp, type TestSmtp } from "../mail/smtpServer.js";
import { apiAs, eventually, signIn, startTestServer } from "../support.js";

const PUBLIC_URL = "http://trellis.example.test";
const NEW_PASSWORD = "lantern orchard pebble 42";

describe("password reset", () => {
  let smtp: TestSmtp;
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let person: { id: string; email: string };

  beforeAll(async () => {
    smtp = await startSmtp();
    server = await startTestServer({ env: { SMTP_URL: smtp.url, PUBLIC_URL, MAIL_RETRY_MS: 100 } });
    person = await buildUser(server.database.db, { role: "trust_lead", name: "Rosa Lind" });
  });
  afterAll(async () => {
    await server.closeAll();
    await smtp.stop();
  });

  it("answers the same for an account and for no account, and emails only the account", async () => {
    const anon = apiAs(server.url);
    const known = await anon("POST", "/api/auth/password-reset", { email: person.email.toUpperCase() });
    const unknown = await anon("POST", "/api/auth/password-reset", { email: "nobody@example.test" });
    expect(known.status).toBe(202);
    expect(unknown.status).toBe(202);
    expect(await known.json()).toEqual(await unknown.json());
    expect((await anon("POST", "/api/auth/password-reset", { email: "not an email" })).status).toBe(400);
    const mail = await eventually(() => {
      const got = smtp.to(person.email);
      expect(got).toHaveLength(1);
      return got[0]!;
    });
    await server.deps.notifier.idle();
    await server.mail.drain();
    expect(smtp.to("nobody@example.test")).toHaveLength(0);
    expect(mail.subject).toBe("Reset your Trellis password");
    expect(mail.body).toMatch(new RegExp(`${PUBLIC_URL}/reset-password/[a-z2-7]+`));
  });

  it("the link sets a strong new password once, and ends every other session", async () => {
    const oldCookie = await signIn(server.url, person.email, TEST_PASSWORD);
    const old = apiAs(server.url, oldCookie);
    expect((await old("GET", "/api/me")).status).toBe(200);
    const token = smtp.to(person.email)[0]!.body.match(/\/reset-password\/([a-z2-7]+)/)![1]!;
    const anon = apiAs(server.url);
    expect(await (await anon("GET", `/api/auth/password-reset/${token}`)).json()).toEqual({ email: person.email });
    const weak = await anon("POST", `/api/auth/password-reset/${token}`, { password: "password123" });
    expect(weak.status).toBe(400);
    expect((await weak.json()).error.code).toBe("weak_password");

    const done = await anon("POST", `/api/auth/password-reset/${token}`, { password: NEW_PASSWORD });
    expect(done.status).toBe(200);
    expect(done.headers.getSetCookie().some((c) => c.startsWith("trellis_session="))).toBe(true);
    expect((await old("GET", "/api/me")).status).toBe(401);
    await expect(signIn(server.url, person.email, TEST_PASSWORD)).rejects.toThrow(/401/);
    expect(await signIn(server.url, person.email, NEW_PASSWORD)).toMatch(/^trellis_session=/);
    // Single use.
    expect((await anon("POST", `/api/auth/password-reset/${token}`, { password: "another orchard lantern 7" })).status).toBe(410);
    expect((await anon("GET", `/api/auth/password-reset/${token}`)).status).toBe(410);
    expect((await anon("GET", "/api/auth/password-reset/not-a-token")).status).toBe(410);
  });

  it("a link older than an hour no longer works", async () => {
    await apiAs(server.url)("POST", "/api/auth/password-reset", { email: person.email });
    await eventually(() => expect(smtp.to(person.email)).toHaveLength(2));
    const token = smtp.to(person.email)[1]!.body.match(/\/reset-password\/([a-z2-7]+)/)![1]!;
    await server.database.db.update(passwordResets).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(passwordResets.userId, person.id));
    expect((await apiAs(server.url)("POST", `/api/auth/password-reset/${token}`, { password: NEW_PASSWORD })).status).toBe(410);
  });
});
