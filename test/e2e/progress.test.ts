/**
 * Progress views end to end: a trust lead watches /trust while a head changes an action's RAG
 * through a real y-websocket client; the tracker filters by RAG and links back to the block; a
 * governor gets no trust view but does get their school's academy card.
 */
import { afterEach, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { writePlanNodes } from "../../shared/templates/planNodes.js";
import { connectClient, synced, type Client } from "../collab/clients.js";
import { buildDocument, buildSchool, buildUser, TEST_PASSWORD } from "../factories.js";
import { block } from "../progress/seedPlans.js";
import { eventually, signIn } from "../support.js";
import { screenshot, useE2E } from "./support.js";

const id = () => crypto.randomUUID();

describe("progress views", () => {
  const e2e = useE2E();
  const clients: Client[] = [];
  afterEach(() => {
    for (const c of clients.splice(0)) c.destroy();
  });

  /** Seeds two schools, a plan and a SEF written by the head through the collab socket. */
  async function seed() {
    const { db } = e2e;
    const alpha = await buildSchool(db, { name: "Alpha Primary", tier: 3 });
    const beta = await buildSchool(db, { name: "Beta Academy", tier: 1 });
    const head = await buildUser(db, { role: "school_leader", schoolId: alpha.id, name: "Hana Head" });
    const lead = await buildUser(db, { role: "trust_lead", name: "Tess Lead" });
    const governor = await buildUser(db, { role: "governor", schoolId: alpha.id });
    const plan = await buildDocument(db, { schoolId: alpha.id, title: "Alpha Single Plan" });
    const sef = await buildDocument(db, { schoolId: alpha.id, kind: "sef", title: "Alpha SEF" });
    const ids = { P: id(), T: id(), A1: id(), A2: id(), A3: id(), J1: id(), J2: id() };
    const headCookie = await signIn(e2e.baseUrl, head.email, TEST_PASSWORD);

    const planClient = connectClient(e2e.baseUrl, plan.id, headCookie);
    const sefClient = connectClient(e2e.baseUrl, sef.id, headCookie);
    clients.push(planClient, sefClient);
    await Promise.all([synced(planClient), synced(sefClient)]);
    writePlanNodes(planClient.doc.getXmlFragment("default"), [
      block("priority", ids.P, "Reading", { area: "curriculum_teaching" }),
      block("target", ids.T, "KS2 reading at 80%", { area: "achievement", rag: "amber", baseline: "50", current: "62", goal: "80", owners: [head.id] }),
      block("action", ids.A1, "Phonics training for all staff", { rag: "red", status: "in_progress", due: "2020-01-01", owners: [head.id] }),
      block("action", ids.A2, "Reading ambassadors", { rag: "amber", status: "not_started", due: "2099-01-01", owners: [head.id] }),
      block("action", ids.A3, "Library refit", { rag: "green", status: "complete" }),
    ]);
    writePlanNodes(sefClient.doc.getXmlFragment("default"), [
      block("judgement", ids.J1, "Inclusive culture", { framework: "ofsted-2025", area: "inclusion", grade: "strong_standard" }),
      block("judgement", ids.J2, "Outcomes below national", { framework: "ofsted-2025", area: "achievement", grade: "needs_attention" }),
    ]);
    // Both documents are extracted before any page looks at them.
    await eventually(
      async () => {
        const res = await fetch(`${e2e.baseUrl}/api/schools/${alpha.id}/card`, { headers: { cookie: headCookie } });
        const card = (await res.json()) as { actions: { total: number }; sef: unknown[] };
        expect(res.status, JSON.stringify(card)).toBe(200);
        expect(card.actions.total).toBe(3);
        expect(card.sef).toHaveLength(2);
      },
      { timeout: 10_000 },
    );
    return { alpha, beta, head, headCookie, lead, governor, plan, ids, planClient };
  }

  /** Sets an attribute of a block the way the editor's RAG select does: on the block's Y.XmlElement. */
  function setAttr(client: Client, blockId: string, key: string, value: string) {
    const element = client.doc
      .getXmlFragment("default")
      .toArray()
      .find((n): n is Y.XmlElement => n instanceof Y.XmlElement && n.getAttribute("id") === blockId);
    if (!element) throw new Error(`no block ${blockId}`);
    element.setAttribute(key, value);
  }

  it("shows a RAG changed in a plan on the open /trust page without a reload, with the heatmap and drill-down", async () => {
    const { alpha, lead, ids, plan, planClient, headCookie } = await seed();
    // The head closes the autumn 1 review, so the academy card has a review point to chart.
    const review = await fetch(`${e2e.baseUrl}/api/documents/${plan.id}/reviews`, {
      method: "POST",
      headers: { cookie: headCookie, "content-type": "application/json", origin: e2e.baseUrl },
      body: JSON.stringify({ halfTerm: "autumn-1", close: true }),
    });
    expect(review.status, await review.clone().text()).toBe(200);
    const page = await e2e.pageAs(lead.email);
    await page.goto(e2e.url("/trust"));
    await page.getByRole("heading", { name: "Trust dashboard" }).waitFor();
    const row = page.locator("tr", { has: page.getByRole("link", { name: "Alpha Primary" }) });
    await expect.poll(() => row.getByTestId("school-red").textContent()).toBe("1");
    // The RAG bar prints counts as text, and the heatmap names the grade.
    expect(await row.getByTestId("school-actions").getByRole("list").getAttribute("aria-label")).toBe("actions: 1 red, 1 amber, 1 green");
    expect(await row.getByText("Strong standard").count()).toBe(1);
    expect(await row.getByText("Needs attention").count()).toBe(1);
    await screenshot(page, "trust");

    // Sorting by Red puts Beta (0 red) first ascending.
    await page.getByRole("button", { name: /^Red/ }).click();
    expect(await page.locator("th", { has: page.getByRole("button", { name: /^Red/ }) }).getAttribute("aria-sort")).toBe("ascending");
    expect(await page.locator("tbody tr").first().getAttribute("data-school")).toBe("Beta Academy");
    // The text filter narrows the table.
    await page.getByLabel("School name").fill("beta");
    await expect.poll(() => page.locator("tbody tr").count()).toBe(1);
    // Filters and sort are in the URL: a reload (or a shared link) shows the same view.
    await page.waitForURL(/[?&]q=beta/);
    expect(page.url()).toContain("sort=red");
    await page.reload();
    await expect.poll(() => page.locator("tbody tr").count()).toBe(1);
    expect(await page.getByLabel("School name").inputValue()).toBe("beta");
    expect(await page.locator("th", { has: page.getByRole("button", { name: /^Red/ }) }).getAttribute("aria-sort")).toBe("ascending");
    await page.getByLabel("School name").fill("");

    // The head turns the amber action red in the plan; the page refreshes itself.
    let navigations = 0;
    page.on("framenavigated", (f) => {
      if (f === page.mainFrame()) navigations += 1;
    });
    setAttr(planClient, ids.A2, "rag", "red");
    await expect.poll(() => row.getByTestId("school-red").textContent(), { timeout: 20_000, interval: 250 }).toBe("2");
    expect(await row.getByTestId("school-actions").getByRole("list").getAttribute("aria-label")).toBe("actions: 2 red, 1 green");
    expect(navigations).toBe(0);

    // Drill down into the school: its academy card.
    await row.getByRole("link", { name: "Alpha Primary" }).click();
    await page.waitForURL(`**/schools/${alpha.id}`);
    const card = page.locator("section", { has: page.getByRole("heading", { name: "Academy card" }) });
    await card.getByRole("link", { name: "KS2 reading at 80%" }).waitFor();
    expect(await card.getByRole("progressbar").getAttribute("aria-valuenow")).toBe("40");
    await card.locator("canvas").waitFor();
    await screenshot(page, "academy-card");
    expect(page.errors).toEqual([]);
  }, 60_000);

  it("filters the action tracker by RAG in the URL and links each row to its block", async () => {
    const { alpha, head, lead, plan, ids } = await seed();
    const page = await e2e.pageAs(lead.email);
    // Earlier tests seeded schools of their own: look at this one's actions.
    await page.goto(e2e.url(`/actions?schoolId=${alpha.id}`));
    await page.getByRole("heading", { name: "Actions" }).waitFor();
    await page.getByLabel("RAG").selectOption("red");
    await page.waitForURL(/[?&]rag=red/);
    const table = page.getByRole("table", { name: "Actions" });
    await expect.poll(() => table.locator("tbody tr").count()).toBe(1);
    const link = table.getByRole("link", { name: "Phonics training for all staff" });
    expect(await link.getAttribute("href")).toBe(`/documents/${plan.id}#block-${ids.A1}`);
    expect(await page.getByRole("link", { name: "Export CSV" }).getAttribute("href")).toBe(`/api/actions.csv?schoolId=${alpha.id}&rag=red`);

    // "My actions" for the trust lead, who owns nothing: the empty state, and the owner in the URL.
    await page.getByRole("button", { name: "My actions" }).click();
    await page.waitForURL(/[?&]owner=/);
    await page.getByText("No actions match these filters").waitFor();
    await page.getByRole("button", { name: "My actions" }).click();
    await expect.poll(() => table.locator("tbody tr").count()).toBe(1);
    expect(page.url()).not.toContain("owner=");

    // With a school chosen, any of its people can be picked as owner.
    await page.getByLabel("Owner").selectOption(head.id);
    await page.waitForURL(new RegExp(`[?&]owner=${head.id}`));
    await expect.poll(() => table.locator("tbody tr").count()).toBe(1);

    await link.click();
    await page.waitForURL(`**/documents/${plan.id}#block-${ids.A1}`);
    expect(page.errors).toEqual([]);
  }, 60_000);

  it("gives a governor no trust view, but their own school's card", async () => {
    const { alpha, governor } = await seed();
    const page = await e2e.pageAs(governor.email);
    await page.goto(e2e.url("/trust"));
    await page.getByText("The trust dashboard is not available to you").waitFor();
    expect(await page.getByRole("table").count()).toBe(0);
    await page.goto(e2e.url(`/schools/${alpha.id}`));
    const card = page.locator("section", { has: page.getByRole("heading", { name: "Academy card" }) });
    await card.getByRole("link", { name: "KS2 reading at 80%" }).waitFor();
    expect(await card.getByText("Overdue:").textContent()).toContain("1");
  }, 60_000);
});
