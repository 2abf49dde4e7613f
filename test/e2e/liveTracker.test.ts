/**
 * "My actions" and the live tracker end to end: a head finds "My actions" in the navigation
 * (their actions and targets, open first); while one browser shows the tracker, a second
 * browser changes an action's RAG in the editor and the tracker updates without a reload; the
 * trust dashboard's numbers are links to the actions behind them and update live as well.
 */
import { afterEach, describe, expect, it } from "vitest";
import { writePlanNodes } from "../../shared/templates/planNodes.js";
import { connectClient, synced, type Client } from "../collab/clients.js";
import { buildDocument, buildSchool, buildUser, TEST_PASSWORD } from "../factories.js";
import { block } from "../progress/seedPlans.js";
import { eventually, signIn } from "../support.js";
import { useE2E } from "./support.js";

const id = () => crypto.randomUUID();

describe("my actions and the live tracker", () => {
  const e2e = useE2E();
  const clients: Client[] = [];
  afterEach(() => {
    for (const c of clients.splice(0)) c.destroy();
  });

  it("lists what the head owns and follows a RAG changed in another browser", async () => {
    const { db } = e2e;
    const school = await buildSchool(db, { name: "Live Primary" });
    const head = await buildUser(db, { role: "school_leader", schoolId: school.id, name: "Hana Head" });
    const colleague = await buildUser(db, { role: "improvement_champion", schoolId: school.id, name: "Cara Champion" });
    const lead = await buildUser(db, { role: "trust_lead", name: "Tess Lead" });
    const plan = await buildDocument(db, { schoolId: school.id, title: "Live Single Plan" });
    const ids = { T: id(), mine: id(), later: id(), theirs: id() };
    const cookie = await signIn(e2e.baseUrl, head.email, TEST_PASSWORD);
    const client = connectClient(e2e.baseUrl, plan.id, cookie);
    clients.push(client);
    await synced(client);
    writePlanNodes(client.doc.getXmlFragment("default"), [
      block("target", ids.T, "Reading at the expected standard", { rag: "amber", baseline: "60", current: "66", goal: "80", owners: [head.id], due: "2099-07-01" }),
      block("action", ids.later, "Reading ambassadors", { rag: "green", status: "in_progress", due: "2099-05-01", owners: [head.id] }),
      block("action", ids.mine, "Phonics training for all staff", { rag: "amber", status: "in_progress", due: "2099-01-15", owners: [head.id] }),
      block("action", ids.theirs, "Library refit", { rag: "amber", status: "not_started", due: "2099-02-01", owners: [colleague.id] }),
    ]);

    const page = await e2e.pageAs(head.email);
    await page.goto(e2e.url("/"));
    const nav = page.getByRole("navigation", { name: "Main" });
    await nav.getByRole("link", { name: "My actions" }).click();
    await page.getByRole("heading", { name: "My actions" }).waitFor();
    expect(await nav.getByRole("link", { name: "My actions" }).getAttribute("aria-current")).toBe("page");
    const rows = page.getByRole("table", { name: "Actions" }).locator("tbody tr");
    // Extraction is debounced; the stream reloads the list once the rows are written.
    await eventually(async () => expect(await rows.count()).toBe(2), { timeout: 15_000 });
    // Open first, soonest due; a colleague's action is not the head's.
    expect(await rows.locator("th a").allTextContents()).toEqual(["Phonics training for all staff", "Reading ambassadors"]);
    await page.getByRole("table", { name: "Targets you own" }).getByRole("link", { name: "Reading at the expected standard" }).waitFor();
    const ragOf = (blockId: string) => page.locator(`tr[data-action="${blockId}"] td`).nth(3);
    expect(await ragOf(ids.mine).textContent()).toContain("Amber");

    // A second browser, the head's colleague, changes the RAG in the editor.
    const editor = await e2e.pageAs(colleague.email);
    await editor.goto(e2e.url(`/documents/${plan.id}`));
    const blockEl = editor.locator(`[id="block-${ids.mine}"]`);
    await blockEl.waitFor({ timeout: 15_000 });
    await blockEl.getByLabel("RAG").selectOption("red");
    await eventually(async () => expect(await ragOf(ids.mine).textContent()).toContain("Red"), { timeout: 10_000 });

    // The school's tracker, and the trust dashboard's numbers as links that also follow live.
    await nav.getByRole("link", { name: "School actions" }).click();
    await page.getByRole("heading", { name: "Actions" }).waitFor();
    await eventually(async () => expect(await rows.count()).toBe(3));

    const trust = await e2e.pageAs(lead.email);
    await trust.goto(e2e.url("/trust"));
    const schoolRow = trust.locator('tr[data-school="Live Primary"]');
    await schoolRow.getByTestId("school-red").getByRole("link", { name: "1 red actions" }).waitFor();
    await blockEl.getByLabel("RAG").selectOption("amber");
    await schoolRow.getByTestId("school-red").getByRole("link", { name: "0 red actions" }).waitFor({ timeout: 10_000 });
    const amber = schoolRow.getByTestId("school-actions").getByRole("link", { name: "2 amber actions" });
    await amber.click();
    await trust.waitForURL(/rag=amber/);
    expect(new URL(trust.url()).search).toBe(`?schoolId=${school.id}&rag=amber`);
    await eventually(async () => expect(await trust.getByRole("table", { name: "Actions" }).locator("tbody tr").count()).toBe(2));
    expect([...page.errors, ...editor.errors, ...trust.errors]).toEqual([]);
  });
});
