/**
 * The audit page names what each entry was about (schools and documents, not ids), shows the
 * address whole, and filters by person, school and kind; and simply opening the pages a school's
 * people use, where some controls are hidden from them, records no refusal.
 */
import { describe, expect, it } from "vitest";
import { buildDocument, buildSchool, buildUser, TEST_PASSWORD } from "../factories.js";
import { apiAs, signIn } from "../support.js";
import { useE2E } from "./support.js";

describe("the audit page", () => {
  const e2e = useE2E();

  it("records no refusal when the head, the governor and the viewer open their pages", async () => {
    const { db } = e2e;
    const school = await buildSchool(db, { name: "Quiet Primary" });
    const plan = await buildDocument(db, { schoolId: school.id, title: "Quiet Single Plan" });
    const people = await Promise.all((["school_leader", "governor", "viewer"] as const).map((role) => buildUser(db, { role, schoolId: school.id })));
    const admin = await buildUser(db, { role: "trust_admin" });
    const paths = ["/", "/actions?owner=me", `/schools/${school.id}`, `/documents/${plan.id}`, "/calendar", "/search?q=phonics", "/settings/notifications"];
    for (const person of people) {
      const page = await e2e.pageAs(person.email);
      for (const path of paths) {
        await page.goto(e2e.url(path));
        await page.locator("h1").first().waitFor();
        await page.waitForFunction(() => !document.querySelector(".loading, [aria-busy='true']"), null, { timeout: 15_000 }).catch(() => {});
      }
    }
    const asAdmin = apiAs(e2e.baseUrl, await signIn(e2e.baseUrl, admin.email, TEST_PASSWORD));
    const { entries } = await (await asAdmin("GET", "/api/audit?action=permission.denied&limit=200")).json();
    const ours = new Set(people.map((p) => p.id));
    expect(entries.filter((e: { actor: { id: string } | null }) => e.actor && ours.has(e.actor.id)).map((e: { details: unknown }) => e.details)).toEqual([]);
  }, 240_000);

  it("names the school and the document, shows the address whole, and filters by person, school and kind", async () => {
    const { db } = e2e;
    const school = await buildSchool(db, { name: "Audit Green Primary" });
    const other = await buildSchool(db, { name: "Audit Elsewhere Academy" });
    const plan = await buildDocument(db, { schoolId: school.id, title: "Audit Green Single Plan" });
    const head = await buildUser(db, { role: "school_leader", schoolId: school.id, name: "Harriet Head" });
    const admin = await buildUser(db, { role: "trust_admin", name: "Audrey Admin" });
    const asHead = apiAs(e2e.baseUrl, await signIn(e2e.baseUrl, head.email, TEST_PASSWORD));
    expect((await asHead("POST", `/api/documents/${plan.id}/status`, { status: "in_review" })).status).toBe(200);
    const asAdmin = apiAs(e2e.baseUrl, await signIn(e2e.baseUrl, admin.email, TEST_PASSWORD));
    expect((await asAdmin("POST", `/api/schools/${other.id}/tier`, { tier: 3, reason: "Audit test" })).status).toBe(201);

    // The API: names, and each filter narrowing to what it says.
    const read = async (query: string) => (await (await asAdmin("GET", `/api/audit?${query}`)).json()).entries as { action: string; actor: { id: string } | null; document: { title: string } | null; school: { name: string } | null }[];
    const bySchool = await read(`schoolId=${school.id}`);
    expect(bySchool.map((e) => e.action)).toEqual(["document.status_changed"]);
    expect(bySchool[0]).toMatchObject({ document: { title: "Audit Green Single Plan" }, school: { name: "Audit Green Primary" } });
    expect((await read(`schoolId=${other.id}`))[0]).toMatchObject({ action: "school.tier_changed", school: { name: "Audit Elsewhere Academy" }, document: null });
    expect(new Set((await read(`actorId=${head.id}`)).map((e) => e.actor?.id))).toEqual(new Set([head.id]));
    expect(new Set((await read("action=school.tier_changed")).map((e) => e.action))).toEqual(new Set(["school.tier_changed"]));

    // The page: the same, in words, as the admin sees it.
    const page = await e2e.pageAs(admin.email);
    await page.goto(e2e.url("/audit"));
    await page.getByRole("table").waitFor();
    await page.getByLabel("About", { exact: true }).selectOption({ label: "Audit Green Primary" });
    const row = page.locator("tr[data-action='document.status_changed']");
    await row.first().waitFor();
    await expect.poll(() => page.locator("tbody tr").count()).toBe(1);
    await expect.poll(() => row.getByRole("link", { name: "Audit Green Single Plan" }).count()).toBe(1);
    expect(await row.textContent()).toContain("Audit Green Primary");
    expect(await row.textContent()).not.toContain(plan.id);
    // The address sits on one line, never broken mid-way.
    const address = row.locator("td").last();
    expect(await address.textContent()).toMatch(/^(127\.0\.0\.1|::1|::ffff:127\.0\.0\.1)$/);
    expect(await address.evaluate((td) => getComputedStyle(td).whiteSpace)).toBe("nowrap");

    await page.getByLabel("About", { exact: true }).selectOption({ label: "Every school and the trust" });
    await page.getByLabel("By", { exact: true }).selectOption({ label: `Harriet Head (${head.email})` });
    // The unfiltered rows hold these kinds too, so wait for the set itself rather than one row.
    const kinds = async () => [...new Set(await page.locator("tbody tr").evaluateAll((rows) => rows.map((r) => r.getAttribute("data-action"))))].sort();
    await expect.poll(kinds).toEqual(["auth.login", "document.status_changed"]);
    await page.getByLabel("Show", { exact: true }).selectOption({ label: "Document status changed" });
    await expect.poll(() => page.locator("tbody tr").count()).toBe(1);
  }, 120_000);
});
