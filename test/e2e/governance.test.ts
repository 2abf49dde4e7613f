/**
 * Governance in real browsers: anchored comments that reach the other people live, approval that
 * locks the editor and keeps a version, findings that become actions in an open plan, and the
 * school's support panel.
 */
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { auditLog, documentUpdates, schoolCheckins } from "../../server/db/schema/index.js";
import { writePlanNodes, type PlanNode } from "../../shared/templates/index.js";
import { buildDocument, buildSchool, buildUser } from "../factories.js";
import { eventually } from "../support.js";
import { screenshot, useE2E } from "./support.js";

const e2e = useE2E();

/** Writes `nodes` into a document's stored state, as if someone had typed them. */
async function writeNodes(documentId: string, nodes: PlanNode[]) {
  const ydoc = new Y.Doc();
  writePlanNodes(ydoc.getXmlFragment("default"), nodes);
  await e2e.db.insert(documentUpdates).values({ documentId, update: Y.encodeStateAsUpdate(ydoc) });
}

/** Opens the document as `email` and waits until the editor has synced with the server. */
async function openAs(email: string, documentId: string, path = `/documents/${documentId}`) {
  const page = await e2e.pageAs(email);
  await page.setViewportSize({ width: 1400, height: 1000 });
  // Fail a step with its locator well inside the test's own time limit.
  page.setDefaultTimeout(10_000);
  await page.goto(e2e.url(path));
  await page.locator(".pe-connection[data-state=online]").waitFor();
  return page;
}

/** Selects the first occurrence of `words` in the document's text, as a mouse drag would (across highlight spans too); `caretAfter` puts the caret just after them instead. */
async function selectWords(page: Page, words: string, { caretAfter = false } = {}) {
  await page.locator(".pe-prose").evaluate((root, [wanted, after]) => {
    const nodes: Text[] = [];
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) nodes.push(node as Text);
    const text = nodes.map((n) => n.data).join("");
    const at = text.indexOf(wanted);
    if (at < 0) throw new Error(`"${wanted}" is not in the document`);
    const locate = (offset: number, end: boolean) => {
      let seen = 0;
      for (const n of nodes) {
        if (offset < seen + n.length || (end && offset === seen + n.length)) return [n, offset - seen] as const;
        seen += n.length;
      }
      throw new Error("offset past the text");
    };
    const [startNode, startOffset] = locate(at, false);
    const [endNode, endOffset] = locate(at + wanted.length, true);
    if (after) document.getSelection()!.setBaseAndExtent(endNode, endOffset, endNode, endOffset);
    else document.getSelection()!.setBaseAndExtent(startNode, startOffset, endNode, endOffset);
  }, [words, caretAfter] as const);
}

/** The words a thread highlights, joined across the highlight's pieces. */
const highlighted = async (page: Page, threadId: string) =>
  (await page.locator(`.cm-highlight[data-thread-id="${threadId}"]`).allTextContents()).join("");

/** The document's text as a reader sees it, without the name labels of other people's carets. */
const proseText = (page: Page) =>
  page.locator(".pe-prose").evaluate((el) => {
    const copy = el.cloneNode(true) as HTMLElement;
    for (const c of copy.querySelectorAll(".collaboration-carets__caret")) c.remove();
    return copy.textContent ?? "";
  });

const editable = (page: Page) => page.locator(".pe-prose").getAttribute("contenteditable");

