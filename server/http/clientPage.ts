/**
 * The client's HTML for a page, with what it needs first written in, so a phone on a slow
 * connection waits for one round trip instead of three:
 * - the answers to the page's first API calls (who is signed in; a document's details and text),
 *   read in-process through the API itself, so the same session, policy and presenters decide them;
 * - modulepreload links for the opened page's code, from the build's manifest;
 * - the document's title as the page's title.
 * The result is per person, so it is never stored by a browser or a proxy.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Context, Hono } from "hono";
import { BOOT_DATA_ID, type BootAnswer, bootKeys, PRELOADED_PAGES, preloadedPageAt } from "../../shared/pageRoutes.js";
import { readSessionToken } from "../auth/sessions.js";
import type { AppEnv } from "./context.js";

interface ManifestChunk {
  file: string;
  imports?: string[];
  css?: string[];
  isEntry?: boolean;
}
type Manifest = Record<string, ManifestChunk>;

/** `<`, `>` and `&` as JSON escapes, so no text inside (a title, say) can end the script element. */
const scriptSafe = (json: string) => json.replace(/[<>&\u2028\u2029]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, "0")}`);
const htmlText = (text: string) => text.replace(/[&<>"]/g, (ch) => `&#${ch.charCodeAt(0)};`);

/** Every chunk `key` needs that the entry has not already loaded, in load order. */
function chunksOf(manifest: Manifest, key: string, seen = new Set<string>()): ManifestChunk[] {
  const chunk = manifest[key];
  if (!chunk || seen.has(key) || chunk.isEntry) return [];
  seen.add(key);
  return [...(chunk.imports ?? []).flatMap((k) => chunksOf(manifest, k, seen)), chunk];
}

/** The tags that start fetching `module`'s code and styles with the page's HTML. */
function preloadTags(manifest: Manifest, module: string): string {
  return chunksOf(manifest, module)
    .flatMap((chunk) => [
      `<link rel="modulepreload" crossorigin href="/${chunk.file}">`,
      ...(chunk.css ?? []).map((css) => `<link rel="preload" as="style" crossorigin href="/${css}">`),
    ])
    .join("");
}

export interface ClientPage {
  /** Answers GET of a client route (any path the API and the assets do not claim). */
  handle(c: Context<AppEnv>): Promise<Response>;
}

/** Reads the built client's index.html and manifest once; `app` answers the in-process API calls. */
export function clientPage(clientDir: string, app: Hono<AppEnv>): ClientPage {
  const indexHtml = readFileSync(join(clientDir, "index.html"), "utf8");
  const manifestPath = join(clientDir, ".vite", "manifest.json");
  const manifest: Manifest = existsSync(manifestPath) ? JSON.parse(readFileSync(manifestPath, "utf8")) : {};
  const preloads = Object.fromEntries(Object.entries(PRELOADED_PAGES).map(([page, { module }]) => [page, preloadTags(manifest, module)]));

  return {
    async handle(c) {
      const cookies: string[] = [];
      // The page's own request headers (cookie, forwarded address, agent), so the API sees the same
      // person from the same place; but plain JSON, whole and uncompressed, is asked for.
      const headers = new Headers(c.req.raw.headers);
      for (const name of ["accept-encoding", "if-none-match", "if-modified-since", "range"]) headers.delete(name);
      headers.set("accept", "application/json");
      const ask = async (path: string): Promise<BootAnswer> => {
        const res = await app.request(`/api${path}`, { headers }, c.env);
        cookies.push(...res.headers.getSetCookie());
        return { status: res.status, body: res.headers.get("content-type")?.includes("json") ? await res.json() : null };
      };
      const opened = preloadedPageAt(c.req.path);
      const boot: Record<string, BootAnswer> = {};
      let title: string | null = null;
      // Nobody is asked about without a session cookie: a signed-out visit costs nothing.
      boot[bootKeys.me] = readSessionToken(c.req.header("cookie")) ? await ask("/me") : { status: 401, body: null };
      if (boot[bootKeys.me]!.status === 200 && opened?.documentId) {
        const id = opened.documentId;
        const [detail, preview] = await Promise.all([ask(`/documents/${id}`), ask(`/documents/${id}/preview`)]);
        boot[bootKeys.document(id)] = detail;
        boot[bootKeys.preview(id)] = preview;
        if (detail.status === 200) title = (detail.body as { document: { title: string } }).document.title;
      }
      const head = [
        opened ? preloads[opened.page] : "",
        `<script type="application/json" id="${BOOT_DATA_ID}">${scriptSafe(JSON.stringify(boot))}</script>`,
      ].join("");
      let html = indexHtml.replace("</head>", `${head}</head>`);
      if (title) html = html.replace("<title>Trellis</title>", `<title>${htmlText(title)} · Trellis</title>`);
      for (const cookie of new Set(cookies)) c.header("Set-Cookie", cookie, { append: true });
      c.header("Cache-Control", "private, no-store");
      c.header("Vary", "Cookie");
      return c.html(html);
    },
  };
}
