/**
 * The reading view in a real browser: a governor reads a plan as a document (labels and values
 * as text, RAG as a labelled chip, never a disabled form control); an editor can switch to it;
 * printing shows it without navigation, buttons or the comments column.
 */
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { documentUpdates } from "../../server/db/schema/index.js";
import { writePlanNodes, type PlanNode } from "../../shared/templates/index.js";
import { buildDocument, buildSchool, buildUser } from "../factories.js";
import { screenshot, useE2E } from "./support.js";

const e2e = useE2E();

async function planWithBlocks() {
  const school = await buildSchool(e2e.db);
  const head = await buildUser(e2e.db, { role: "school_leader", schoolId: school.id, name: "Hannah Price" });
  const governor = await buildUser(e2e.db, { role: "governor", schoolId: school.id });
  const doc = await buildDocument(e2e.db, { schoolId: school.id, title: "Reading plan" });
  const nodes: PlanNode[] = [
    { type: "heading", level: 2, text: "Priorities this term" },
    { type: "priority", attrs: { area: "achievement" }, text: "Raise attainment in writing" },
    { type: "target", attrs: { measure: "KS2 writing", baseline: "64%", current: "61%", goal: "74%", due: "2027-07-21", rag: "green", owners: [head.id] }, text: "More pupils at the expected standard" },
    {
      type: "action",
      attrs: { owners: [head.id], start: "2026-10-05", due: "2026-12-18", rag: "amber", status: "in_progress", successCriteria: "Books show modelled sentences in 9 of 10 lessons, checked at every learning walk this term", cost: "£1,200 supply cover" },
      text: "Sentence stacking in every class",
    },
  ];
  const ydoc = new Y.Doc();
  writePlanNodes(ydoc.getXmlFragment("default"), nodes);
  await e2e.db.insert(documentUpdates).values({ documentId: doc.id, update: Y.encodeStateAsUpdate(ydoc) });
  return { head, governor, doc };
}

async function openAs(email: string, documentId: string): Promise<Page & { errors: string[] }> {
  const page = await e2e.pageAs(email);
  await page.setViewportSize({ width: 1400, height: 1000 });
  page.setDefaultTimeout(10_000);
  await page.goto(e2e.url(`/documents/${documentId}`));
  await page.locator(".pe-connection[data-state=online]").waitFor();
  await page.locator(".pe-block-host").nth(2).waitFor();
  return page;
}

/** Form controls inside blocks, and how many of them are disabled. */
const blockControls = (page: Page) =>
  page.evaluate(() => {
    const controls = [...document.querySelectorAll(".pe-block-host :is(input, select, textarea, button)")] as HTMLInputElement[];
    return { fields: controls.filter((c) => c.tagName !== "BUTTON").length, disabled: controls.filter((c) => c.disabled).length };
  });