describe("comments", () => {
  it("a governor comments on selected words and the head, with the plan open, sees the thread appear beside them", async () => {
    const school = await buildSchool(e2e.db, { name: "Elmwood Primary" });
    const head = await buildUser(e2e.db, { role: "school_leader", schoolId: school.id, name: "Asha Patel" });
    const governor = await buildUser(e2e.db, { role: "governor", schoolId: school.id, name: "Gwen Ford" });
    const plan = await buildDocument(e2e.db, { schoolId: school.id, status: "in_review" });
    await writeNodes(plan.id, [
      { type: "heading", level: 2, text: "Where we are now" },
      { type: "paragraph", text: "Attendance is improving, but we will reduce persistent absence to 12% by July." },
      { type: "paragraph", text: "Reading remains the school's first priority." },
    ]);

    const headPage = await openAs(head.email, plan.id);
    const govPage = await openAs(governor.email, plan.id);
    // The governor cannot change the text, yet can comment on it.
    expect(await editable(govPage)).toBe("false");

    await selectWords(govPage, "persistent absence");
    await govPage.getByRole("button", { name: "Comment", exact: true }).click();
    const draft = govPage.getByTestId("comment-draft");
    const box = draft.getByLabel("Your comment");
    await box.pressSequentially("What was the baseline last year? @Ash");
    await draft.getByRole("option", { name: /Asha Patel/ }).waitFor();
    await box.press("Enter");
    await screenshot(govPage, "governance-comment-draft");
    expect(await box.inputValue()).toBe("What was the baseline last year? @Asha Patel ");
    await draft.getByRole("button", { name: "Comment", exact: true }).click();
    await draft.waitFor({ state: "detached" });

    // The head never reloads: the thread arrives over the document's event stream.
    const card = headPage.locator(".cm-card", { hasText: "What was the baseline last year?" });
    await card.waitFor();
    const threadId = (await card.getAttribute("data-thread-id"))!;
    expect(await card.getAttribute("id")).toBe(`thread-${threadId}`);
    expect(await card.innerText()).toContain("Gwen Ford");
    await eventually(async () => expect(await highlighted(headPage, threadId)).toBe("persistent absence"));

    // Beside the right words: level with the highlight, in the margin to its right.
    await eventually(async () => {
      const cardBox = (await card.boundingBox())!;
      const markBox = (await headPage.locator(`.cm-highlight[data-thread-id="${threadId}"]`).first().boundingBox())!;
      expect(Math.abs(cardBox.y - markBox.y)).toBeLessThan(24);
      expect(cardBox.x).toBeGreaterThan(markBox.x + markBox.width);
    });

    // The head types before the words; both highlights stay on the same words.
    await headPage.locator(".pe-prose p", { hasText: "persistent absence" }).click();
    await headPage.keyboard.press("Home");
    await headPage.keyboard.type("This term: ");
    await eventually(async () => expect(await proseText(govPage)).toContain("This term: Attendance is improving"));
    await eventually(async () => expect(await highlighted(govPage, threadId)).toBe("persistent absence"));
    expect(await highlighted(headPage, threadId)).toBe("persistent absence");
    // Typing just after the words stays outside the thread; typing inside them is part of it.
    await selectWords(headPage, "persistent absence", { caretAfter: true });
    await headPage.keyboard.type(" (PA)");
    await selectWords(headPage, "persistent", { caretAfter: true });
    await headPage.keyboard.type(" pupil");
    await eventually(async () => expect(await proseText(govPage)).toContain("reduce persistent pupil absence (PA) to 12%"));
    await eventually(async () => expect(await highlighted(govPage, threadId)).toBe("persistent pupil absence"));
    expect(await highlighted(headPage, threadId)).toBe("persistent pupil absence");
    await screenshot(headPage, "governance-comment-margin");

    // The mention reached the head as a notification, pushed without a reload or a poll, that opens the thread.
    await eventually(async () => expect(await headPage.getByTestId("notification-count").innerText()).toBe("1"));
    await headPage.getByRole("button", { name: /Notifications, 1 unread/ }).click();
    await headPage.getByRole("link", { name: /Gwen Ford mentioned you/ }).click();
    await eventually(async () => expect(headPage.url()).toContain(`#thread-${threadId}`));
    await headPage.locator(`.cm-card.is-active[data-thread-id="${threadId}"]`).waitFor();
    await headPage.getByTestId("notification-count").waitFor({ state: "detached" });

    // The head replies and resolves; the governor sees both without reloading.
    const active = headPage.locator(`.cm-card[data-thread-id="${threadId}"]`);
    await active.getByLabel("Reply").fill("21.4% last autumn; the target links to it.");
    await active.getByRole("button", { name: "Reply", exact: true }).click();
    await govPage.locator(".cm-card", { hasText: "21.4% last autumn" }).waitFor();
    await active.getByRole("button", { name: "Resolve" }).click();
    await govPage.getByRole("button", { name: "Resolved (1)" }).waitFor();
    expect(await govPage.locator(`.cm-highlight[data-thread-id="${threadId}"]`).count()).toBe(0);
    expect([...headPage.errors, ...govPage.errors]).toEqual([]);
  });

  it("a governor comments on a whole action from the keyboard, where the read-only text has no caret", async () => {
    const school = await buildSchool(e2e.db);
    const head = await buildUser(e2e.db, { role: "school_leader", schoolId: school.id, name: "Asha Patel" });
    const governor = await buildUser(e2e.db, { role: "governor", schoolId: school.id, name: "Gwen Ford" });
    const plan = await buildDocument(e2e.db, { schoolId: school.id, status: "in_review" });
    await writeNodes(plan.id, [
      { type: "paragraph", text: "Our attendance plan." },
      { type: "action", attrs: { rag: "amber", status: "in_progress" }, text: "Daily first-day calls for absent pupils" },
    ]);
    const govPage = await openAs(governor.email, plan.id);
    expect(await editable(govPage)).toBe("false");

    await govPage.getByRole("button", { name: "Comment on this action" }).focus();
    await govPage.keyboard.press("Enter");
    const draft = govPage.getByTestId("comment-draft");
    expect(await draft.locator(".cm-quote").innerText()).toBe("“Daily first-day calls for absent pupils”");
    await screenshot(govPage, "governance-block-comment");
    // The composer takes focus: type, then Ctrl+Enter sends.
    await govPage.keyboard.type("Who makes the calls when the office is short-staffed?");
    await govPage.keyboard.press("Control+Enter");
    await draft.waitFor({ state: "detached" });

    const headPage = await openAs(head.email, plan.id);
    const card = headPage.locator(".cm-card", { hasText: "Who makes the calls" });
    await card.waitFor();
    const threadId = (await card.getAttribute("data-thread-id"))!;
    await eventually(async () => expect(await highlighted(headPage, threadId)).toBe("Daily first-day calls for absent pupils"));
    expect(govPage.errors).toEqual([]);
  });

  it("keeps a thread whose words were deleted, marked as text removed with its quote", async () => {
    const school = await buildSchool(e2e.db);
    const head = await buildUser(e2e.db, { role: "school_leader", schoolId: school.id, name: "Asha Patel" });
    const trustee = await buildUser(e2e.db, { role: "trustee", schoolId: null, name: "Tom Reed" });
    const viewer = await buildUser(e2e.db, { role: "viewer", schoolId: school.id });
    const plan = await buildDocument(e2e.db, { schoolId: school.id });
    await writeNodes(plan.id, [
      { type: "paragraph", text: "Keep this sentence." },
      { type: "paragraph", text: "Delete these exact words please." },
    ]);
    const headPage = await openAs(head.email, plan.id);
    const trusteePage = await openAs(trustee.email, plan.id);

    await selectWords(trusteePage, "these exact words");
    await trusteePage.keyboard.press("Control+Alt+KeyM");
    await trusteePage.getByTestId("comment-draft").getByLabel("Your comment").fill("Why these words?");
    await trusteePage.getByTestId("comment-draft").getByRole("button", { name: "Comment", exact: true }).click();
    const card = headPage.locator(".cm-card", { hasText: "Why these words?" });
    await card.waitFor();

    await headPage.locator(".pe-prose p", { hasText: "Delete these" }).click();
    await selectWords(headPage, "Delete these exact words please.");
    await headPage.keyboard.press("Backspace");
    await trusteePage.locator(".cm-card.is-removed", { hasText: "Text removed" }).waitFor();
    expect(await trusteePage.locator(".cm-card.is-removed").innerText()).toContain("these exact words");
    await card.locator(".badge", { hasText: "Text removed" }).waitFor();

    // A viewer reads the thread but is offered no way to comment.
    const viewerPage = await openAs(viewer.email, plan.id);
    await viewerPage.locator(".cm-card", { hasText: "Why these words?" }).waitFor();
    await selectWords(viewerPage, "Keep this sentence");
    await viewerPage.getByText("You can read comments, but not add them.").waitFor();
    expect(await viewerPage.getByRole("button", { name: "Comment", exact: true }).count()).toBe(0);
    expect([...headPage.errors, ...trusteePage.errors, ...viewerPage.errors]).toEqual([]);
  });
});

