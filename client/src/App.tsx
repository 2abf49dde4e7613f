/**
 * The router: every URL of the client in one place. Pages live in routes/, one per file.
 * Signed-in pages sit inside <RequireSession>, which sends signed-out people to `/` to sign in.
 */
import type { ReactNode } from "react";
import { createBrowserRouter, createRoutesFromElements, Route, RouterProvider } from "react-router";
import { AppLayout } from "./components/AppLayout.js";
import { RequireSession } from "./components/RequireSession.js";
import { RouteError } from "./components/RouteError.js";
import { AuditPage, FindingsReportPage, TiersPage, VersionPage } from "./features/governance/lazyPages.js";
import { HomeRoute } from "./routes/HomeRoute.js";
import {
  ActionsPage, CalendarPage, DocumentPage, ForgotPasswordPage, InvitePage, NotificationSettingsPage, PeoplePage, ResetPasswordPage, SchoolPage, SearchPage, TrustPage,
} from "./routes/lazyRoutes.js";
import { NotFoundPage } from "./routes/NotFoundPage.js";
import { SessionProvider } from "./session/SessionContext.js";

const signedIn = (page: ReactNode) => <RequireSession>{page}</RequireSession>;

/** Exported for tests and for features that need to navigate outside React. */
export const router = createBrowserRouter(
  createRoutesFromElements(
    <Route element={<AppLayout />} errorElement={<RouteError />}>
      {/* Open to everyone: `/` is sign-in when signed out and home when signed in. */}
      <Route path="/" element={<HomeRoute />} />
      <Route path="/invite/:token" element={<InvitePage />} />
      <Route path="/forgot-password" element={<ForgotPasswordPage />} />
      <Route path="/reset-password/:token" element={<ResetPasswordPage />} />
      <Route path="/settings/notifications" element={signedIn(<NotificationSettingsPage />)} />

      {/* Foundation pages (signed in). */}
      <Route path="/schools/:id" element={signedIn(<SchoolPage />)} />
      <Route path="/documents/:id" element={signedIn(<DocumentPage />)} />
      <Route path="/people" element={signedIn(<PeoplePage />)} />

      {/* Governance (issue 6): versions, findings report, tier scheme, audit log. */}
      <Route path="/documents/:id/versions/:versionId" element={signedIn(<VersionPage />)} />
      <Route path="/documents/:id/report" element={signedIn(<FindingsReportPage />)} />
      <Route path="/tiers" element={signedIn(<TiersPage />)} />
      <Route path="/audit" element={signedIn(<AuditPage />)} />

      {/* Progress (issue 5): trust dashboard and action tracker. */}
      <Route path="/trust" element={signedIn(<TrustPage />)} />
      <Route path="/calendar" element={signedIn(<CalendarPage />)} />
      <Route path="/actions" element={signedIn(<ActionsPage />)} />

      {/* Search (issue 15): the header's box lands here. */}
      <Route path="/search" element={signedIn(<SearchPage />)} />

      <Route path="*" element={<NotFoundPage />} />
    </Route>,
  ),
);

/** The whole client: the session around the router. */
export function App() {
  return (
    <SessionProvider>
      <RouterProvider router={router} />
    </SessionProvider>
  );
}
