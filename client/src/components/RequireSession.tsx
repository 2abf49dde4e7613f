/** Guards the signed-in pages: while the session loads it waits, and when signed out it sends people to sign-in. */
import type { ReactNode } from "react";
import { Navigate, useLocation } from "react-router";
import { useSession } from "../session/SessionContext.js";
import { ErrorNotice } from "./ErrorNotice.js";
import { Loading } from "./Loading.js";

export function RequireSession({ children }: { children: ReactNode }) {
  const { state, refresh } = useSession();
  const location = useLocation();
  if (state.status === "unknown") return <Loading label="Checking your session" />;
  if (state.status === "failed") return <ErrorNotice error={state.error} title="Trellis could not load" onRetry={() => void refresh()} />;
  if (state.status === "signedOut") {
    // Remember where they were going, so signing in lands them back on the shared link.
    const next = `${location.pathname}${location.search}`;
    return <Navigate to={`/?next=${encodeURIComponent(next)}`} replace />;
  }
  return <>{children}</>;
}