describe("review and approval", () => {
  // The board approves, not the head (issue 12): the governor records it and the head's open page follows.
  it("a governor approves a document: the editor turns read-only with its banner, the version opens read-only, a new revision unlocks it", async () => {
    const school = await buildSchool(e2e.db);
    const head = await buildUser(e2e.db, { role: "school_leader", schoolId: school.id, name: "Asha Patel" });
    const plan = await buildDocument(e2e.db, { schoolId: school.id, status: "in_review" });
    await writeNodes(plan.id, [
      { type: "paragraph", text: "The plan the board approved." },
      { type: "action", attrs: { rag: "amber", status: "in_progress" }, text: "Daily first-day calls for absent pupils" },
    ]);
    const governor = await buildUser(e2e.db, { role: "governor", schoolId: school.id, name: "Gwen Ford" });
    const govPage = await openAs(governor.email, plan.id);
    const page = await openAs(head.email, plan.id);
    expect(await editable(page)).toBe("true");
    expect(await page.getByRole("button", { name: "Approve…" }).count()).toBe(0);

    await govPage.getByRole("button", { name: "Approve…" }).click();
    const dialog = govPage.getByRole("dialog", { name: "Approve this document" });
    await dialog.getByTestId("approval-body").waitFor();
    await dialog.getByLabel("Date of the meeting").fill("2026-11-20");
    await dialog.getByLabel("Version name (optional)").fill("Autumn plan as approved");
    await dialog.getByRole("button", { name: "Approve and lock" }).click();

    await page.getByTestId("readonly-banner").waitFor();
    // "Has just become read-only" stands between the lock and the page re-reading why (DocumentEditor's LOCKED_NOW).
    await eventually(async () => expect(await page.getByTestId("readonly-banner").innerText()).toContain("approved and locked"));
    await screenshot(page, "governance-approved");
    // The governor's open page follows the approval without a reload.
    await govPage.locator("section.gv-review[data-status=approved]").waitFor();
    await eventually(async () => expect(await govPage.getByTestId("readonly-banner").innerText()).toContain("approved and locked"));
    await page.locator(".pe-connection[data-state=online]").waitFor();
    expect(await editable(page)).toBe("false");
    const review = page.locator("section.gv-review");
    expect(await review.innerText()).toContain("Approved by the Local Governing Board on 20 Nov 2026");
    await page.keyboard.type("sneaky");
    expect(await page.locator(".pe-prose").innerText()).not.toContain("sneaky");

    await review.getByText("Versions (1)").click();
    await review.getByRole("link", { name: "Autumn plan as approved" }).click();
    const banner = page.getByTestId("version-banner");
    await banner.waitFor();
    expect(await banner.innerText()).toContain("Autumn plan as approved");
    expect(await banner.innerText()).toContain("Local Governing Board");
    const viewer = page.getByTestId("version-viewer");
    await viewer.locator(".pe-prose", { hasText: "The plan the board approved." }).waitFor();
    expect(await viewer.locator(".pe-prose").getAttribute("contenteditable")).toBe("false");
    await screenshot(page, "governance-version");

    await page.getByRole("link", { name: "Open the current document" }).click();
    await page.getByRole("button", { name: "Start a new revision" }).click();
    await page.getByRole("group", { name: "Start a new revision" }).getByRole("button", { name: "Start a new revision" }).click();
    await page.getByTestId("readonly-banner").waitFor({ state: "detached" });
    await page.locator(".pe-connection[data-state=online]").waitFor();
    // The editor unlocks once its socket's re-check says it may write, a moment after it is back online.
    await eventually(async () => expect(await editable(page)).toBe("true"));
    expect(await page.locator("section.gv-review .badge").first().innerText()).toBe("Draft");
    await govPage.locator("section.gv-review[data-status=draft]").waitFor();

    // The new revision moves the action to green; "changes since approval" says so, old → new.
    await page.locator("[data-block=action]").getByLabel("RAG").selectOption("green");
    await page.locator(".pe-connection[data-saved=true]").waitFor();
    await page.locator("section.gv-review").getByText("Changes since approval").click();
    const change = page.locator(".gv-change", { hasText: "Daily first-day calls" });
    await change.waitFor();
    expect(await change.innerText()).toMatch(/Changed\s+Action/i);
    expect(await change.locator("li").innerText()).toMatch(/RAG:\s*Amber\s*→\s*Green/);
    await screenshot(page, "governance-changes-since-approval");
    expect([...page.errors, ...govPage.errors]).toEqual([]);
  });
});

