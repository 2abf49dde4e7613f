/**
 * A client page's HTML carries the answers its first API calls would get (server/http/clientPage.ts):
 * the session, and a document's details and text for someone who may read it. The same API
 * decides them, so a person from another school gets the refusal, not the title; the data cannot
 * end its script element whatever a title holds; and the page is never stored by a cache.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BOOT_DATA_ID, type BootAnswer, bootKeys } from "../../shared/pageRoutes.js";
import { DEFAULT_CLIENT_DIR } from "../../server/server.js";
import { buildDocument, buildSchool, buildUser, TEST_PASSWORD } from "../factories.js";
import { createTestDatabase, signIn, startTestServer } from "../support.js";
import { and, eq } from "drizzle-orm";
import type { Database } from "../../server/db/client.js";
import { auditLog } from "../../server/db/schema/index.js";

let database: Database;
let server: Awaited<ReturnType<typeof startTestServer>>;

beforeAll(async () => {
  database = await createTestDatabase();
  // The test's own requests come from the loopback, which is trusted as a proxy here so a forwarded address can be named.
  server = await startTestServer({ database, clientDir: DEFAULT_CLIENT_DIR, env: { TRUST_PROXY: "127.0.0.1,::1" } });
});

afterAll(async () => {
  await server?.closeAll();
  await database?.close();
});

/** The page at `path` as `cookie` gets it, with its boot data parsed as the client parses it. */
async function page(path: string, cookie?: string, headers: Record<string, string> = {}) {
  const res = await fetch(`${server.url}${path}`, { headers: { ...headers, ...(cookie ? { cookie } : {}) } });
  const html = await res.text();
  const script = new RegExp(`<script type="application/json" id="${BOOT_DATA_ID}">([\\s\\S]*?)</script>`).exec(html);
  return { res, html, boot: script ? (JSON.parse(script[1]!) as Record<string, BootAnswer>) : null };
}

describe("a client page's HTML", () => {
  it("says a signed-out visitor is signed out, asks nothing else, and is never cached", async () => {
    const { res, boot } = await page("/");
    expect(res.status).toBe(200);
    expect(boot).toEqual({ [bootKeys.me]: { status: 401, body: null } });
    expect(res.headers.get("cache-control")).toBe("private, no-store");
    expect(res.headers.get("vary")).toContain("Cookie");
  });

  it("gives a reader the session, the document's details and its text, its title, and its page's code to preload", async () => {
    const school = await buildSchool(database.db, { name: "Boot Green Primary" });
    const plan = await buildDocument(database.db, { schoolId: school.id, title: "Boot Green Single Plan" });
    const head = await buildUser(database.db, { role: "school_leader", schoolId: school.id });
    const cookie = await signIn(server.url, head.email, TEST_PASSWORD);
    const { res, html, boot } = await page(`/documents/${plan.id}`, cookie);
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("private, no-store");
    // The same answers the API gives this person.
    for (const [key, path] of [
      [bootKeys.me, "/api/me"],
      [bootKeys.document(plan.id), `/api/documents/${plan.id}`],
      [bootKeys.preview(plan.id), `/api/documents/${plan.id}/preview`],
    ] as const) {
      const api = await fetch(`${server.url}${path}`, { headers: { cookie } });
      expect(boot?.[key]).toEqual({ status: 200, body: await api.json() });
    }
    expect(html).toContain("<title>Boot Green Single Plan · Trellis</title>");
    const manifest = JSON.parse(readFileSync(join(DEFAULT_CLIENT_DIR, ".vite", "manifest.json"), "utf8"));
    expect(html).toContain(`<link rel="modulepreload" crossorigin href="/${manifest["src/routes/DocumentPage.tsx"].file}">`);
  });

  it("gives someone from another school the refusal, and nothing of the document", async () => {
    const school = await buildSchool(database.db, { name: "Boot Private Primary" });
    const other = await buildSchool(database.db, { name: "Boot Other Academy" });
    const plan = await buildDocument(database.db, { schoolId: school.id, title: "Boot Private Draft Plan" });
    const stranger = await buildUser(database.db, { role: "school_leader", schoolId: other.id });
    const cookie = await signIn(server.url, stranger.email, TEST_PASSWORD);
    const { html, boot } = await page(`/documents/${plan.id}`, cookie, { "x-forwarded-for": "203.0.113.9" });
    // Each refusal (the details, the text) is recorded from where the person was, as the API records it.
    const refusals = await database.db.select().from(auditLog).where(and(eq(auditLog.actorId, stranger.id), eq(auditLog.action, "permission.denied")));
    expect(refusals.map((r) => r.address)).toEqual(["203.0.113.9", "203.0.113.9"]);
    expect(html).not.toContain("Boot Private Draft Plan");
    expect(html).toContain("<title>Trellis</title>");
    expect(boot?.[bootKeys.me]?.status).toBe(200);
    // Whatever the API tells this person (another school's draft is not even said to exist).
    for (const [key, path] of [
      [bootKeys.document(plan.id), `/api/documents/${plan.id}`],
      [bootKeys.preview(plan.id), `/api/documents/${plan.id}/preview`],
    ] as const) {
      const api = await fetch(`${server.url}${path}`, { headers: { cookie } });
      expect(api.status).toBe(404);
      expect(boot?.[key]).toEqual({ status: 404, body: await api.json() });
    }
  });

  it("keeps a title that looks like markup inside its script, and shows it as text", async () => {
    const school = await buildSchool(database.db, { name: "Boot Markup Primary" });
    const title = `Plan </script><script>alert(1)</script> <!-- & "quotes"`;
    const plan = await buildDocument(database.db, { schoolId: school.id, title });
    const head = await buildUser(database.db, { role: "school_leader", schoolId: school.id });
    const { html, boot } = await page(`/documents/${plan.id}`, await signIn(server.url, head.email, TEST_PASSWORD));
    expect(html).not.toContain("<script>alert(1)");
    expect(boot?.[bootKeys.document(plan.id)]?.body).toMatchObject({ document: { title } });
    expect(html).toContain("<title>Plan &#60;/script&#62;&#60;script&#62;alert(1)&#60;/script&#62; &#60;!-- &#38; &#34;quotes&#34; · Trellis</title>");
  });

  it("keeps the build's manifest from browsers", async () => {
    expect((await fetch(`${server.url}/.vite/manifest.json`)).status).toBe(404);
  });
});
