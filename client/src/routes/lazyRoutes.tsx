/**
 * The signed-in pages, each loaded when first opened: sign-in and home carry only their own code,
 * and a phone on a slow connection downloads the dashboard's or the tracker's code only to use it.
 */
import { lazyPage } from "../components/lazyPage.js";

export const SchoolPage = lazyPage(() => import("./SchoolPage.js").then((m) => m.SchoolPage));
// The editor's code (Tiptap, ProseMirror, Yjs) is most of the page's weight: fetch it alongside the page's own code, not after it.
export const DocumentPage = lazyPage(() => {
  void import("../editor/DocumentEditor.js");
  return import("./DocumentPage.js").then((m) => m.DocumentPage);
});
export const PeoplePage = lazyPage(() => import("./PeoplePage.js").then((m) => m.PeoplePage));
export const InvitePage = lazyPage(() => import("./InvitePage.js").then((m) => m.InvitePage));
export const ForgotPasswordPage = lazyPage(() => import("./ForgotPasswordPage.js").then((m) => m.ForgotPasswordPage));
export const ResetPasswordPage = lazyPage(() => import("./ResetPasswordPage.js").then((m) => m.ResetPasswordPage));
export const NotificationSettingsPage = lazyPage(() => import("./NotificationSettingsPage.js").then((m) => m.NotificationSettingsPage));
export const TrustPage = lazyPage(() => import("../features/progress/TrustPage.js").then((m) => m.TrustPage));
export const ActionsPage = lazyPage(() => import("../features/progress/ActionsPage.js").then((m) => m.ActionsPage));
export const CalendarPage = lazyPage(() => import("../features/calendar/CalendarPage.js").then((m) => m.CalendarPage));
export const SearchPage = lazyPage(() => import("../features/search/SearchPage.js").then((m) => m.SearchPage));