describe("findings to actions", () => {
  it("a champion turns a finding into an action; it appears in the plan the head has open, and in the findings report", async () => {
    const school = await buildSchool(e2e.db);
    const head = await buildUser(e2e.db, { role: "school_leader", schoolId: school.id, name: "Asha Patel" });
    const champion = await buildUser(e2e.db, { role: "improvement_champion", schoolId: school.id, name: "Chris Moss" });
    const review = await buildDocument(e2e.db, { schoolId: school.id, kind: "peer_review", title: "Peer review, autumn 1" });
    const plan = await buildDocument(e2e.db, { schoolId: school.id, kind: "single_plan", title: "Single Plan, autumn 2026" });
    const findingText = "Leaders do not yet check the impact of attendance actions";
    await writeNodes(review.id, [
      { type: "heading", level: 2, text: "Findings" },
      { type: "finding", attrs: { kind: "development", area: "attendance_behaviour" }, text: findingText },
    ]);
    await writeNodes(plan.id, [
      { type: "priority", attrs: { area: "attendance_behaviour" }, text: "Improve attendance" },
      { type: "target", text: "Persistent absence below 12%" },
    ]);

    const planPage = await openAs(head.email, plan.id);
    const reviewPage = await openAs(champion.email, review.id);
    const finding = reviewPage.locator("[data-block=finding]");
    await finding.getByRole("button", { name: "Turn into action" }).click();
    const dialog = reviewPage.getByRole("dialog", { name: "Turn this finding into an action" });
    expect(await dialog.getByLabel("Plan").locator("option").allInnerTexts()).toEqual([expect.stringContaining("Single Plan, autumn 2026")]);
    // It serves no target unless one is chosen, though the plan has one under that priority.
    const target = dialog.getByLabel("Target it serves");
    await target.locator("option", { hasText: "Persistent absence below 12%" }).waitFor({ state: "attached" });
    expect(await target.inputValue()).toBe("");
    expect(await target.locator("option:checked").innerText()).toBe("None");
    // This finding has no shape the draft recognises, so it says so rather than guess.
    expect(await dialog.getByLabel("What will be done").inputValue()).toBe(`Address: ${findingText}`);
    await dialog.getByLabel(/Asha Patel/).check();
    await dialog.getByLabel("Due").fill("2027-02-12");
    await dialog.getByRole("button", { name: "Add the action to the plan" }).click();
    await dialog.waitFor({ state: "detached" });

    // The head's open plan shows the new action at once, marked as coming from a finding.
    const action = planPage.locator("[data-block=action]", { hasText: findingText });
    await action.waitFor();
    expect(await action.innerText()).toContain("From a peer-review finding");
    // Placed above the priority's target, so "the target above" does not claim it either.
    expect(await planPage.locator("[data-block]").evaluateAll((els) => els.map((e) => e.getAttribute("data-block")))).toEqual(["priority", "action", "target"]);
    expect(await action.getByLabel("Due").inputValue()).toBe("2027-02-12");

    // The finding lists its action with the action's current RAG.
    const linked = finding.locator(".gv-linked-actions li", { hasText: findingText });
    await linked.waitFor({ timeout: 15_000 });
    expect(await linked.locator(".rag-chip").innerText()).toBe("Not rated");
    await screenshot(reviewPage, "governance-finding-block");

    // The head rates it red; the report follows.
    await action.getByLabel("RAG").selectOption("red");
    await reviewPage.goto(e2e.url(`/documents/${review.id}/report`));
    await eventually(
      async () => {
        await reviewPage.reload();
        const row = reviewPage.locator("tr", { hasText: findingText });
        await row.waitFor();
        expect(await row.locator(".rag-chip").innerText()).toBe("Red");
        expect(await row.innerText()).toContain("Asha Patel");
      },
      { timeout: 15_000, interval: 300 },
    );
    await screenshot(reviewPage, "governance-findings-report");
    expect([...planPage.errors, ...reviewPage.errors]).toEqual([]);
  });
});

