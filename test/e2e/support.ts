/**
 * End-to-end helpers: a real Trellis server serving the built client, and Debian's Chromium
 * driven by playwright-core. Typical use in a test file:
 *
 *   const e2e = useE2E();                       // starts server + browser in beforeAll, stops them in afterAll
 *   it("...", async () => {
 *     const school = await buildSchool(e2e.db);
 *     const head = await buildUser(e2e.db, { role: "school_leader", schoolId: school.id });
 *     const page = await e2e.pageAs(head.email);  // a fresh context signed in through the API cookie
 *     await page.goto(e2e.url("/"));
 *     await page.getByRole("heading", { name: "Your school" }).waitFor();
 *   });
 *
 * Contexts opened through `e2e.newContext()` / `e2e.pageAs()` are closed after each test, so
 * tests never share cookies. The client must be built first (`npm run build`; `npm test` does it).
 */
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { afterAll, afterEach, beforeAll } from "vitest";
import { SESSION_COOKIE } from "../../server/auth/sessions.js";
import type { Db } from "../../server/db/client.js";
import type { Env } from "../../server/env.js";
import { TEST_PASSWORD } from "../factories.js";
import { signIn, startTestServer } from "../support.js";

/** Where Debian installs Chromium (.ci/run installs it with apt-get when missing). */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/** The built client that the server serves: `vite build` writes it here. */
export const CLIENT_DIR = fileURLToPath(new URL("../../dist/client", import.meta.url));

/** Flags for a quiet, sandbox-free headless Chromium that makes no network calls of its own. */
export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

/** Throws a clear message when the client has not been built, instead of a confusing blank page. */
export function assertClientBuilt(clientDir = CLIENT_DIR): void {
  if (!existsSync(`${clientDir}/index.html`)) {
    throw new Error(`The client is not built: ${clientDir}/index.html is missing. Run npm run build (npm test does it for you).`);
  }
}

/** Launches headless Chromium through playwright-core. */
export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`Chromium is not installed at ${CHROMIUM_PATH}. Install it (apt-get install chromium) or set CHROMIUM_PATH.`);
  }
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
}

/**
 * A browser context carrying a session cookie for `email`, got by signing in over the API
 * (fast; use signInThroughForm when the form itself is under test).
 */
export async function contextSignedInAs(browser: Browser, baseUrl: string, email: string, password = TEST_PASSWORD): Promise<BrowserContext> {
  const cookie = await signIn(baseUrl, email, password);
  const value = cookie.slice(cookie.indexOf("=") + 1);
  const context = await browser.newContext({ baseURL: baseUrl });
  await context.addCookies([{ name: SESSION_COOKIE, value, url: baseUrl, httpOnly: true, sameSite: "Lax" }]);
  return context;
}

/** Signs in through the sign-in form at `/` and waits for the signed-in home. */
export async function signInThroughForm(page: Page, baseUrl: string, email: string, password = TEST_PASSWORD): Promise<void> {
  await page.goto(`${baseUrl}/`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByRole("button", { name: "Sign out" }).waitFor();
}

/**
 * Records uncaught page errors and console errors, so a test can assert the app stayed clean.
 * Expected failures (a 401 on a wrong password) show as failed requests, not console errors
 * from our code, but Chromium logs them too: those "Failed to load resource" lines are left out.
 */
export function collectPageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on("pageerror", (err) => errors.push(`pageerror: ${err.message}`));
  page.on("console", (msg) => {
    if (msg.type() === "error" && !msg.text().startsWith("Failed to load resource")) errors.push(`console: ${msg.text()}`);
  });
  return errors;
}

/** Saves a full-page screenshot to /tmp/trellis-<name>.png and returns the path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  const path = `/tmp/trellis-${name}.png`;
  await page.screenshot({ path, fullPage: true });
  return path;
}

/** A running app for one test file: server, database handle, browser, and per-test contexts. */
export interface E2E {
  /** The server's origin, e.g. http://127.0.0.1:41235. */
  readonly baseUrl: string;
  /** The test database, for factories (buildSchool, buildUser, buildDocument). */
  readonly db: Db;
  readonly browser: Browser;
  /** An absolute URL for a path on the server. */
  url(path: string): string;
  /** A fresh, signed-out browser context (closed after the test). */
  newContext(): Promise<BrowserContext>;
  /** A page in a fresh context signed in as `email` (closed after the test). Page errors are collected in `errors`. */
  pageAs(email: string, password?: string): Promise<Page & { errors: string[] }>;
  /** A signed-out page in a fresh context (closed after the test). */
  newPage(): Promise<Page & { errors: string[] }>;
}

/** Starts the server (serving dist/client) and Chromium; `close()` stops both. */
export async function startE2E(options: { env?: Partial<Env> } = {}) {
  assertClientBuilt();
  const server = await startTestServer({ clientDir: CLIENT_DIR, env: options.env });
  let browser: Browser;
  try {
    browser = await launchBrowser();
  } catch (err) {
    await server.closeAll();
    throw err;
  }
  return {
    server,
    browser,
    async close() {
      await browser.close();
      await server.closeAll();
    },
  };
}

/**
 * Registers beforeAll/afterAll/afterEach hooks for one test file and returns the E2E handle.
 * Its properties are ready inside tests and hooks declared after this call.
 */
export function useE2E(options: { env?: Partial<Env> } = {}): E2E {
  let running: Awaited<ReturnType<typeof startE2E>> | null = null;
  const contexts: BrowserContext[] = [];
  const need = () => {
    if (!running) throw new Error("useE2E: the server is not running yet (use it inside a test or a later hook)");
    return running;
  };

  beforeAll(async () => {
    running = await startE2E(options);
  });
  afterEach(async () => {
    await Promise.all(contexts.splice(0).map((c) => c.close()));
  });
  afterAll(async () => {
    await Promise.all(contexts.splice(0).map((c) => c.close()));
    await running?.close();
    running = null;
  });

  const withErrors = (page: Page) => Object.assign(page, { errors: collectPageErrors(page) });

  const handle: E2E = {
    get baseUrl() {
      return need().server.url;
    },
    get db() {
      return need().server.database.db;
    },
    get browser() {
      return need().browser;
    },
    url: (path) => `${need().server.url}${path}`,
    async newContext() {
      const context = await need().browser.newContext({ baseURL: need().server.url });
      contexts.push(context);
      return context;
    },
    async pageAs(email, password = TEST_PASSWORD) {
      const context = await contextSignedInAs(need().browser, need().server.url, email, password);
      contexts.push(context);
      return withErrors(await context.newPage());
    },
    async newPage() {
      const context = await handle.newContext();
      return withErrors(await context.newPage());
    },
  };
  return handle;
}
