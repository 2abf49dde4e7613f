/** The plan editor in real browsers: co-writing, structured blocks, read-only views, offline edits. */
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { documentUpdates } from "../../server/db/schema/index.js";
import { FRAMEWORKS } from "../../shared/frameworks/index.js";
import { writePlanNodes, type PlanNode } from "../../shared/templates/index.js";
import { buildDocument, buildSchool, buildUser, TEST_PASSWORD } from "../factories.js";
import { connectClient, synced } from "../collab/clients.js";
import { apiAs, eventually, signIn } from "../support.js";
import { screenshot, useE2E } from "./support.js";

const e2e = useE2E();

/** A school with two leaders and a governor, and a document holding `nodes`. */
async function setup(nodes: PlanNode[], doc: { status?: string } = {}) {
  const school = await buildSchool(e2e.db, { name: "Elmwood Primary" });
  const asha = await buildUser(e2e.db, { role: "school_leader", schoolId: school.id, name: "Asha Patel" });
  const ben = await buildUser(e2e.db, { role: "school_leader", schoolId: school.id, name: "Ben Carter" });
  const governor = await buildUser(e2e.db, { role: "governor", schoolId: school.id, name: "Gwen Ford" });
  const plan = await buildDocument(e2e.db, { schoolId: school.id, status: doc.status });
  const ydoc = new Y.Doc();
  writePlanNodes(ydoc.getXmlFragment("default"), nodes);
  await e2e.db.insert(documentUpdates).values({ documentId: plan.id, update: Y.encodeStateAsUpdate(ydoc) });
  return { school, asha, ben, governor, plan };
}

/** Opens the document as `email` and waits until the editor has synced with the server. */
async function openAs(email: string, documentId: string) {
  const page = await e2e.pageAs(email);
  await page.goto(e2e.url(`/documents/${documentId}`));
  await page.locator(".pe-connection[data-state=online]").waitFor();
  return page;
}

/** The document's text as a reader sees it, without the name labels of other people's carets. */
const proseText = (page: Page) =>
  page.locator(".pe-prose").evaluate((el) => {
    const copy = el.cloneNode(true) as HTMLElement;
    for (const c of copy.querySelectorAll(".collaboration-carets__caret")) c.remove();
    return copy.textContent ?? "";
  });
const saved = (page: Page) => page.locator(".pe-connection[data-saved=true]").waitFor();

describe("co-writing", () => {
  it("shows two people each other's typing, cursors and presence", async () => {
    const { asha, ben, plan } = await setup([{ type: "paragraph", text: "Our plan for the year." }]);
    const a = await openAs(asha.email, plan.id);
    const b = await openAs(ben.email, plan.id);

    await a.locator(".pe-prose p", { hasText: "Our plan" }).click();
    await a.keyboard.press("End");
    await a.keyboard.type(" Asha was here.");
    await b.locator(".pe-prose p", { hasText: "Asha was here." }).waitFor();

    await b.locator(".pe-prose p").click();
    await b.keyboard.press("Home");
    await b.keyboard.type("Ben: ");
    await eventually(async () => expect(await proseText(a)).toContain("Ben: Our plan for the year. Asha was here."));

    // Each sees the other's caret, labelled with the name the server stamped from the session.
    await b.locator(".collaboration-carets__label", { hasText: "Asha Patel" }).waitFor();
    await a.locator(".collaboration-carets__label", { hasText: "Ben Carter" }).waitFor();
    expect(await a.locator(".pe-presence").innerText()).toContain("Ben Carter");
    expect(await b.locator(".pe-presence").innerText()).toContain("Asha Patel");
    expect([...a.errors, ...b.errors]).toEqual([]);
  });

  it("lets one person insert an action from the slash menu, set owner, due date and RAG, and the other sees it", async () => {
    const { asha, ben, plan } = await setup([
      { type: "priority", attrs: { area: "attendance_behaviour" }, text: "Improve attendance" },
      { type: "target", text: "Persistent absence below 15%" },
      { type: "paragraph", text: "" },
    ]);
    const a = await openAs(asha.email, plan.id);
    const b = await openAs(ben.email, plan.id);

    await a.locator(".pe-prose > p").last().click();
    await a.keyboard.type("/act");
    await a.locator(".pe-slash [data-choice=action]").waitFor();
    await a.keyboard.press("Enter");
    await a.keyboard.type("Weekly attendance panel with the EWO");
    // Enter leaves the block for a new paragraph rather than splitting it into a twin action.
    await a.keyboard.press("Enter");
    await a.keyboard.type("Reviewed at the next SLT meeting.");
    expect(await a.locator(".pe-prose > p").last().innerText()).toBe("Reviewed at the next SLT meeting.");
    expect(await a.locator("[data-block=action]").count()).toBe(1);

    const action = a.locator("[data-block=action]");
    await action.getByRole("combobox", { name: "Add an owner" }).fill("Ben");
    await action.getByRole("combobox", { name: "Add an owner" }).press("Enter");
    await action.getByLabel("Due").fill("2027-03-26");
    await action.getByLabel("RAG").selectOption("amber");
    await saved(a);

    const seen = b.locator("[data-block=action]");
    await seen.filter({ hasText: "Weekly attendance panel with the EWO" }).waitFor();
    await seen.locator(".pe-owner", { hasText: "Ben Carter" }).waitFor();
    await eventually(async () => expect(await seen.getByLabel("Due").inputValue()).toBe("2027-03-26"));
    await seen.locator(".pe-rag[data-rag=amber]", { hasText: "Amber" }).waitFor();
    // The block has its UUID, and a link anchor to it.
    const id = await seen.getAttribute("data-block-id");
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(await seen.getAttribute("id")).toBe(`block-${id}`);
    expect([...a.errors, ...b.errors]).toEqual([]);
  });
});