describe("school support", () => {
  it("shows the tier's cadence with an overdue check-in marked, and a trust lead records one", async () => {
    const school = await buildSchool(e2e.db, { name: "Riverside Academy", tier: 3 });
    const lead = await buildUser(e2e.db, { role: "trust_lead", schoolId: null, name: "Dana Shah" });
    const head = await buildUser(e2e.db, { role: "school_leader", schoolId: school.id });
    await e2e.db.insert(schoolCheckins).values({ schoolId: school.id, kind: "ceo_one_to_one", heldOn: "2026-01-05", notes: "Attendance plan reviewed", recordedBy: lead.id });

    const headPage = await e2e.pageAs(head.email);
    await headPage.goto(e2e.url(`/schools/${school.id}`));
    const panel = headPage.locator("section.gv-support");
    await panel.getByText("every 2 weeks").waitFor();
    expect(await panel.innerText()).toContain("twice a year");
    expect(await panel.locator("tr[data-kind=ceo_one_to_one]").innerText()).toContain("Overdue");
    expect(await panel.getByRole("button", { name: "Record a check-in" }).count()).toBe(0);
    await screenshot(headPage, "governance-school-support-overdue");

    const page = await e2e.pageAs(lead.email);
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(e2e.url(`/schools/${school.id}`));
    const leadPanel = page.locator("section.gv-support");
    await leadPanel.getByRole("button", { name: "Record a check-in" }).click();
    await leadPanel.getByLabel("Check-in", { exact: true }).selectOption("ceo_one_to_one");
    await leadPanel.getByLabel("Notes (optional)").fill("Reviewed the attendance actions with the head.");
    await leadPanel.getByRole("button", { name: "Record check-in" }).click();
    await leadPanel.getByText("Reviewed the attendance actions with the head.").waitFor();
    await eventually(async () => expect(await leadPanel.locator("tr[data-kind=ceo_one_to_one]").getAttribute("data-overdue")).toBe("false"));
    await screenshot(page, "governance-school-support");
    expect([...headPage.errors, ...page.errors]).toEqual([]);
  });
});

