/**
 * The document page paints its text before the editor's code has loaded (issue 15, web
 * performance): a read-only preview from GET /api/documents/:id/preview (answered in the page's
 * HTML when it is opened from a link), then the live editor in its place, in which typing works and is stored. The editor's chunk is held back at the network
 * so the preview can be seen on its own, whatever the machine's speed.
 */
import type { Page, Route } from "playwright-core";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { documentUpdates } from "../../server/db/schema/index.js";
import { writePlanNodes, type PlanNode } from "../../shared/templates/index.js";
import { buildDocument, buildSchool, buildUser, TEST_PASSWORD } from "../factories.js";
import { signIn } from "../support.js";
import { useE2E } from "./support.js";

const e2e = useE2E();

async function planWithBlocks() {
  const school = await buildSchool(e2e.db);
  const head = await buildUser(e2e.db, { role: "school_leader", schoolId: school.id, name: "Hannah Price" });
  const doc = await buildDocument(e2e.db, { schoolId: school.id, title: "Preview plan" });
  const nodes: PlanNode[] = [
    { type: "heading", level: 2, text: "Priorities this term" },
    { type: "paragraph", text: "Our plan for writing." },
    { type: "priority", attrs: { area: "achievement" }, text: "Raise attainment in writing" },
    { type: "target", attrs: { measure: "KS2 writing", baseline: "64%", goal: "74%", rag: "green", owners: [head.id] }, text: "More pupils at the expected standard" },
    { type: "action", attrs: { owners: [head.id], due: "2026-12-18", rag: "amber", status: "in_progress", successCriteria: "Modelled sentences in 9 of 10 lessons" }, text: "Sentence stacking in every class" },
  ];
  const ydoc = new Y.Doc();
  writePlanNodes(ydoc.getXmlFragment("default"), nodes);
  await e2e.db.insert(documentUpdates).values({ documentId: doc.id, update: Y.encodeStateAsUpdate(ydoc) });
  return { school, head, doc };
}

/** Holds every request for the editor's entry chunk until `release()`; counts them. */
async function holdEditorCode(page: Page) {
  const held: Route[] = [];
  let released = false;
  await page.route(/\/assets\/DocumentEditor-[^/]*\.js$/, (route) => (released ? route.continue() : void held.push(route)));
  return {
    requested: () => held.length,
    release: async () => {
      released = true;
      await Promise.all(held.map((r) => r.continue()));
    },
  };
}