describe("copy and paste", () => {
  it("gives a pasted copy of a block a fresh id, keeping its attributes", async () => {
    const { asha, plan } = await setup([
      { type: "paragraph", text: "Before" },
      { type: "action", attrs: { rag: "green", status: "in_progress" }, text: "Copied action" },
      { type: "paragraph", text: "After" },
    ]);
    const page = await openAs(asha.email, plan.id);
    const original = await page.locator("[data-block=action]").getAttribute("data-block-id");

    // Select from the end of "Before" to the start of "After" (the whole action block), then let
    // ProseMirror read the DOM selection, which it does on the next selectionchange.
    await page.locator(".pe-prose p", { hasText: "Before" }).click();
    const selectText = (from: [number, number], to: [number, number]) =>
      page.locator(".pe-prose").evaluate(async (el, [a, b]) => {
        const paragraphs = el.querySelectorAll(":scope > p");
        const range = document.createRange();
        range.setStart(paragraphs[a[0]]!.firstChild!, a[1]);
        range.setEnd(paragraphs[b[0]]!.firstChild!, b[1]);
        getSelection()!.removeAllRanges();
        getSelection()!.addRange(range);
        await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
      }, [from, to] as const);
    await selectText([0, "Before".length], [1, 0]);
    // Headless Chromium has no system clipboard: carry ProseMirror's own copy output to a paste event.
    const html = await page.locator(".pe-prose").evaluate((el) => {
      const data = new DataTransfer();
      el.dispatchEvent(new ClipboardEvent("copy", { clipboardData: data, bubbles: true, cancelable: true }));
      return data.getData("text/html");
    });
    expect(html).toContain(`data-id="${original}"`);
    await selectText([1, "After".length], [1, "After".length]);
    await page.keyboard.press("Enter");
    await eventually(async () => expect(await page.locator(".pe-prose > *").count()).toBe(4));
    await page.locator(".pe-prose").evaluate((el, pasted) => {
      const data = new DataTransfer();
      data.setData("text/html", pasted);
      el.dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }));
    }, html);

    const actions = page.locator("[data-block=action]");
    await eventually(async () => expect(await actions.count()).toBe(2));
    const ids = await actions.evaluateAll((els) => els.map((el) => el.getAttribute("data-block-id")));
    expect(ids[0]).toBe(original);
    expect(ids[1]).toMatch(/^[0-9a-f-]{36}$/);
    expect(ids[1]).not.toBe(original);
    expect(await actions.nth(1).locator(".pe-rag[data-rag=green]").count()).toBe(1);
    expect(await actions.nth(1).innerText()).toContain("Copied action");
  });
});

