/** The sign-in page at `/` for people who are signed out. After signing in they go where they were heading. */
import { useNavigate, useSearchParams } from "react-router";
import { usePageTitle } from "../components/usePageTitle.js";
import { SignInForm } from "../features/auth/SignInForm.js";
import { useSession } from "../session/SessionContext.js";

/** Only same-site paths are followed after sign-in, so a crafted ?next= cannot send people elsewhere. */
function safeNext(next: string | null): string {
  return next && next.startsWith("/") && !next.startsWith("//") ? next : "/";
}

export function SignInPage() {
  usePageTitle("Sign in");
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const next = safeNext(params.get("next"));
  const { state } = useSession();
  const ended = state.status === "signedOut" && state.ended;

  return (
    <div className="sign-in">
      <section className="card sign-in-card" aria-labelledby="sign-in-heading">
        <h1 id="sign-in-heading">Sign in to Trellis</h1>
        <p className="lead">Your trust's school-improvement plans, written and delivered together.</p>
        {ended ? (
          <p className="notice notice-info" role="status">
            Your session has ended. Sign in again to carry on where you were.
          </p>
        ) : null}
        <SignInForm onSignedIn={() => navigate(next, { replace: true })} />
        <p className="hint sign-in-footnote">New to Trellis? Your trust admin sends you an invitation link to set your password.</p>
      </section>
    </div>
  );
}
