/**
 * The review walk end to end: a head opens the autumn 1 review on the plan's page, writes a
 * commentary for an action with the keyboard, saves and closes it; the block's history on the
 * academy card shows the RAG and the commentary at that review; a governor reads it, read-only.
 */
import { afterEach, describe, expect, it } from "vitest";
import { writePlanNodes } from "../../shared/templates/planNodes.js";
import { connectClient, synced, type Client } from "../collab/clients.js";
import { buildDocument, buildSchool, buildUser, TEST_PASSWORD } from "../factories.js";
import { block } from "../progress/seedPlans.js";
import { eventually, signIn } from "../support.js";
import { screenshot, useE2E } from "./support.js";

describe("review walk", () => {
  const e2e = useE2E();
  const clients: Client[] = [];
  afterEach(() => {
    for (const c of clients.splice(0)) c.destroy();
  });

  it("writes a commentary at a review, closes it, and shows it in the block's history and to a governor", async () => {
    const { db } = e2e;
    const school = await buildSchool(db, { name: "Walk Primary" });
    const head = await buildUser(db, { role: "school_leader", schoolId: school.id, name: "Hana Head" });
    const governor = await buildUser(db, { role: "governor", schoolId: school.id });
    const plan = await buildDocument(db, { schoolId: school.id, title: "Walk Single Plan" });
    const actionId = crypto.randomUUID();
    const targetId = crypto.randomUUID();
    // The head writes the plan through the collab socket; it is extracted before the page looks.
    const cookie = await signIn(e2e.baseUrl, head.email, TEST_PASSWORD);
    const client = connectClient(e2e.baseUrl, plan.id, cookie);
    clients.push(client);
    await synced(client);
    writePlanNodes(client.doc.getXmlFragment("default"), [
      block("target", targetId, "KS2 reading at 80%", { area: "achievement", rag: "amber", baseline: "50", current: "62", goal: "80", owners: [head.id] }),
      block("action", actionId, "Phonics training for all staff", { rag: "red", status: "in_progress", due: "2026-11-30", owners: [head.id] }),
    ]);
    await eventually(async () => {
      const res = await fetch(`${e2e.baseUrl}/api/schools/${school.id}/card`, { headers: { cookie } });
      const card = (await res.json()) as { actions: { total: number } };
      expect(card.actions.total).toBe(1);
    }, { timeout: 10_000 });

    const page = await e2e.pageAs(head.email);
    await page.goto(e2e.url(`/documents/${plan.id}`));
    const walk = page.getByRole("region", { name: "Half-termly reviews" });
    await walk.getByText("No reviews yet").waitFor();
    await walk.getByLabel("Half term").selectOption("autumn-1");
    await walk.getByRole("button", { name: "Open the review" }).click();

    const sheet = walk.getByRole("form", { name: "Autumn 1 review" });
    await sheet.getByText("Phonics training for all staff").waitFor();
    expect(await sheet.getByText("In progress").count()).toBe(1);
    expect(await sheet.getByText("Now 62").count()).toBe(1);
    // Keyboard only: focus the action's commentary, type, and save with the button reached by Tab.
    const commentary = sheet.getByRole("textbox", { name: /Commentary on action/ });
    await commentary.focus();
    await page.keyboard.type("Evidence: learning walks 12 Nov");
    await sheet.getByRole("button", { name: "Save commentary" }).focus();
    await page.keyboard.press("Enter");
    await walk.getByRole("status").filter({ hasText: "Commentary saved for the autumn 1 review." }).waitFor();

    await sheet.getByRole("button", { name: "Close review" }).click();
    await sheet.getByRole("button", { name: "Yes, close the review" }).click();
    await walk.getByRole("status").filter({ hasText: "Autumn 1 review closed" }).waitFor();
    await expect.poll(() => sheet.getByRole("textbox").count()).toBe(0);
    expect(await sheet.getByText("Evidence: learning walks 12 Nov").count()).toBe(1);
    await screenshot(page, "review-walk");

    // The block's history on the academy card: its RAG and the commentary at autumn 1.
    await page.goto(e2e.url(`/schools/${school.id}`));
    await page.getByText(/Each target and action at every review/).click();
    const row = page.locator("tr", { has: page.getByRole("rowheader", { name: /Phonics training for all staff/ }) });
    await row.getByText("Evidence: learning walks 12 Nov").waitFor();
    expect(await row.getByText("Red").count()).toBeGreaterThan(0);

    // A governor reads the closed review as it was, with nothing to write.
    const governorPage = await e2e.pageAs(governor.email);
    await governorPage.goto(e2e.url(`/documents/${plan.id}`));
    const governorWalk = governorPage.getByRole("region", { name: "Half-termly reviews" });
    await governorWalk.getByText("Evidence: learning walks 12 Nov").waitFor();
    expect(await governorWalk.getByRole("textbox").count()).toBe(0);
    expect(await governorWalk.getByRole("button", { name: /Open the review|Save commentary|Close review/ }).count()).toBe(0);
    expect(page.errors).toEqual([]);
    expect(governorPage.errors).toEqual([]);
  }, 120_000);
});
