/**
 * Search end to end: a governor types "phonics" into the header's box, by keyboard only, sees
 * their school's "Phonic" target highlighted and nothing of another school, narrows by kind,
 * and follows the hit to the exact block in the document.
 */
import { afterEach, describe, expect, it } from "vitest";
import type { PlanNode } from "../../shared/templates/planNodes.js";
import { writePlanNodes } from "../../shared/templates/planNodes.js";
import { connectClient, synced, type Client } from "../collab/clients.js";
import { buildDocument, buildSchool, buildUser, TEST_PASSWORD } from "../factories.js";
import { block } from "../progress/seedPlans.js";
import { eventually, signIn } from "../support.js";
import { useE2E } from "./support.js";

const id = () => crypto.randomUUID();

describe("search", () => {
  const e2e = useE2E();
  const clients: Client[] = [];
  afterEach(() => {
    for (const c of clients.splice(0)) c.destroy();
  });

  /** Writes blocks into a document through a real y-websocket client, as a person with that cookie. */
  async function write(documentId: string, cookie: string, nodes: PlanNode[]) {
    const client = connectClient(e2e.baseUrl, documentId, cookie);
    clients.push(client);
    await synced(client);
    writePlanNodes(client.doc.getXmlFragment("default"), nodes);
  }

  it("finds a school's plans from the header, highlights the words and opens the block", async () => {
    const { db } = e2e;
    const alpha = await buildSchool(db, { name: "Alpha Primary" });
    const beta = await buildSchool(db, { name: "Beta Academy" });
    const governor = await buildUser(db, { role: "governor", schoolId: alpha.id });
    const plan = await buildDocument(db, { schoolId: alpha.id, title: "Alpha Single Plan" });
    const sef = await buildDocument(db, { schoolId: alpha.id, kind: "sef", title: "Alpha SEF" });
    const betaPlan = await buildDocument(db, { schoolId: beta.id, title: "Beta Phonics Plan" });
    const target = id();
    const admin = await buildUser(db, { role: "trust_admin" });
    const cookie = await signIn(e2e.baseUrl, admin.email, TEST_PASSWORD);
    await write(plan.id, cookie, [block("target", target, "Improve Phonic outcomes in Year 1", { measure: "Screening check" })]);
    await write(sef.id, cookie, [block("judgement", id(), "Phonics teaching is consistent", { framework: "ofsted-2025", area: "curriculum_teaching" })]);
    await write(betaPlan.id, cookie, [block("action", id(), "Phonics training for Beta staff")]);

    const page = await e2e.pageAs(governor.email);
    await page.goto(e2e.url("/"));
    const box = page.getByRole("searchbox", { name: "Search plans, blocks and comments" });
    await box.focus();
    await page.keyboard.type("phonics");
    await page.keyboard.press("Enter");
    await page.waitForURL(/\/search\?q=phonics/);

    const results = page.locator(".search-hit");
    // Extraction is debounced: reload until both Alpha blocks are searchable.
    await eventually(async () => {
      await page.reload();
      await page.getByRole("heading", { name: "Search" }).waitFor();
      await page.locator(".search-count, .empty-state").first().waitFor();
      expect(await results.count()).toBe(2);
    }, { timeout: 15_000 });
    expect(await page.locator(".search-hit mark").allTextContents()).toEqual(expect.arrayContaining(["Phonic", "Phonics"]));
    const text = await page.locator(".search-hits").textContent();
    expect(text).toContain("Alpha Primary");
    expect(text).not.toContain("Beta");

    await page.getByLabel("Kind of document").selectOption("sef");
    await page.waitForURL(/kind=sef/);
    await eventually(async () => expect(await results.count()).toBe(1));
    await page.getByLabel("Kind of document").selectOption("");
    await eventually(async () => expect(await results.count()).toBe(2));

    await page.getByRole("link", { name: /Improve Phonic outcomes/ }).click();
    await page.waitForURL(new RegExp(`/documents/${plan.id}#block-${target}`));
    await page.locator(`[id="block-${target}"].pe-linked`).waitFor({ timeout: 15_000 });
    expect(page.errors).toEqual([]);
  });
});
