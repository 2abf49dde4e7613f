/** Importing a Word plan in a real browser: choose the file, read the preview and its warnings, confirm. */
import { describe, expect, it } from "vitest";
import { buildSchool, buildUser } from "../factories.js";
import { schoolPlanDocx } from "../import/schoolPlanDocx.js";
import { eventually } from "../support.js";
import { useE2E } from "./support.js";

const e2e = useE2E();
const DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

describe("importing a Word plan", () => {
  it("previews the blocks with warnings beside them, then creates the document on confirm", async () => {
    const school = await buildSchool(e2e.db, { name: "Import Test Primary" });
    const head = await buildUser(e2e.db, { role: "school_leader", schoolId: school.id, name: "Jo Patel" });
    const page = await e2e.pageAs(head.email);
    await page.goto(e2e.url(`/schools/${school.id}`));

    await page.getByRole("button", { name: "Import from Word" }).click();
    const form = page.getByRole("form", { name: "Import a Word plan for Import Test Primary" });
    // The file picker has focus first; everything that follows is reachable by keyboard.
    expect(await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.type)).toBe("file");
    await form.getByLabel("Word plan (.docx)").setInputFiles({ name: "Oakfield ADP.docx", mimeType: DOCX_TYPE, buffer: await schoolPlanDocx({ name: "Jo Patel", initials: "JP" }) });
    await form.getByLabel("Title").fill("ADP 2026/27 from Word");
    await form.getByLabel("Title").press("Enter");

    const preview = page.getByRole("list", { name: "Blocks as they will appear" });
    await preview.waitFor();
    const rows = preview.locator(":scope > li");
    expect(await rows.count()).toBe(12);
    const training = rows.filter({ hasText: "Train all staff in the new phonics scheme" });
    expect(await training.textContent()).toContain("Jo Patel");
    expect(await training.textContent()).toContain("18 Dec 2026");
    expect(await training.locator("[data-rag]").getAttribute("data-rag")).toBe("green");
    // The unmatched lead's warning sits beside its action, not elsewhere.
    const ambassadors = rows.filter({ hasText: "Reading ambassadors in every class" });
    const aside = ambassadors.getByRole("complementary");
    expect(await aside.textContent()).toMatch(/the lead "Mrs Okafor" is not one of the school's people/);
    expect(await rows.filter({ hasText: "Termly awards assembly" }).getByRole("complementary").textContent()).toMatch(/"ongoing" is not a date/);
    expect(await page.getByText("About the whole file").count()).toBe(1);
    // Nothing was created by the preview.
    expect(await page.getByRole("link", { name: "ADP 2026/27 from Word" }).count()).toBe(0);

    await page.getByRole("button", { name: "Confirm and create document" }).click();
    await page.waitForURL(/\/documents\/[0-9a-f-]{36}$/);
    await page.getByText("Train all staff in the new phonics scheme").first().waitFor();
    expect(page.errors).toEqual([]);
  });

  it("shows a clear error for a file that is not a Word document, and Cancel closes the form", async () => {
    const school = await buildSchool(e2e.db, { name: "Import Error Primary" });
    const head = await buildUser(e2e.db, { role: "school_leader", schoolId: school.id });
    const page = await e2e.pageAs(head.email);
    await page.goto(e2e.url(`/schools/${school.id}`));
    await page.getByRole("button", { name: "Import from Word" }).click();
    await page.getByLabel("Word plan (.docx)").setInputFiles({ name: "plan.docx", mimeType: DOCX_TYPE, buffer: Buffer.from("Action,Lead\nRead more,JP\n") });
    await page.getByRole("button", { name: "Preview import" }).click();
    const alert = page.getByRole("alert");
    await alert.waitFor();
    expect(await alert.textContent()).toContain("This file is not a Word document (.docx).");
    await page.getByRole("button", { name: "Cancel" }).click();
    await page.getByRole("button", { name: "Import from Word" }).waitFor();
    // Focus returns to the button once the form has gone, which may be a frame after the button is back.
    await eventually(async () => expect(await page.evaluate(() => document.activeElement?.textContent)).toBe("Import from Word"));
  });
});
