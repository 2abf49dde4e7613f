/** Who is signed in: loads GET /api/me once, and offers sign-in, sign-out and refresh to every page. */
import { createContext, useCallback, useContext, useEffect, useLayoutEffect, useMemo, useState, type ReactNode } from "react";
import { ApiError, onUnauthorized } from "../api/client.js";
import type { Me } from "../api/types.js";
import { fetchMe, login, logout } from "../features/auth/authApi.js";
import { type Settled, takeAnswered } from "../api/earlyFetch.js";
import { bootKeys } from "../../../shared/pageRoutes.js";

/** The session as the client knows it. "unknown" is the first load; "failed" means /api/me could not be reached. */
export type SessionState =
  | { status: "unknown" }
  // `ended`: the session expired or was revoked under the person, rather than them signing out.
  | { status: "signedOut"; ended?: boolean }
  | { status: "signedIn"; me: Me }
  | { status: "failed"; error: unknown };

export interface Session {
  state: SessionState;
  /** The signed-in person, or null. */
  me: Me | null;
  signIn(email: string, password: string): Promise<void>;
  signOut(): Promise<void>;
  /** Reloads /api/me, for example after accepting an invitation set a new session cookie. */
  refresh(): Promise<void>;
}

const SessionContext = createContext<Session | null>(null);

let early: Promise<Me> | null = null;

/** Who is signed in as the page's HTML says (server/http/clientPage.ts), for the first render. */
function sessionOf(answer: Settled<Me> | undefined): SessionState {
  if (!answer) return { status: "unknown" };
  if (answer.ok) return { status: "signedIn", me: answer.data };
  return answer.error instanceof ApiError && answer.error.status === 401 ? { status: "signedOut" } : { status: "failed", error: answer.error };
}
const fromHtml = sessionOf(takeAnswered<Me>(bootKeys.me));

/**
 * Asks the server who is signed in before React first renders (main.tsx calls it), so the
 * answer is on its way while the app's code runs; the provider's first load takes it. The page's
 * HTML usually says already, and then nothing is asked.
 */
export function prefetchSession(): void {
  if (fromHtml.status !== "unknown") return;
  early ??= fetchMe();
  // Handled when the provider reads it; this keeps a 401 from being reported as unhandled meanwhile.
  early.catch(() => {});
}

/** Provides the session to the app; render once, above the router's pages. */
export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<SessionState>(fromHtml);

  const refresh = useCallback(async () => {
    const pending = early;
    early = null;
    try {
      setState({ status: "signedIn", me: await (pending ?? fetchMe()) });
    } catch (error) {
      setState(error instanceof ApiError && error.status === 401 ? { status: "signedOut" } : { status: "failed", error });
    }
  }, []);

  useEffect(() => {
    if (fromHtml.status === "unknown") void refresh();
  }, [refresh]);

  // index.html paints a header of its own before the app's code runs (the first paint on a slow
  // phone); it goes in the same frame as the page drawn once the session is known.
  const known = state.status !== "unknown";
  useLayoutEffect(() => {
    if (known) document.getElementById("boot-header")?.remove();
  }, [known]);

  // Any 401 from any page means the session expired or was revoked: go back to sign-in.
  useEffect(() => onUnauthorized(() => setState((s) => ({ status: "signedOut", ended: s.status === "signedIn" }))), []);

  const signIn = useCallback(
    async (email: string, password: string) => {
      await login(email, password);
      await refresh();
    },
    [refresh],
  );

  const signOut = useCallback(async () => {
    try {
      await logout();
    } finally {
      setState({ status: "signedOut" });
    }
  }, []);

  const value = useMemo<Session>(
    () => ({ state, me: state.status === "signedIn" ? state.me : null, signIn, signOut, refresh }),
    [state, signIn, signOut, refresh],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

/** The current session; throws when used outside SessionProvider, which is a wiring bug. */
export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error("useSession must be used inside <SessionProvider>");
  return session;
}

/** The signed-in person; only for pages behind RequireSession, where there always is one. */
export function useMe(): Me {
  const { me } = useSession();
  if (!me) throw new Error("useMe is only for pages behind <RequireSession>");
  return me;
}
