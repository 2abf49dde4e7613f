/**
 * axe-core over every page, as the head, the governor and the trust lead (and the people and
 * audit pages as the trust admin), failing on any serious or critical violation. axe is injected
 * with page.addScriptTag from node_modules; the context bypasses the app's Content-Security-Policy
 * for that one script, which the app itself never loads.
 */
import { createRequire } from "node:module";
import type { Page } from "playwright-core";
import { afterEach, describe, expect, it } from "vitest";
import { writePlanNodes } from "../../shared/templates/planNodes.js";
import { connectClient, synced, type Client } from "../collab/clients.js";
import { buildDocument, buildSchool, buildUser, TEST_PASSWORD } from "../factories.js";
import { block } from "../progress/seedPlans.js";
import { signIn } from "../support.js";
import { useE2E } from "./support.js";
import { SESSION_COOKIE } from "../../server/auth/sessions.js";

const AXE_PATH = createRequire(import.meta.url).resolve("axe-core/axe.min.js");
const id = () => crypto.randomUUID();

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; failureSummary?: string }[];
}

/** Runs axe on the page as it stands and returns the serious and critical violations, described. */
async function seriousViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: AXE_PATH });
  const violations = (await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document, opts: unknown) => Promise<{ violations: unknown[] }> } }).axe;
    const result = await axe.run(document, { resultTypes: ["violations"] });
    return result.violations;
  })) as Violation[];
  return violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.impact} ${v.id}: ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(" | ")}`);
}

describe("accessibility (axe-core)", () => {
  const e2e = useE2E();
  const clients: Client[] = [];
  afterEach(() => {
    for (const c of clients.splice(0)) c.destroy();
  });

  /** A context signed in as `email` that lets page.addScriptTag past the CSP. */
  async function pageFor(email: string): Promise<Page> {
    const cookie = await signIn(e2e.baseUrl, email, TEST_PASSWORD);
    const context = await e2e.browser.newContext({ baseURL: e2e.baseUrl, bypassCSP: true });
    await context.addCookies([{ name: SESSION_COOKIE, value: cookie.slice(cookie.indexOf("=") + 1), url: e2e.baseUrl, httpOnly: true, sameSite: "Lax" }]);
    return context.newPage();
  }

  it("finds no serious or critical violation on any page, for the head, the governor, the trust lead and the admin", async () => {
    const { db } = e2e;
    const school = await buildSchool(db, { name: "Axe Primary", tier: 2 });
    const head = await buildUser(db, { role: "school_leader", schoolId: school.id, name: "Hana Head" });
    const governor = await buildUser(db, { role: "governor", schoolId: school.id, name: "Gus Governor" });
    const lead = await buildUser(db, { role: "trust_lead", name: "Tess Lead" });
    const admin = await buildUser(db, { role: "trust_admin", name: "Ada Admin" });
    const plan = await buildDocument(db, { schoolId: school.id, title: "Axe Single Plan" });
    const sef = await buildDocument(db, { schoolId: school.id, kind: "sef", title: "Axe SEF" });
    const headCookie = await signIn(e2e.baseUrl, head.email, TEST_PASSWORD);
    for (const [doc, nodes] of [
      [plan.id, [
        block("priority", id(), "Reading", { area: "curriculum_teaching" }),
        block("target", id(), "Phonics screening at 85%", { rag: "amber", baseline: "70", current: "76", goal: "85", owners: [head.id] }),
        block("action", id(), "Phonics training for all staff", { rag: "none", status: "not_started", owners: [head.id] }),
        block("action", id(), ""),
      ]],
      [sef.id, [block("judgement", id(), "Teaching is consistent", { framework: "ofsted-2025", area: "curriculum_teaching", grade: "strong_standard" })]],
    ] as const) {
      const client = connectClient(e2e.baseUrl, doc, headCookie);
      clients.push(client);
      await synced(client);
      writePlanNodes(client.doc.getXmlFragment("default"), [...nodes]);
    }

    const pages: [string, string, string][] = [];
    const everyone = ["/", "/actions?owner=me", `/schools/${school.id}`, `/documents/${plan.id}`, `/documents/${sef.id}`, "/search?q=phonics"];
    for (const path of everyone) for (const [who, email] of [["head", head.email], ["governor", governor.email], ["trust lead", lead.email]] as const) pages.push([who, email, path]);
    pages.push(["head", head.email, `/actions?schoolId=${school.id}`]);
    pages.push(["trust lead", lead.email, "/trust"], ["trust lead", lead.email, "/actions"], ["trust lead", lead.email, "/tiers"]);
    pages.push(["admin", admin.email, "/people"], ["admin", admin.email, "/audit"]);

    const found: string[] = [];
    const byPerson = new Map<string, Page>();
    for (const [who, email, path] of pages) {
      let page = byPerson.get(email);
      if (!page) {
        page = await pageFor(email);
        byPerson.set(email, page);
      }
      await page.goto(e2e.url(path));
      await page.locator("h1").first().waitFor();
      // Wait for the page's data: no loading line left (documents: their blocks have mounted).
      await page.waitForFunction(() => !document.querySelector(".loading, [aria-busy='true']"), null, { timeout: 15_000 }).catch(() => {});
      if (path.startsWith("/documents/")) await page.locator(".pe-block").first().waitFor({ timeout: 15_000 });
      for (const v of await seriousViolations(page)) found.push(`${who} ${path}: ${v}`);
    }
    for (const page of byPerson.values()) await page.context().close();
    expect(found).toEqual([]);
  }, 240_000);
});
