/** The foundation client in a real browser: sign-in, home per role, tiers, new documents, invitations. */
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { hashToken, randomToken } from "../../server/auth/tokens.js";
import { documents, invitations, schools, sessions } from "../../server/db/schema/index.js";
import { buildDocument, buildSchool, buildUser, TEST_PASSWORD } from "../factories.js";
import { apiAs, eventually } from "../support.js";
import { screenshot, signInThroughForm, startE2E, useE2E } from "./support.js";

const e2e = useE2E();

describe("signing in", () => {
  it("signs in through the form and shows the person's home", async () => {
    const school = await buildSchool(e2e.db, { name: "Form Test Primary" });
    const head = await buildUser(e2e.db, { role: "school_leader", schoolId: school.id, name: "Hana Head" });
    const page = await e2e.newPage();

    await signInThroughForm(page, e2e.baseUrl, head.email);

    await page.getByRole("heading", { name: "Welcome, Hana Head" }).waitFor();
    expect(await page.getByRole("banner").textContent()).toContain("Hana Head");
    // Keyboard and screen-reader users start at the top of the new page, not on a vanished button.
    await eventually(async () => expect(await page.evaluate(() => document.activeElement?.id)).toBe("main"));
    expect(page.errors).toEqual([]);
  });

  it("shows a readable error for a wrong password and stays on the form", async () => {
    const user = await buildUser(e2e.db, { role: "trustee" });
    const page = await e2e.newPage();
    await page.goto(e2e.url("/"));

    await page.getByLabel("Email").fill(user.email);
    await page.getByLabel("Password").fill("not-the-password");
    await page.getByRole("button", { name: "Sign in" }).click();

    const alert = page.getByRole("alert");
    await alert.waitFor();
    expect(await alert.textContent()).toContain("That email and password do not match an account");
    expect(await page.getByRole("button", { name: "Sign in" }).isEnabled()).toBe(true);
    expect(await page.getByRole("button", { name: "Sign out" }).count()).toBe(0);
    await screenshot(page, "sign-in-error");
  });

  it("tells someone locked out by too many failures how long to wait", async () => {
    const user = await buildUser(e2e.db, { role: "trustee" });
    for (let i = 0; i < 5; i++) {
      const res = await apiAs(e2e.baseUrl)("POST", "/api/auth/login", { email: user.email, password: `wrong-${i}` });
      expect(res.status).toBe(401);
    }
    const page = await e2e.newPage();
    await page.goto(e2e.url("/"));
    await page.getByLabel("Email").fill(user.email);
    await page.getByLabel("Password").fill(TEST_PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();

    const alert = page.getByRole("alert");
    await alert.waitFor();
    expect(await alert.textContent()).toMatch(/Too many sign-in attempts\. Try again in 15 minutes\. You can try again after \d{2}:\d{2}\./);
  });

  it("sends a signed-out visitor of a shared link to sign in, then back to that link", async () => {
    const school = await buildSchool(e2e.db, { name: "Deep Link Academy" });
    const head = await buildUser(e2e.db, { role: "school_leader", schoolId: school.id });
    const page = await e2e.newPage();

    await page.goto(e2e.url(`/schools/${school.id}`));
    await page.getByRole("heading", { name: "Sign in to Trellis" }).waitFor();
    await page.getByLabel("Email").fill(head.email);
    await page.getByLabel("Password").fill(TEST_PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();

    await page.getByRole("heading", { level: 1, name: "Deep Link Academy" }).waitFor();
    expect(new URL(page.url()).pathname).toBe(`/schools/${school.id}`);
  });
});

describe("session ending", () => {
  it("sends someone whose session ends mid-use back to sign-in, then returns them to where they were going", async () => {
    const school = await buildSchool(e2e.db, { name: "Session End School" });
    const head = await buildUser(e2e.db, { role: "school_leader", schoolId: school.id });
    const page = await e2e.pageAs(head.email);
    await page.goto(e2e.url("/"));
    await page.getByRole("heading", { name: "Your school" }).waitFor();

    // Revoke the session on the server, as an expiry or an admin would.
    await e2e.db.delete(sessions).where(eq(sessions.userId, head.id));
    await page.getByRole("link", { name: "Session End School" }).first().click();

    await page.getByText("Your session has ended. Sign in again to carry on where you were.").waitFor();
    expect(new URL(page.url()).searchParams.get("next")).toBe(`/schools/${school.id}`);
    await page.getByLabel("Email").fill(head.email);
    await page.getByLabel("Password").fill(TEST_PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("heading", { level: 1, name: "Session End School" }).waitFor();
  });
});

describe("home", () => {
  it("shows the head of one school exactly that school, and a trust lead every school", async () => {
    const oak = await buildSchool(e2e.db, { name: "Oakfield Primary", tier: 1 });
    const river = await buildSchool(e2e.db, { name: "Riverside Academy", phase: "secondary", tier: 3 });
    await buildDocument(e2e.db, { schoolId: oak.id, title: "Oakfield Single Plan, Autumn 2026/27" });
    await buildDocument(e2e.db, { schoolId: river.id, kind: "sef", title: "Riverside SEF 2026/27" });
    const head = await buildUser(e2e.db, { role: "school_leader", schoolId: oak.id });
    const ceo = await buildUser(e2e.db, { role: "trust_lead", name: "Casey CEO" });

    const headPage = await e2e.pageAs(head.email);
    await headPage.goto(e2e.url("/"));
    await headPage.getByRole("heading", { name: "Your school" }).waitFor();
    const headRows = headPage.getByRole("table", { name: /Schools you can see/ }).locator("tbody tr");
    expect(await headRows.count()).toBe(1);
    expect(await headRows.first().textContent()).toContain("Oakfield Primary");
    expect(await headRows.first().textContent()).toContain("Tier 1 · Lead");
    await headPage.getByRole("link", { name: "Oakfield Single Plan, Autumn 2026/27" }).waitFor();
    expect(await headPage.getByText("Riverside SEF 2026/27").count()).toBe(0);
    // A head has no trust-wide views and manages nobody, but has their own and their school's actions.
    expect(await headPage.getByRole("navigation", { name: "Main" }).getByRole("link").allTextContents()).toEqual(["Home", "My actions", "School actions"]);

    const ceoPage = await e2e.pageAs(ceo.email);
    await ceoPage.goto(e2e.url("/"));
    await ceoPage.getByRole("heading", { name: "Schools" }).waitFor();
    const allSchools = await e2e.db.select({ name: schools.name }).from(schools);
    const ceoRows = ceoPage.getByRole("table", { name: /Schools you can see/ }).locator("tbody tr");
    await eventually(async () => expect(await ceoRows.count()).toBe(allSchools.length));
    const text = await ceoPage.getByRole("table", { name: /Schools you can see/ }).textContent();
    expect(text).toContain("Riverside Academy");
    expect(text).toContain("Tier 3 · Reinvent");
    await ceoPage.getByRole("link", { name: "Riverside SEF 2026/27" }).waitFor();
    expect(await ceoPage.getByRole("navigation", { name: "Main" }).getByRole("link").allTextContents()).toEqual(["Home", "Trust", "My actions", "Actions"]);
    await screenshot(ceoPage, "home-trust-lead");
    expect([...headPage.errors, ...ceoPage.errors]).toEqual([]);
  });

  it("shows a readable error with a retry when a list fails to load, and loads it on retry", async () => {
    const school = await buildSchool(e2e.db, { name: "Flaky Network Primary" });
    await buildDocument(e2e.db, { schoolId: school.id, title: "Plan behind a flaky network" });
    const head = await buildUser(e2e.db, { role: "school_leader", schoolId: school.id });
    const page = await e2e.pageAs(head.email);
    let failures = 1;
    await page.route("**/api/documents", (route) => (failures-- > 0 ? route.abort("connectionfailed") : route.continue()));

    await page.goto(e2e.url("/"));
    const alert = page.getByRole("alert").filter({ hasText: "Your documents could not be loaded" });
    await alert.waitFor();
    expect(await alert.textContent()).toContain("Trellis could not be reached. Check your connection and try again.");
    await alert.getByRole("button", { name: "Try again" }).click();
    await page.getByRole("link", { name: "Plan behind a flaky network" }).waitFor();
    expect(await page.getByRole("alert").count()).toBe(0);
  });

  it("shows an empty state to someone with no school", async () => {
    const loner = await buildUser(e2e.db, { name: "No Roles" });
    const page = await e2e.pageAs(loner.email);
    await page.goto(e2e.url("/"));
    await page.getByText("No schools to show").waitFor();
    await page.getByText("No documents yet").waitFor();
  });
});

describe("school page", () => {
  it("lets a trust lead set a tier with a reason and shows it in the history", async () => {
    const school = await buildSchool(e2e.db, { name: "Hillside Juniors", tier: 2 });
    const ceo = await buildUser(e2e.db, { role: "trust_lead" });
    const page = await e2e.pageAs(ceo.email);
    await page.goto(e2e.url(`/schools/${school.id}`));
    await page.getByRole("heading", { level: 1, name: "Hillside Juniors" }).waitFor();

    await page.getByRole("button", { name: "Set tier" }).click();
    await page.getByLabel("New tier").selectOption({ label: "Tier 4 · Stabilise" });
    // A tier change without a reason is refused before it reaches the server.
    await page.getByRole("button", { name: "Save tier" }).click();
    await page.getByRole("alert").filter({ hasText: "Give a reason for the change" }).waitFor();
    await page.getByLabel("Reason").fill("Safeguarding concerns after the autumn health check");
    await page.getByRole("button", { name: "Save tier" }).click();

    await page.getByRole("status").filter({ hasText: "Tier set to Tier 4 · Stabilise." }).waitFor();
    const history = page.getByRole("list", { name: "Tier history, newest first" });
    const newest = history.getByRole("listitem").first();
    await eventually(async () => expect(await newest.textContent()).toContain("Safeguarding concerns after the autumn health check"));
    expect(await newest.textContent()).toContain("Tier 4 · Stabilise");
    expect(await newest.textContent()).toContain("Set by you");
    expect(await history.getByRole("listitem").count()).toBe(2);
    expect(await page.getByRole("region", { name: "Support tier" }).textContent()).toContain("CEO 1:1every week");
    await screenshot(page, "school-page");
    expect(page.errors).toEqual([]);
  });

  it("offers no Set tier control to a school leader", async () => {
    const school = await buildSchool(e2e.db);
    const head = await buildUser(e2e.db, { role: "school_leader", schoolId: school.id });
    const page = await e2e.pageAs(head.email);
    await page.goto(e2e.url(`/schools/${school.id}`));
    await page.getByRole("button", { name: "New document" }).waitFor();
    expect(await page.getByRole("button", { name: "Set tier" }).count()).toBe(0);
  });

  it("lets a school leader create a SEF and lands on its page", async () => {
    const school = await buildSchool(e2e.db, { name: "Meadow Lane Primary" });
    const head = await buildUser(e2e.db, { role: "school_leader", schoolId: school.id });
    const page = await e2e.pageAs(head.email);
    await page.goto(e2e.url(`/schools/${school.id}`));
    await page.getByText("No documents yet").waitFor();

    await page.getByRole("button", { name: "New document" }).click();
    await page.getByLabel("Kind of document").selectOption({ label: "Self-Evaluation Form" });
    await page.getByLabel("Ofsted education inspection framework (2019 to 2025)").check();
    expect(await page.getByLabel("Title").inputValue()).toBe("Self-Evaluation Form 2026/27");
    await screenshot(page, "new-document-form");
    await page.getByRole("button", { name: "Create document" }).click();

    await page.getByRole("heading", { level: 1, name: "Self-Evaluation Form 2026/27" }).waitFor();
    const [row] = await e2e.db.select().from(documents).where(eq(documents.schoolId, school.id));
    expect(row).toMatchObject({ kind: "sef", framework: "ofsted-2019", academicYear: "2026/27", createdBy: head.id });
    expect(new URL(page.url()).pathname).toBe(`/documents/${row!.id}`);
    const details = await page.getByRole("region", { name: "About this document" }).textContent();
    expect(details).toContain("Meadow Lane Primary");
    expect(details).toContain("Ofsted education inspection framework (2019 to 2025)");
    expect(details).toContain("Can edit");
    await screenshot(page, "document-page");
    expect(page.errors).toEqual([]);
  });

  it("creates a Single Plan for the chosen term", async () => {
    const school = await buildSchool(e2e.db);
    const head = await buildUser(e2e.db, { role: "improvement_champion", schoolId: school.id });
    const page = await e2e.pageAs(head.email);
    await page.goto(e2e.url(`/schools/${school.id}`));
    await page.getByRole("button", { name: "New document" }).click();
    await page.getByLabel("Term").selectOption({ label: "Spring" });
    await page.getByRole("button", { name: "Create document" }).click();
    await page.getByRole("heading", { level: 1, name: "Single Plan, Spring 2026/27" }).waitFor();
    const [row] = await e2e.db.select().from(documents).where(eq(documents.schoolId, school.id));
    expect(row).toMatchObject({ kind: "single_plan", term: "spring" });
  });
});

describe("document page", () => {
  it("tells a governor the document is read-only", async () => {
    const school = await buildSchool(e2e.db);
    const doc = await buildDocument(e2e.db, { schoolId: school.id, title: "Governor's view plan" });
    const governor = await buildUser(e2e.db, { role: "governor", schoolId: school.id });
    const page = await e2e.pageAs(governor.email);
    await page.goto(e2e.url(`/documents/${doc.id}`));
    await page.getByRole("heading", { level: 1, name: "Governor's view plan" }).waitFor();
    const details = await page.getByRole("region", { name: "About this document" }).textContent();
    expect(details).toContain("Read-only");
    expect(details).toContain("read and comment");
  });

  it("shows a readable error for a document the person may not see, and a 404 page for unknown URLs", async () => {
    const mine = await buildSchool(e2e.db);
    const other = await buildSchool(e2e.db);
    const hidden = await buildDocument(e2e.db, { schoolId: other.id });
    const head = await buildUser(e2e.db, { role: "school_leader", schoolId: mine.id });
    const page = await e2e.pageAs(head.email);

    await page.goto(e2e.url(`/documents/${hidden.id}`));
    await page.getByRole("alert").filter({ hasText: "Document not found" }).waitFor();

    await page.goto(e2e.url("/no/such/page"));
    await page.getByRole("heading", { name: "Page not found" }).waitFor();
  });
});

describe("people", () => {
  it("lets an admin invite a governor whose link sets a password and lands them in their school", async () => {
    const school = await buildSchool(e2e.db, { name: "Brookside Infants" });
    const admin = await buildUser(e2e.db, { role: "trust_admin" });
    const adminPage = await e2e.pageAs(admin.email);
    await adminPage.goto(e2e.url("/"));
    await adminPage.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "People" }).click();
    await adminPage.getByRole("heading", { level: 1, name: "People" }).waitFor();

    const form = adminPage.getByRole("form", { name: "Invite someone" });
    await form.getByLabel("Name").fill("Gwen Governor");
    await form.getByLabel("Email").fill("gwen.governor@example.test");
    await form.getByLabel("Role").selectOption({ label: "Governor" });
    await form.getByLabel("School").selectOption({ label: "Brookside Infants" });
    await form.getByRole("button", { name: "Create invitation" }).click();

    const linkField = adminPage.getByLabel(/Send them this link/);
    await linkField.waitFor();
    const link = await linkField.inputValue();
    await screenshot(adminPage, "people-page");
    expect(link).toMatch(new RegExp(`^${e2e.baseUrl}/invite/[a-z2-7]+$`));
    await eventually(async () =>
      expect(await adminPage.getByRole("table", { name: "Invitations waiting to be accepted" }).textContent()).toContain("Gwen Governor"),
    );

    const invitee = await e2e.newPage();
    await invitee.goto(link);
    await invitee.getByText("You have been invited to Trellis as Governor at Brookside Infants.").waitFor();
    expect(await invitee.getByLabel("Your name").inputValue()).toBe("Gwen Governor");
    await invitee.getByLabel("Choose a password").fill("a long governor password");
    await invitee.getByLabel("Type the password again").fill("a long governor password");
    await screenshot(invitee, "invite-page");
    await invitee.getByRole("button", { name: "Set password and continue" }).click();

    await invitee.getByRole("heading", { name: "Welcome, Gwen Governor" }).waitFor();
    expect(new URL(invitee.url()).pathname).toBe("/");
    const rows = invitee.getByRole("table", { name: /Schools you can see/ }).locator("tbody tr");
    await eventually(async () => expect(await rows.count()).toBe(1));
    expect(await rows.first().textContent()).toContain("Brookside Infants");
    expect(await invitee.getByText("Governor, Brookside Infants.").count()).toBe(1);

    // The link is single-use: opening it again says so plainly.
    const again = await e2e.newPage();
    await again.goto(link);
    await again.getByText("This invitation cannot be used").waitFor();
    expect([...adminPage.errors, ...invitee.errors]).toEqual([]);
  });

  it("lets an admin remove a membership after confirming", async () => {
    const school = await buildSchool(e2e.db, { name: "Removal Test School" });
    const admin = await buildUser(e2e.db, { role: "trust_admin" });
    await buildUser(e2e.db, { role: "viewer", schoolId: school.id, name: "Vic Viewer" });
    const page = await e2e.pageAs(admin.email);
    await page.goto(e2e.url("/people"));
    await page.getByLabel("Find a person").fill("Vic Viewer");

    await page.getByRole("button", { name: "Remove Viewer, Removal Test School from Vic Viewer" }).click();
    await page.getByRole("button", { name: "Yes, remove" }).click();

    await page.getByRole("status").filter({ hasText: "Removed Viewer, Removal Test School from Vic Viewer." }).waitFor();
    await page.getByText("No roles: cannot see any school").waitFor();

    await page.getByRole("button", { name: "Add role for Vic Viewer" }).click();
    const form = page.getByRole("form", { name: "Add a role for Vic Viewer" });
    await form.getByLabel("Role").selectOption({ label: "Governor" });
    await form.getByLabel("School").selectOption({ label: "Removal Test School" });
    await form.getByRole("button", { name: "Add role" }).click();
    await page.getByRole("status").filter({ hasText: "Vic Viewer is now Governor, Removal Test School." }).waitFor();
    await page.getByRole("row", { name: /Vic Viewer/ }).getByText("Governor · Removal Test School").waitFor();
  });

  it("turns the one-time setup link into the first trust admin, who chooses their own email", async () => {
    // A setup link works only while nobody has an account: this test has an empty server of its own.
    const fresh = await startE2E();
    try {
      // What bootstrap.ts makes on an empty database: a trust_admin invitation with no email.
      const token = randomToken(20);
      await fresh.server.deps.db.insert(invitations).values({ tokenHash: hashToken(token), role: "trust_admin", expiresAt: new Date(Date.now() + 60_000) });
      const context = await fresh.browser.newContext();
      const page = await context.newPage();
      await page.goto(`${fresh.server.url}/invite/${token}`);
      await page.getByRole("heading", { name: "Set up Trellis" }).waitFor();

      await page.getByLabel("Your email").fill("first.admin@example.test");
      await page.getByLabel("Your name").fill("Fran First");
      await page.getByLabel("Choose a password").fill("marigold tandem orchard 1987");
      await page.getByLabel("Type the password again").fill("marigold tandem orchard 1987");
      await page.getByRole("button", { name: "Create the admin account" }).click();

      await page.getByRole("heading", { name: "Welcome, Fran First" }).waitFor();
      await page.getByText("Trust admin for the trust.").waitFor();
      await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "People" }).waitFor();
    } finally {
      await fresh.close();
    }
  }, 60_000);

  it("refuses mismatched passwords on an invitation before sending them", async () => {
    const school = await buildSchool(e2e.db);
    const token = randomToken(20);
    await e2e.db.insert(invitations).values({
      tokenHash: hashToken(token), email: "mismatch@example.test", name: "Mo Mismatch", role: "viewer", schoolId: school.id,
      expiresAt: new Date(Date.now() + 60_000),
    });
    const page = await e2e.newPage();
    await page.goto(e2e.url(`/invite/${token}`));
    await page.getByLabel("Choose a password").fill("one long password");
    await page.getByLabel("Type the password again").fill("another long password");
    await page.getByRole("button", { name: "Set password and continue" }).click();
    await page.getByRole("alert").filter({ hasText: "The two passwords do not match." }).waitFor();
    const [row] = await e2e.db.select().from(invitations).where(eq(invitations.tokenHash, hashToken(token)));
    expect(row!.acceptedAt).toBeNull();
  });
});