describe("remote structural changes", () => {
  it("keeps the page in step with blocks inserted, deleted and moved elsewhere, and the local caret in its block", async () => {
    const { asha, ben, plan } = await setup([
      { type: "priority", text: "First priority" },
      { type: "action", text: "Action one" },
      { type: "action", text: "Action two" },
      { type: "paragraph", text: "Closing note" },
    ]);
    const page = await openAs(asha.email, plan.id);
    const remote = connectClient(e2e.baseUrl, plan.id, await signIn(e2e.baseUrl, ben.email, TEST_PASSWORD));
    try {
      await synced(remote);
      const fragment = remote.doc.getXmlFragment("default");
      await page.locator("[data-block=action]", { hasText: "Action two" }).locator(".pe-block-text").click();
      await page.keyboard.press("End");

      // Someone else inserts a block above, deletes one, and moves another (delete plus reinsert).
      const inserted = new Y.XmlElement("target");
      inserted.setAttribute("id", "33333333-3333-4333-8333-333333333333");
      const insertedText = new Y.XmlText();
      insertedText.insert(0, "New target from Ben");
      inserted.insert(0, [insertedText]);
      remote.doc.transact(() => fragment.insert(1, [inserted]));
      remote.doc.transact(() => fragment.delete(2, 1)); // Action one
      remote.doc.transact(() => {
        const moved = fragment.get(0) as Y.XmlElement;
        const copy = moved.clone();
        fragment.delete(0, 1);
        fragment.insert(fragment.length, [copy]);
      });
      await eventually(async () =>
        expect(await page.locator(".pe-prose > *").allTextContents()).toEqual(["New target from Ben", "Action two", "Closing note", "First priority"].map((t) => expect.stringContaining(t))),
      );

      // The caret stayed at the end of "Action two", so typing lands there, and Ben sees it.
      await page.keyboard.type(" (checked)");
      const texts = () => fragment.toArray().map((el) => (el as Y.XmlElement).toArray().map((t) => (t as Y.XmlText).toString()).join(""));
      await eventually(() => expect(texts()).toEqual(["New target from Ben", "Action two (checked)", "Closing note", "First priority"]));
      expect(page.errors).toEqual([]);
    } finally {
      remote.destroy();
    }
  });
});

describe("read-only views", () => {
  it("gives a governor a non-editable document with a banner saying why", async () => {
    const { governor, plan } = await setup([
      { type: "paragraph", text: "Context for governors." },
      { type: "action", attrs: { rag: "green", status: "in_progress" }, text: "Reading fluency checks" },
    ]);
    const page = await openAs(governor.email, plan.id);

    expect(await page.locator(".pe-prose").getAttribute("contenteditable")).toBe("false");
    // Opening the document added nothing to it (no trailing paragraph written by a reader).
    expect(await page.locator(".pe-prose > *").count()).toBe(2);
    expect(await page.getByRole("note").innerText()).toContain("As a governor, you can read this document and comment on it");
    expect(await page.locator(".pe-toolbar").count()).toBe(0);
    // A reader gets the block as reading text (issue 11), never as disabled form controls.
    const action = page.locator("[data-block=action]");
    expect(await action.locator("select, input, textarea").count()).toBe(0);
    expect(await action.innerText()).toMatch(/green/i);

    await page.locator(".pe-prose p").click();
    await page.keyboard.type("sneaky edit");
    expect(await proseText(page)).not.toContain("sneaky edit");
    expect(page.errors).toEqual([]);
  });

  it("locks an approved document for its own school leaders too", async () => {
    const { asha, plan } = await setup([{ type: "paragraph", text: "Approved text." }], { status: "approved" });
    const page = await openAs(asha.email, plan.id);
    expect(await page.locator(".pe-prose").getAttribute("contenteditable")).toBe("false");
    expect(await page.getByRole("note").innerText()).toContain("approved and locked");
  });
});

describe("offline", () => {
  it("keeps an offline edit in the page and syncs it when the connection returns", async () => {
    const { asha, ben, plan } = await setup([{ type: "paragraph", text: "Before the outage." }]);
    const a = await openAs(asha.email, plan.id);
    const b = await openAs(ben.email, plan.id);

    await a.context().setOffline(true);
    await a.locator(".pe-connection[data-state=offline]").waitFor();
    await a.locator(".pe-prose p").click();
    await a.keyboard.press("End");
    await a.keyboard.type(" Written on the train.");
    await a.locator(".pe-connection", { hasText: "unsaved" }).waitFor();
    expect(await proseText(b)).not.toContain("Written on the train.");

    await a.context().setOffline(false);
    await saved(a);
    await b.locator(".pe-prose p", { hasText: "Before the outage. Written on the train." }).waitFor();

    // And it reached the server, not just the other browser: a fresh page loads it.
    const again = await openAs(ben.email, plan.id);
    expect(await proseText(again)).toContain("Written on the train.");
  });
});

describe("the end of a connection", () => {
  it("signing out in another tab closes the document's socket and stops editing, saying why", async () => {
    const { asha, plan } = await setup([{ type: "paragraph", text: "Our plan." }]);
    const page = await openAs(asha.email, plan.id);
    const other = await page.context().newPage();
    await other.goto(e2e.url("/"));
    expect(await other.evaluate(async () => (await fetch("/api/auth/logout", { method: "POST" })).status)).toBe(204);
    await page.locator(".pe-connection[data-state=closed]", { hasText: "You signed out in another tab" }).waitFor();
    expect(await page.locator(".pe-prose").getAttribute("contenteditable")).toBe("false");
    expect(await page.getByRole("note").innerText()).toContain("Sign in again");
  });
});

