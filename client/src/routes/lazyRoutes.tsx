/**
 * The signed-in pages, each loaded when first opened: sign-in and home carry only their own code,
 * and a phone on a slow connection downloads the dashboard's or the tracker's code only to use it.
 */
import { fetchEarly } from "../api/earlyFetch.js";
import { type LazyPage, lazyPage } from "../components/lazyPage.js";
import { bootKeys, type PreloadedPage, preloadedPageAt } from "../../../shared/pageRoutes.js";
import { getDocumentPreview } from "../editor/preview/previewApi.js";
import { getDocument } from "../features/documents/documentsApi.js";

export const SchoolPage = lazyPage(() => import("./SchoolPage.js").then((m) => m.SchoolPage));
// The editor's code (Tiptap, ProseMirror, Yjs) is most of the page's weight: the page paints a
// reading preview first and fetches the editor after it (editor/preview/DocumentText.tsx).
export const DocumentPage = lazyPage(() => import("./DocumentPage.js").then((m) => m.DocumentPage));
export const PeoplePage = lazyPage(() => import("./PeoplePage.js").then((m) => m.PeoplePage));
export const InvitePage = lazyPage(() => import("./InvitePage.js").then((m) => m.InvitePage));
export const ForgotPasswordPage = lazyPage(() => import("./ForgotPasswordPage.js").then((m) => m.ForgotPasswordPage));
export const ResetPasswordPage = lazyPage(() => import("./ResetPasswordPage.js").then((m) => m.ResetPasswordPage));
export const NotificationSettingsPage = lazyPage(() => import("./NotificationSettingsPage.js").then((m) => m.NotificationSettingsPage));
export const TrustPage = lazyPage(() => import("../features/progress/TrustPage.js").then((m) => m.TrustPage));
export const ActionsPage = lazyPage(() => import("../features/progress/ActionsPage.js").then((m) => m.ActionsPage));
export const CalendarPage = lazyPage(() => import("../features/calendar/CalendarPage.js").then((m) => m.CalendarPage));
export const SearchPage = lazyPage(() => import("../features/search/SearchPage.js").then((m) => m.SearchPage));

/**
 * Starts loading the code of the page at `pathname` at start-up, alongside the session check,
 * instead of after it: the pages most opened from a link (a document, the trust dashboard). A
 * document's details and text are asked for too (DocumentPage takes them), unless the page's
 * HTML already holds them. Resolves when the page's code is here.
 */
export function preloadPageFor(pathname: string): Promise<void> | null {
  const opened = preloadedPageAt(pathname);
  if (!opened) return null;
  const code = PAGES[opened.page].preload();
  const id = opened.documentId;
  if (id) {
    fetchEarly(bootKeys.document(id), () => getDocument(id));
    fetchEarly(bootKeys.preview(id), () => getDocumentPreview(id));
  }
  return code;
}

const PAGES: Record<PreloadedPage, LazyPage> = { document: DocumentPage, trust: TrustPage, school: SchoolPage, actions: ActionsPage };