describe("the document page paints its text before the editor loads", () => {
  it("shows the text read-only at once, then swaps in the editor, where typing is stored", async () => {
    const { head, doc } = await planWithBlocks();
    const page = await e2e.pageAs(head.email);
    await page.setViewportSize({ width: 1280, height: 1000 });
    page.setDefaultTimeout(15_000);
    const editorCode = await holdEditorCode(page);
    await page.goto(e2e.url(`/documents/${doc.id}`));

    // The preview: the text, the blocks' facts as words and owners by name, with nothing to type into.
    const preview = page.getByTestId("document-preview");
    await preview.getByText("Sentence stacking in every class").waitFor();
    expect(await preview.locator("h2").innerText()).toBe("Priorities this term");
    expect(await preview.locator("[data-preview-block=action]").innerText()).toContain("Modelled sentences in 9 of 10 lessons");
    expect(await preview.locator("[data-preview-block=target]").innerText()).toContain("Hannah Price");
    expect(await preview.locator("[data-preview-block=target] .pe-rag").innerText()).toBe("Green");
    expect(await preview.locator("[data-preview-block=priority]").innerText()).toContain("Achievement");
    expect(await page.locator("[contenteditable]").count()).toBe(0);
    expect(await page.locator(".pe-prose").count()).toBe(0);

    // The page asked for the editor's code once the text was painted; it is held, so the preview stays.
    await expect.poll(editorCode.requested).toBeGreaterThan(0);
    expect(await preview.isVisible()).toBe(true);

    await editorCode.release();
    await page.locator(".pe-prose[contenteditable=true]").waitFor();
    await page.locator(".pe-connection[data-state=online]").waitFor();
    expect(await preview.count()).toBe(0);

    await page.locator(".pe-prose p", { hasText: "Our plan for writing." }).click();
    await page.keyboard.press("End");
    await page.keyboard.type(" Reviewed every half term.");
    await page.locator(".pe-connection[data-saved=true]").waitFor();

    // Stored: a fresh preview (read from the server) carries the typed words.
    const cookie = await signIn(e2e.baseUrl, head.email, TEST_PASSWORD);
    await expect
      .poll(async () => JSON.stringify(await (await fetch(e2e.url(`/api/documents/${doc.id}/preview`), { headers: { cookie } })).json()))
      .toContain("Our plan for writing. Reviewed every half term.");
    expect(page.errors).toEqual([]);
  });

  it("on a phone, waits to start the editor until the text is scrolled near", async () => {
    const { head, doc } = await planWithBlocks();
    const page = await e2e.pageAs(head.email);
    await page.setViewportSize({ width: 390, height: 700 });
    const editorCode = await holdEditorCode(page);
    await page.goto(e2e.url(`/documents/${doc.id}`));
    const preview = page.getByTestId("document-preview");
    await preview.getByText("Sentence stacking in every class").waitFor();
    // The details fill the first screen; the text is well below it.
    expect(await preview.evaluate((el) => el.getBoundingClientRect().top > innerHeight * 1.25)).toBe(true);
    await page.waitForTimeout(1500);
    expect(editorCode.requested()).toBe(0);

    await preview.scrollIntoViewIfNeeded();
    await expect.poll(editorCode.requested).toBeGreaterThan(0);
    await editorCode.release();
    await page.locator(".pe-prose[contenteditable=true]").waitFor();
    expect(page.errors).toEqual([]);
  });

  it("opened from a link, asks the API nothing its HTML already answered, for a reader or an outsider", async () => {
    const { head, doc } = await planWithBlocks();
    const elsewhere = await buildSchool(e2e.db);
    const outsider = await buildUser(e2e.db, { role: "school_leader", schoolId: elsewhere.id });
    const firstCalls = new RegExp(`/api/(me|documents/${doc.id}(/preview)?)$`);
    for (const [person, sees] of [
      [head, "Sentence stacking in every class"],
      [outsider, "This document could not be opened"],
    ] as const) {
      const page = await e2e.pageAs(person.email);
      const asked: string[] = [];
      page.on("request", (r) => {
        if (firstCalls.test(new URL(r.url()).pathname)) asked.push(new URL(r.url()).pathname);
      });
      await page.goto(e2e.url(`/documents/${doc.id}`));
      await page.getByText(sees).first().waitFor();
      if (person === outsider) expect(await page.content()).not.toContain("Preview plan");
      else {
        expect(await page.title()).toBe("Preview plan · Trellis");
        // The live editor takes who this is from the page's session too.
        await page.getByText(sees).first().click();
        await page.locator(".pe-prose[contenteditable=true]").waitFor();
      }
      expect(asked).toEqual([]);
      expect(page.errors).toEqual([]);
    }
  });

  it("refuses the preview to someone who may not read the document", async () => {
    const { doc } = await planWithBlocks();
    const elsewhere = await buildSchool(e2e.db);
    const outsider = await buildUser(e2e.db, { role: "school_leader", schoolId: elsewhere.id });
    const cookie = await signIn(e2e.baseUrl, outsider.email, TEST_PASSWORD);
    const refused = await fetch(e2e.url(`/api/documents/${doc.id}/preview`), { headers: { cookie } });
    // As the document itself answers: an unreadable document is not found, and none of its text is sent.
    const asDocument = await fetch(e2e.url(`/api/documents/${doc.id}`), { headers: { cookie } });
    expect([refused.status, asDocument.status]).toEqual([404, 404]);
    expect(await refused.text()).not.toContain("Sentence stacking");
    const signedOut = await fetch(e2e.url(`/api/documents/${doc.id}/preview`));
    expect(signedOut.status).toBe(401);
    const missing = await fetch(e2e.url("/api/documents/6f1f7f0e-0000-4000-8000-000000000000/preview"), { headers: { cookie } });
    expect(missing.status).toBe(404);
  });
});
