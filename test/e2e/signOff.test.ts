/**
 * Board sign-off in real browsers: a governor approves from the review panel, seeing first what
 * is still open, and the head's open page shows the plan approved, with the meeting and minute,
 * and a notification under the bell. A request for changes sends it back to the head's draft.
 */
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { commentThreads, comments, documentUpdates } from "../../server/db/schema/index.js";
import { writePlanNodes, type PlanNode } from "../../shared/templates/index.js";
import { buildDocument, buildSchool, buildUser } from "../factories.js";
import { eventually } from "../support.js";
import { screenshot, useE2E } from "./support.js";

const e2e = useE2E();

async function writeNodes(documentId: string, nodes: PlanNode[]) {
  const ydoc = new Y.Doc();
  writePlanNodes(ydoc.getXmlFragment("default"), nodes);
  await e2e.db.insert(documentUpdates).values({ documentId, update: Y.encodeStateAsUpdate(ydoc) });
}

async function openAs(email: string, documentId: string) {
  const page = await e2e.pageAs(email);
  await page.setViewportSize({ width: 1400, height: 1000 });
  page.setDefaultTimeout(10_000);
  await page.goto(e2e.url(`/documents/${documentId}`));
  await page.locator(".pe-connection[data-state=online]").waitFor();
  return page;
}

describe("governing-board sign-off", () => {
  it("a governor approves from the review panel and the head's open page shows the plan approved", async () => {
    const school = await buildSchool(e2e.db, { name: "Oakfield Primary" });
    const head = await buildUser(e2e.db, { role: "school_leader", schoolId: school.id, name: "Asha Patel" });
    const governor = await buildUser(e2e.db, { role: "governor", schoolId: school.id, name: "Gwen Ford" });
    const plan = await buildDocument(e2e.db, { schoolId: school.id, status: "in_review", title: "Single Plan, autumn 2026", createdBy: head.id });
    await writeNodes(plan.id, [{ type: "paragraph", text: "Attendance will reach 95% by July." }]);
    const [thread] = await e2e.db.insert(commentThreads).values({ documentId: plan.id, anchorFrom: "AA==", anchorTo: "AA==", quote: "95%", createdBy: governor.id }).returning();
    await e2e.db.insert(comments).values({ threadId: thread!.id, authorId: governor.id, body: "Is this realistic?" });

    const headPage = await openAs(head.email, plan.id);
    const govPage = await openAs(governor.email, plan.id);
    // The head submits but does not approve: the button is not offered.
    expect(await headPage.locator("section.gv-review").getByRole("button", { name: "Approve…" }).count()).toBe(0);

    await govPage.locator("section.gv-review").getByRole("button", { name: "Approve…" }).click();
    const dialog = govPage.getByRole("dialog", { name: "Approve this document" });
    expect(await dialog.getByTestId("approval-open").innerText()).toContain("1 open comment thread and 0 block warnings");
    expect(await dialog.getByTestId("approval-body").innerText()).toContain("Local Governing Board");
    await dialog.getByLabel("Date of the meeting").fill("2026-11-20");
    await dialog.getByLabel("Minute reference (optional)").fill("LGB 2026/11 item 4");
    await screenshot(govPage, "signoff-approve-dialog");
    await dialog.getByRole("button", { name: "Approve and lock" }).click();

    // The head's open page follows without a reload.
    await headPage.locator("section.gv-review[data-status=approved]").waitFor();
    const record = headPage.getByTestId("approval-record");
    await eventually(async () => {
      const text = await record.innerText();
      expect(text).toContain("Approved by the Local Governing Board on 20 Nov 2026, minute LGB 2026/11 item 4, recorded by Gwen Ford.");
      expect(text).toContain("Approved with 1 open thread and 0 block warnings.");
    });
    await eventually(async () => expect(await headPage.getByTestId("readonly-banner").innerText()).toContain("approved and locked"));
    expect(await headPage.locator(".pe-prose").getAttribute("contenteditable")).toBe("false");
    await eventually(async () => expect(await headPage.getByTestId("notification-count").innerText()).toBe("1"));
    await headPage.getByRole("button", { name: /Notifications/ }).click();
    expect(await headPage.locator(".gv-notification-list").innerText()).toContain("Single Plan, autumn 2026 was approved by the Local Governing Board");
    await screenshot(headPage, "signoff-approved-head");
    expect([...headPage.errors, ...govPage.errors]).toEqual([]);
  });

  it("a governor requests changes with a note; the plan is a draft again on the head's page", async () => {
    const school = await buildSchool(e2e.db);
    const head = await buildUser(e2e.db, { role: "school_leader", schoolId: school.id, name: "Asha Patel" });
    const governor = await buildUser(e2e.db, { role: "governor", schoolId: school.id, name: "Gwen Ford" });
    const plan = await buildDocument(e2e.db, { schoolId: school.id, status: "in_review", title: "ADP 2026/27" });
    await writeNodes(plan.id, [{ type: "paragraph", text: "Our priorities." }]);
    const headPage = await openAs(head.email, plan.id);
    const govPage = await openAs(governor.email, plan.id);

    await govPage.locator("section.gv-review").getByRole("button", { name: "Request changes…" }).click();
    const dialog = govPage.getByRole("dialog", { name: "Request changes" });
    await dialog.getByRole("button", { name: "Send back for changes" }).click();
    expect(await dialog.getByRole("alert").innerText()).toContain("Say what should change");
    await dialog.getByLabel("What should change").fill("Add a target for persistent absence.");
    await dialog.getByRole("button", { name: "Send back for changes" }).click();

    await headPage.locator("section.gv-review[data-status=draft]").waitFor();
    await eventually(async () => expect(await headPage.getByTestId("notification-count").innerText()).toBe("1"));
    await headPage.getByRole("button", { name: /Notifications/ }).click();
    const list = headPage.locator(".gv-notification-list");
    expect(await list.innerText()).toContain("Gwen Ford sent ADP 2026/27 back for changes");
    expect(await list.innerText()).toContain("Add a target for persistent absence.");
    expect([...headPage.errors, ...govPage.errors]).toEqual([]);
  });
});
