/** `/invite/:token`: someone opens the link an admin passed on, sets a password and lands signed in at home. */
import type { ReactNode } from "react";
import { Link, useNavigate, useParams } from "react-router";
import { ApiError } from "../api/client.js";
import { useResource } from "../api/useResource.js";
import { ErrorNotice } from "../components/ErrorNotice.js";
import { Loading } from "../components/Loading.js";
import { usePageTitle } from "../components/usePageTitle.js";
import { AcceptInvitationForm } from "../features/auth/AcceptInvitationForm.js";
import { fetchInvitation } from "../features/auth/authApi.js";
import { useSession } from "../session/SessionContext.js";

export function InvitePage() {
  usePageTitle("Accept your invitation");
  const { token = "" } = useParams();
  const { refresh } = useSession();
  const navigate = useNavigate();
  const invitation = useResource((signal) => fetchInvitation(token, signal), [token]);

  let body: ReactNode;
  if (invitation.status === "loading") body = <Loading label="Checking your invitation" />;
  else if (invitation.status === "error") {
    const gone = invitation.error instanceof ApiError && invitation.error.status === 410;
    body = gone ? (
      <div className="notice notice-error" role="alert">
        <p className="notice-title">This invitation cannot be used</p>
        <p>It has expired or has already been used. Ask your trust admin for a new link, or sign in if you already have an account.</p>
        <p>
          <Link to="/">Go to sign in</Link>
        </p>
      </div>
    ) : (
      <ErrorNotice error={invitation.error} title="Your invitation could not be checked" onRetry={invitation.reload} />
    );
  } else {
    const invite = invitation.data.invitation;
    body = (
      <>
        <p className="lead">
          {invite.needsEmail
            ? "This one-time link sets up the first trust admin account. Use your own email."
            : `You have been invited to Trellis as ${invite.roleLabel}${invite.schoolName ? ` at ${invite.schoolName}` : " for the trust"}.`}
        </p>
        <AcceptInvitationForm
          token={token}
          invitation={invite}
          onAccepted={async () => {
            await refresh();
            navigate("/", { replace: true });
          }}
        />
      </>
    );
  }

  return (
    <div className="sign-in">
      <section className="card sign-in-card" aria-labelledby="invite-heading">
        <h1 id="invite-heading">{invitation.status === "ready" && invitation.data.invitation.needsEmail ? "Set up Trellis" : "Welcome to Trellis"}</h1>
        {body}
      </section>
    </div>
  );
}