describe("trust administration", () => {
  it("a trust admin changes a tier's cadence, the school page follows, and the audit log records it, page by page", async () => {
    const admin = await buildUser(e2e.db, { role: "trust_admin", schoolId: null, name: "Priya Admin" });
    const school = await buildSchool(e2e.db, { name: "Hillside School", tier: 4 });
    // More entries than one page holds, so "Load older" has something to load.
    await e2e.db.insert(auditLog).values(Array.from({ length: 60 }, (_, i) => ({ action: "auth.login", actorId: admin.id, details: { email: `old-${i}@example.test` }, address: "203.0.113.7" })));

    const page = await e2e.pageAs(admin.email);
    await page.setViewportSize({ width: 1280, height: 900 });
    page.setDefaultTimeout(10_000);
    await page.goto(e2e.url("/tiers"));
    const tier4 = page.getByRole("form", { name: "Tier 4" });
    await tier4.getByLabel("CEO 1:1 every (weeks)").fill("3");
    await tier4.getByRole("button", { name: "Save tier 4" }).click();
    await tier4.getByText("Tier 4 saved.").waitFor();

    await page.goto(e2e.url(`/schools/${school.id}`));
    await page.locator("section.gv-support").getByText("every 3 weeks").waitFor();

    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Audit" }).click();
    const rows = page.locator("table.gv-audit tbody tr");
    await rows.first().waitFor();
    expect(await rows.first().innerText()).toContain("Tier scheme changed: Tier 4 Stabilise, CEO 1:1 every 3 weeks");
    expect(await rows.count()).toBe(50);
    expect(await rows.filter({ hasText: "Signed in as old-0@example.test" }).count()).toBe(0);
    await page.getByRole("button", { name: "Load older" }).click();
    // The oldest of the sixty comes only with the second page.
    const oldest = rows.filter({ hasText: "Signed in as old-0@example.test" });
    await oldest.waitFor();
    expect(await oldest.innerText()).toContain("203.0.113.7");
    expect(await rows.count()).toBeGreaterThan(60);

    await page.getByLabel("Show").selectOption("tier_scheme.changed");
    await eventually(async () => expect(await rows.count()).toBe(1));
    expect(await rows.first().innerText()).toContain("Priya Admin");
    await screenshot(page, "governance-audit");
    expect(page.errors).toEqual([]);
  });
});