describe("the reading view", () => {
  it("shows a governor the plan as a clean document, with no form controls in its blocks", async () => {
    const { governor, doc } = await planWithBlocks();
    const page = await openAs(governor.email, doc.id);
    await expect.poll(() => page.locator("[data-reading=true]").count()).toBe(3);
    expect(await blockControls(page)).toEqual({ fields: 0, disabled: 0 });
    const action = page.locator(".pe-block-host[data-block=action]");
    expect(await action.locator(".pe-rag").innerText()).toBe("Amber");
    const facts = await action.locator(".pe-reading-fact").allInnerTexts();
    expect(facts.map((f) => f.replace(/\s+/g, " ").trim())).toEqual([
      "OWNERS Hannah Price",
      "START 5 Oct 2026",
      "DUE 18 Dec 2026",
      "SUCCESS CRITERIA Books show modelled sentences in 9 of 10 lessons, checked at every learning walk this term",
      "COST £1,200 supply cover",
    ]);
    expect(await page.locator(".pe-block-host[data-block=priority] .pe-reading-fact").innerText()).toContain("Achievement");
    expect(await page.locator(".pe-block-host[data-block=target] .pe-rag").innerText()).toBe("Green");
    // Governors cannot edit, so there is nothing to switch back to.
    expect(await page.getByTestId("reading-toggle").count()).toBe(0);
    expect(await page.getByTestId("document-export").getByRole("link", { name: "PDF" }).getAttribute("href")).toBe(`/api/documents/${doc.id}/export?format=pdf`);
    await screenshot(page, "reading-governor");
    expect(page.errors).toEqual([]);
  }, 60_000);

  it("lets an editor switch to reading and back", async () => {
    const { head, doc } = await planWithBlocks();
    const page = await openAs(head.email, doc.id);
    expect((await blockControls(page)).fields).toBeGreaterThan(0);
    await page.getByTestId("reading-toggle").click();
    await expect.poll(() => page.locator("[data-reading=true]").count()).toBe(3);
    expect(await blockControls(page)).toEqual({ fields: 0, disabled: 0 });
    expect(await page.locator(".pe-prose").getAttribute("contenteditable")).toBe("false");
    expect(await page.getByTestId("reading-toggle").getAttribute("aria-pressed")).toBe("true");
    await page.getByTestId("reading-toggle").click();
    await expect.poll(async () => (await blockControls(page)).fields).toBeGreaterThan(0);
    expect(await page.locator(".pe-prose").getAttribute("contenteditable")).toBe("true");
    expect(page.errors).toEqual([]);
  }, 60_000);

  it("prints the plan without navigation, buttons or the comments column, its blocks as text", async () => {
    const { head, doc } = await planWithBlocks();
    const page = await openAs(head.email, doc.id);
    await page.evaluate(() => window.dispatchEvent(new Event("beforeprint")));
    await page.emulateMedia({ media: "print" });
    await expect.poll(() => page.locator("[data-reading=true]").count()).toBe(3);
    const hidden = await page.evaluate(() =>
      [".app-header", ".cm-margin", ".pe-topbar", ".breadcrumb", ".export-links", "button"].map((sel) => {
        const els = [...document.querySelectorAll(sel)];
        return [sel, els.every((el) => getComputedStyle(el).display === "none")];
      }),
    );
    expect(Object.fromEntries(hidden)).toEqual({ ".app-header": true, ".cm-margin": true, ".pe-topbar": true, ".breadcrumb": true, ".export-links": true, button: true });
    expect(await page.locator(".pe-block-host[data-block=action]").innerText()).toContain("Books show modelled sentences in 9 of 10 lessons, checked at every learning walk this term");
    const pdf = await page.pdf({ format: "A4" });
    expect(pdf.byteLength).toBeGreaterThan(1000);
    await page.evaluate(() => window.dispatchEvent(new Event("afterprint")));
    await page.emulateMedia({ media: "screen" });
    await expect.poll(async () => (await blockControls(page)).fields).toBeGreaterThan(0);
    expect(page.errors).toEqual([]);
  }, 60_000);

  it("prints the school page's academy card without navigation or buttons, and offers the governor pack", async () => {
    const { governor, doc } = await planWithBlocks();
    const page = await e2e.pageAs(governor.email);
    page.setDefaultTimeout(10_000);
    await page.goto(e2e.url(`/schools/${doc.schoolId}`));
    const pack = page.getByTestId("governor-pack");
    expect(await pack.getByRole("link", { name: "Word" }).getAttribute("href")).toBe(`/api/schools/${doc.schoolId}/pack?format=docx`);
    await page.getByText("Actions by RAG").first().waitFor();
    await page.emulateMedia({ media: "print" });
    const shown = await page.evaluate(() =>
      [".app-header", ".breadcrumb", ".export-links", "button", "nav"].map((sel) => [sel, [...document.querySelectorAll(sel)].some((el) => getComputedStyle(el).display !== "none")]),
    );
    expect(Object.fromEntries(shown)).toEqual({ ".app-header": false, ".breadcrumb": false, ".export-links": false, button: false, nav: false });
    expect(await page.getByText("Actions by RAG").first().isVisible()).toBe(true);
    expect(page.errors).toEqual([]);
  }, 60_000);
});