describe("templates and every block", () => {
  it("opens a new SEF with its framework's template: one judgement per area plus safeguarding", async () => {
    const school = await buildSchool(e2e.db, { name: "Template Academy" });
    const head = await buildUser(e2e.db, { role: "school_leader", schoolId: school.id });
    const res = await apiAs(e2e.baseUrl, await signIn(e2e.baseUrl, head.email, "correct-horse-battery"))("POST", "/api/documents", {
      schoolId: school.id, kind: "sef", title: "SEF 2026/27", academicYear: "2026/27", framework: "ofsted-2019",
    });
    expect(res.status).toBe(201);
    const { id } = (await res.json()) as { id: string };

    const page = await openAs(head.email, id);
    const judgements = page.locator("[data-block=judgement]");
    await eventually(async () => expect(await judgements.count()).toBe(FRAMEWORKS["ofsted-2019"].areas.length + 1));
    const heads = await judgements.locator(".pe-block-kind").allTextContents();
    expect(heads.map((h) => h.toLowerCase())).toContain("judgement: quality of education");
    expect(heads.map((h) => h.toLowerCase())).toContain("judgement: safeguarding");
    await judgements.last().getByLabel("Safeguarding").selectOption("effective");
    expect(await judgements.last().locator(".pe-chip", { hasText: "Effective" }).count()).toBe(1);
    // Guidance shows as placeholders, not as text anyone has to delete.
    expect(await page.locator(".pe-prose p[data-placeholder]").count()).toBeGreaterThan(0);
    expect(page.errors).toEqual([]);
  });

  it("renders every block type, inserted from the toolbar by keyboard", async () => {
    const { asha, ben, plan } = await setup([
      { type: "heading", level: 2, text: "Priorities this term" },
      { type: "priority", attrs: { area: "achievement" }, text: "Raise attainment in writing by the end of Key Stage 2" },
      {
        type: "target",
        attrs: { measure: "KS2 writing, expected standard", baseline: "64% (2026)", goal: "74%", current: "61%", due: "2027-07-21", rag: "amber" },
        text: "More Year 6 pupils working at the expected standard in writing",
      },
      {
        type: "action",
        attrs: { start: "2026-09-03", due: "2026-10-23", rag: "red", status: "in_progress", successCriteria: "Modelled sentences seen in 9 of 10 lessons", cost: "£1,200" },
        text: "Introduce sentence stacking in every class from Year 2 to Year 6",
      },
      { type: "action", attrs: { due: "2027-02-12", rag: "blue", status: "complete" }, text: "Moderate Year 6 writing with two trust schools" },
      { type: "judgement", attrs: { framework: "ofsted-2025", area: "inclusion", grade: "strong_standard" }, text: "Pupils with SEND are identified early and supported well." },
      { type: "finding", attrs: { kind: "strength", area: "curriculum_teaching" }, text: "Phonics lessons followed the programme precisely." },
      { type: "paragraph", text: "" },
    ]);
    const page = await openAs(asha.email, plan.id);
    await page.setViewportSize({ width: 1100, height: 900 });
    const owners = page.locator("[data-block=target]").getByRole("combobox", { name: "Add an owner" });
    await owners.fill("Ben Carter");
    await owners.press("Enter");
    await page.locator(`[data-block=target] .pe-owner[data-owner="${ben.id}"]`).waitFor();

    // Alt+F10 reaches the toolbar from the text; arrows move along it; Enter inserts.
    await page.locator(".pe-prose > p").last().click();
    await page.keyboard.press("Alt+F10");
    expect(await page.evaluate(() => document.activeElement?.getAttribute("data-format"))).toBe("heading");
    while ((await page.evaluate(() => document.activeElement?.getAttribute("data-insert"))) !== "development") await page.keyboard.press("ArrowRight");
    await page.keyboard.press("Enter");
    await page.keyboard.type("Editing of extended writing was rarely evident in Year 5 books.");
    await page.locator("[data-block=finding]", { hasText: "rarely evident" }).waitFor();

    for (const type of ["priority", "target", "action", "judgement", "finding"]) {
      expect(await page.locator(`[data-block=${type}]`).count(), type).toBeGreaterThan(0);
    }
    expect(await page.locator("[data-block=action] .pe-overdue").count()).toBe(1);
    await saved(page);
    // Tall enough that the sticky toolbar sits where it belongs in a full-page shot.
    await page.setViewportSize({ width: 1100, height: 2100 });
    await page.evaluate(() => window.scrollTo(0, 0));
    const path = await screenshot(page, "editor-blocks");
    expect(path).toBe("/tmp/trellis-editor-blocks.png");
    expect(page.errors).toEqual([]);
  });
});
