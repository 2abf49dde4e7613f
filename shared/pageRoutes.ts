/**
 * The client pages opened most often from a link, whose code and first data are fetched with the
 * page itself rather than after the app's code has started: the client's preloadPageFor and the
 * server's page HTML (modulepreload links, data written into the page) both read this table.
 */
export const PRELOADED_PAGES = {
  document: { path: /^\/documents\/([^/]+)\/?$/, module: "src/routes/DocumentPage.tsx" },
  trust: { path: /^\/trust\/?$/, module: "src/features/progress/TrustPage.tsx" },
  school: { path: /^\/schools\/[^/]+\/?$/, module: "src/routes/SchoolPage.tsx" },
  actions: { path: /^\/actions\/?$/, module: "src/features/progress/ActionsPage.tsx" },
} as const;

export type PreloadedPage = keyof typeof PRELOADED_PAGES;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Which preloaded page `pathname` opens, with the document id for a document. */
export function preloadedPageAt(pathname: string): { page: PreloadedPage; documentId?: string } | null {
  for (const [page, { path }] of Object.entries(PRELOADED_PAGES) as [PreloadedPage, (typeof PRELOADED_PAGES)[PreloadedPage]][]) {
    const match = path.exec(pathname);
    if (!match) continue;
    // Only an id shaped like one is asked for; any other is left to the page's own "not found".
    const id = page === "document" ? match[1]! : "";
    return UUID.test(id) ? { page, documentId: id } : { page };
  }
  return null;
}

/** The id of the JSON script in a page's HTML holding the API answers it starts with. */
export const BOOT_DATA_ID = "boot-data";

/** One API answer written into the page: its status and body, as the client would have fetched it. */
export interface BootAnswer {
  status: number;
  body: unknown;
}

/** The keys under which boot answers are stored: the session, and a document's details and text. */
export const bootKeys = {
  me: "me",
  document: (id: string) => `document:${id}`,
  preview: (id: string) => `preview:${id}`,
};
