/**
 * The editor by keyboard alone in Chromium: the owner picker (a combobox), each block's menu
 * (move, duplicate, delete with Undo), and an action whose status and RAG disagree; and, on a
 * tablet, "Comment" opening its composer beside its words. Each test reaches its first control
 * with focus(), as Tab would, and then uses keys only.
 */
import type { Locator, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { documentUpdates } from "../../server/db/schema/index.js";
import { writePlanNodes, type PlanNode } from "../../shared/templates/index.js";
import { buildDocument, buildSchool, buildUser } from "../factories.js";
import { eventually } from "../support.js";
import { useE2E } from "./support.js";

const e2e = useE2E();

async function setup(nodes: PlanNode[]) {
  const school = await buildSchool(e2e.db, { name: "Elmwood Primary" });
  const asha = await buildUser(e2e.db, { role: "school_leader", schoolId: school.id, name: "Asha Patel" });
  const ben = await buildUser(e2e.db, { role: "school_leader", schoolId: school.id, name: "Ben Carter" });
  const cara = await buildUser(e2e.db, { role: "improvement_champion", schoolId: school.id, name: "Cara Singh" });
  const governor = await buildUser(e2e.db, { role: "governor", schoolId: school.id, name: "Gwen Ford" });
  const plan = await buildDocument(e2e.db, { schoolId: school.id });
  const ydoc = new Y.Doc();
  writePlanNodes(ydoc.getXmlFragment("default"), nodes);
  await e2e.db.insert(documentUpdates).values({ documentId: plan.id, update: Y.encodeStateAsUpdate(ydoc) });
  return { asha, ben, cara, governor, plan };
}

async function openAs(email: string, documentId: string) {
  const page = await e2e.pageAs(email);
  await page.goto(e2e.url(`/documents/${documentId}`));
  await page.locator(".pe-connection[data-state=online]").waitFor();
  return page;
}
const saved = (page: Page) => page.locator(".pe-connection[data-saved=true]").waitFor();
const focused = (page: Page) => page.evaluate(() => ({ text: document.activeElement?.textContent ?? "", role: document.activeElement?.getAttribute("role") ?? null }));
const actionTexts = (page: Page) => page.locator("[data-block=action] .pe-block-text").allInnerTexts();
const menuButton = (block: Locator) => block.getByRole("button", { name: /^Options for this/ });

describe("owner picker", () => {
  it("moves through people with the arrow keys without adding anyone, adds the active one on Enter, and closes on Escape", async () => {
    const { asha, plan } = await setup([{ type: "action", text: "Weekly attendance panel" }]);
    const page = await openAs(asha.email, plan.id);
    const action = page.locator("[data-block=action]");
    const box = action.getByRole("combobox", { name: "Add an owner" });
    await box.focus();

    await page.keyboard.press("ArrowDown");
    expect(await box.getAttribute("aria-expanded")).toBe("true");
    const options = action.getByRole("listbox", { name: "People at the school" }).getByRole("option");
    expect(await options.count()).toBe(4);
    const activeName = async () => {
      const id = await box.getAttribute("aria-activedescendant");
      expect(id).toBeTruthy();
      return (await page.locator(`[id="${id}"]`).innerText()).replace(/ \(.*\)$/, "");
    };
    const first = await activeName();
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("ArrowDown");
    const third = await activeName();
    expect(third).not.toBe(first);
    expect(await options.nth(2).getAttribute("aria-selected")).toBe("true");
    // Arrowing is only looking: nobody is an owner yet, and focus never left the input.
    expect(await action.locator(".pe-owner").count()).toBe(0);
    expect((await focused(page)).role).toBe("combobox");

    await page.keyboard.press("Enter");
    await action.locator(".pe-owner", { hasText: third }).waitFor();
    expect(await action.locator(".pe-owner").count()).toBe(1);
    expect(await box.getAttribute("aria-expanded")).toBe("false");
    // The one just added is no longer offered.
    await page.keyboard.press("ArrowDown");
    expect(await options.count()).toBe(3);
    expect(await options.allInnerTexts()).not.toContain(third);

    // Typing filters; Escape closes without adding; Enter with nothing active adds nobody.
    await page.keyboard.type("gwen");
    expect(await options.count()).toBe(1);
    await page.keyboard.press("Escape");
    expect(await box.getAttribute("aria-expanded")).toBe("false");
    await page.keyboard.press("Escape");
    expect(await box.inputValue()).toBe("");
    await page.keyboard.press("Enter");
    expect(await action.locator(".pe-owner").count()).toBe(1);
    // Enter in the picker did not leave the block for a new paragraph.
    expect(await page.locator(".pe-prose > p").count()).toBe(0);

    await saved(page);
    await page.reload();
    await page.locator("[data-block=action] .pe-owner", { hasText: third }).waitFor();
    expect(page.errors).toEqual([]);
  });
});

describe("block menu", () => {
  it("moves, duplicates and deletes a block by keyboard, asks before deleting an owned block, and Undo restores it", async () => {
    const { asha, ben, plan } = await setup([
      { type: "target", text: "Persistent absence below 15%" },
      { type: "action", text: "First action" },
      { type: "action", text: "Second action" },
    ]);
    const page = await openAs(asha.email, plan.id);
    const second = page.locator("[data-block=action]", { hasText: "Second action" });
    const secondId = await second.getAttribute("data-block-id");

    // Move up: Enter opens the menu on its first item.
    const button = menuButton(second);
    expect(await button.getAttribute("aria-haspopup")).toBe("menu");
    await button.focus();
    await page.keyboard.press("Enter");
    await second.getByRole("menu").waitFor();
    expect(await focused(page)).toEqual({ text: "Move up", role: "menuitem" });
    await page.keyboard.press("Enter");
    await eventually(async () => expect(await actionTexts(page)).toEqual(["Second action", "First action"]));
    expect(await page.locator("[data-block=action]").first().getAttribute("data-block-id")).toBe(secondId);
    // Focus follows the moved block's button, so the next press carries on from there.
    await eventually(async () => expect(await page.evaluate(() => document.activeElement?.closest("[data-block-id]")?.getAttribute("data-block-id"))).toBe(secondId));

    // Escape closes the menu and returns focus to its button.
    await page.keyboard.press("ArrowDown");
    await page.getByRole("menu").waitFor();
    await page.keyboard.press("Escape");
    expect(await page.getByRole("menu").count()).toBe(0);
    expect((await focused(page)).text).toBe("Options");

    // Duplicate: arrows move through the items (roving focus).
    await page.keyboard.press("Enter");
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("ArrowDown");
    expect((await focused(page)).text).toBe("Duplicate");
    await page.keyboard.press("Enter");
    await eventually(async () => expect(await actionTexts(page)).toEqual(["Second action", "Second action", "First action"]));
    const ids = await page.locator("[data-block=action]").evaluateAll((els) => els.map((e) => e.getAttribute("data-block-id")));
    expect(ids[0]).toBe(secondId);
    expect(ids[1]).toMatch(/^[0-9a-f-]{36}$/);
    expect(new Set(ids).size).toBe(3);

    // An owned block asks first; Keep it keeps it.
    const first = page.locator("[data-block=action]", { hasText: "First action" });
    const firstId = await first.getAttribute("data-block-id");
    await first.getByRole("combobox", { name: "Add an owner" }).focus();
    await page.keyboard.type("Ben");
    await page.keyboard.press("Enter");
    await first.locator(".pe-owner", { hasText: "Ben Carter" }).waitFor();
    await menuButton(first).focus();
    await page.keyboard.press("Enter");
    await page.keyboard.press("End");
    expect((await focused(page)).text).toBe("Delete…");
    await page.keyboard.press("Enter");
    const confirm = first.getByRole("alertdialog");
    await confirm.waitFor();
    expect(await confirm.innerText()).toContain("It has an owner.");
    expect((await focused(page)).text).toBe("Keep it");
    await page.keyboard.press("Enter");
    expect(await confirm.count()).toBe(0);
    expect(await page.locator("[data-block=action]").count()).toBe(3);

    // Delete it, then Undo from the toast, which takes focus.
    await page.keyboard.press("Enter");
    await page.keyboard.press("End");
    await page.keyboard.press("Enter");
    await confirm.waitFor();
    await page.keyboard.press("Shift+Tab");
    expect((await focused(page)).text).toBe("Delete");
    await page.keyboard.press("Enter");
    await eventually(async () => expect(await actionTexts(page)).toEqual(["Second action", "Second action"]));
    await page.getByTestId("undo-delete").waitFor();
    expect((await focused(page)).text).toBe("Undo");
    await page.keyboard.press("Enter");
    await eventually(async () => expect(await actionTexts(page)).toEqual(["Second action", "Second action", "First action"]));
    const restored = page.locator("[data-block=action]", { hasText: "First action" });
    expect(await restored.getAttribute("data-block-id")).toBe(firstId);
    await restored.locator(".pe-owner", { hasText: "Ben Carter" }).waitFor();

    // A block with no owners or date goes at once, still with Undo.
    const copy = page.locator("[data-block=action]").nth(1);
    await menuButton(copy).focus();
    await page.keyboard.press("ArrowUp");
    expect((await focused(page)).text).toBe("Delete");
    await page.keyboard.press("Enter");
    await eventually(async () => expect(await actionTexts(page)).toEqual(["Second action", "First action"]));
    await page.getByTestId("undo-delete").waitFor();
    await page.keyboard.press("Escape");
    expect(await page.getByTestId("undo-delete").count()).toBe(0);

    // Another editor sees the result.
    await saved(page);
    const other = await openAs(ben.email, plan.id);
    await eventually(async () => expect(await actionTexts(other)).toEqual(["Second action", "First action"]));
    expect([...page.errors, ...other.errors]).toEqual([]);
  });

  it("is not there for a reader", async () => {
    const { governor, plan } = await setup([{ type: "action", text: "Only action" }]);
    const page = await openAs(governor.email, plan.id);
    await page.locator("[data-block=action]", { hasText: "Only action" }).waitFor();
    expect(await page.getByRole("button", { name: /^Options for this/ }).count()).toBe(0);
    expect(await page.locator(".pe-block-menu").count()).toBe(0);
  });
});

describe("status and RAG", () => {
  it("offers blue when an action is marked complete, and warns while a complete action is red", async () => {
    const { asha, plan } = await setup([
      { type: "action", attrs: { rag: "green", status: "in_progress" }, text: "Green action" },
      { type: "action", attrs: { rag: "red", status: "in_progress" }, text: "Red action" },
    ]);
    const page = await openAs(asha.email, plan.id);
    const green = page.locator("[data-block=action]", { hasText: "Green action" });
    const red = page.locator("[data-block=action]", { hasText: "Red action" });
    expect(await page.locator("[data-mismatch]").count()).toBe(0);

    await green.getByLabel("Status").focus();
    await green.getByLabel("Status").selectOption("complete");
    const prompt = green.locator("[data-mismatch=complete_not_blue]");
    await prompt.waitFor();
    expect(await prompt.innerText()).toContain("Marked complete; the RAG is green.");
    await prompt.getByRole("button", { name: "Set RAG to blue (complete)" }).focus();
    await page.keyboard.press("Enter");
    await green.locator(".pe-rag[data-rag=blue]").waitFor();
    expect(await green.locator("[data-mismatch]").count()).toBe(0);
    expect(await green.getByLabel("RAG").inputValue()).toBe("blue");

    await red.getByLabel("Status").selectOption("complete");
    const warning = red.locator("[data-mismatch=complete_but_red]");
    await warning.waitFor();
    expect(await warning.innerText()).toContain("Warning: Marked complete, but the RAG is still red.");
    expect(await warning.isVisible()).toBe(true);
    // Left as it is, the warning stays: the contradiction is never silent.
    await saved(page);
    await page.reload();
    await page.locator("[data-block=action] [data-mismatch=complete_but_red]").waitFor();
    expect(page.errors).toEqual([]);
  });
});

describe("commenting on a tablet", () => {
  it("opens the composer just below the words, in view, not at the foot of the page", async () => {
    const nodes: PlanNode[] = [{ type: "paragraph", text: "Our attendance plan." }];
    for (let i = 1; i <= 20; i++) nodes.push({ type: "action", attrs: { rag: "amber", status: "in_progress" }, text: `Action number ${i} of the attendance plan` });
    const { governor, plan } = await setup(nodes);
    const page = await e2e.pageAs(governor.email);
    await page.setViewportSize({ width: 820, height: 1180 });
    await page.goto(e2e.url(`/documents/${plan.id}`));
    await page.locator(".pe-connection[data-state=online]").waitFor();

    const third = page.locator("[data-block=action]", { hasText: "Action number 3 of" });
    await third.getByRole("button", { name: "Comment on this action" }).focus();
    await page.keyboard.press("Enter");
    const draft = page.getByTestId("comment-draft");
    await draft.waitFor();
    expect(await draft.locator(".cm-quote").innerText()).toBe("“Action number 3 of the attendance plan”");

    await eventually(async () => {
      const words = (await third.locator(".pe-block-text").boundingBox())!;
      const box = (await draft.boundingBox())!;
      // In the viewport, whole…
      expect(box.y).toBeGreaterThanOrEqual(0);
      expect(box.y + box.height).toBeLessThanOrEqual(1180);
      // …and just under the words it is about, which stay in view too.
      expect(box.y).toBeGreaterThanOrEqual(words.y + words.height - 1);
      expect(box.y - (words.y + words.height)).toBeLessThan(40);
      expect(words.y).toBeGreaterThanOrEqual(0);
    });
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe("TEXTAREA");

    await page.keyboard.type("Who checks these calls happen?");
    await page.keyboard.press("Control+Enter");
    await draft.waitFor({ state: "detached" });
    await page.locator(".cm-card", { hasText: "Who checks these calls happen?" }).waitFor();
    expect(page.errors).toEqual([]);
  });
});
