/** `/reset-password/:token`: the link from the email. Choosing a new password signs this browser in and every other session out. */
import { type ReactNode, useId, useState } from "react";
import { Link, useNavigate, useParams } from "react-router";
import { ApiError, messageOf } from "../api/client.js";
import { useResource } from "../api/useResource.js";
import { ErrorNotice } from "../components/ErrorNotice.js";
import { FormFooter } from "../components/FormFooter.js";
import { Loading } from "../components/Loading.js";
import { usePageTitle } from "../components/usePageTitle.js";
import { checkResetLink, resetPassword } from "../features/notifications/passwordResetApi.js";
import { useSession } from "../session/SessionContext.js";

export function ResetPasswordPage() {
  usePageTitle("Choose a new password");
  const id = useId();
  const { token = "" } = useParams();
  const { refresh } = useSession();
  const navigate = useNavigate();
  const link = useResource((signal) => checkResetLink(token, signal), [token]);
  const [password, setPassword] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit() {
    setBusy(true);
    setError(null);
    try {
      await resetPassword(token, password);
      await refresh();
      navigate("/", { replace: true });
    } catch (err) {
      setError(messageOf(err));
      setBusy(false);
    }
  }

  let body: ReactNode;
  if (link.status === "loading") body = <Loading label="Checking your link" />;
  else if (link.status === "error") {
    body =
      link.error instanceof ApiError && link.error.status === 410 ? (
        <div className="notice notice-error" role="alert">
          <p className="notice-title">This link cannot be used</p>
          <p>It has expired (links work for an hour) or has already been used.</p>
          <p>
            <Link to="/forgot-password">Ask for a new link</Link>
          </p>
        </div>
      ) : (
        <ErrorNotice error={link.error} title="Your link could not be checked" onRetry={link.reload} />
      );
  } else {
    body = (
      <form
        className="form"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <p className="lead">Choose a new password for {link.data.email}. Every other place you are signed in will be signed out.</p>
        <input type="email" autoComplete="username" value={link.data.email} readOnly hidden />
        <div className="field">
          <label htmlFor={`${id}-password`}>New password</label>
          <input id={`${id}-password`} type="password" autoComplete="new-password" required minLength={10} value={password} onChange={(e) => setPassword(e.target.value)} aria-describedby={`${id}-hint`} />
          <p className="hint" id={`${id}-hint`}>
            At least 10 characters; a few unrelated words together work well.
          </p>
        </div>
        <FormFooter error={error} busy={busy} submitLabel="Set the new password" busyLabel="Saving…" />
      </form>
    );
  }

  return (
    <div className="sign-in">
      <section className="card sign-in-card" aria-labelledby={`${id}-heading`}>
        <h1 id={`${id}-heading`}>Choose a new password</h1>
        {body}
      </section>
    </div>
  );
}
