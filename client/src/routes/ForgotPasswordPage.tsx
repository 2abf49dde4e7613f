/** `/forgot-password`: ask for a reset link by email. The answer is the same for every address, so it says nothing about accounts. */
import { useId, useState } from "react";
import { Link } from "react-router";
import { messageOf } from "../api/client.js";
import { FormFooter } from "../components/FormFooter.js";
import { usePageTitle } from "../components/usePageTitle.js";
import { requestPasswordReset } from "../features/notifications/passwordResetApi.js";

export function ForgotPasswordPage() {
  usePageTitle("Reset your password");
  const id = useId();
  const [email, setEmail] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [sent, setSent] = useState<string | null>(null);

  async function submit() {
    setBusy(true);
    setError(null);
    try {
      setSent((await requestPasswordReset(email.trim())).message);
    } catch (err) {
      setError(messageOf(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="sign-in">
      <section className="card sign-in-card" aria-labelledby={`${id}-heading`}>
        <h1 id={`${id}-heading`}>Reset your password</h1>
        {sent ? (
          <div role="status">
            <p>{sent}</p>
            <p>
              <Link to="/">Back to sign in</Link>
            </p>
          </div>
        ) : (
          <form
            className="form"
            onSubmit={(e) => {
              e.preventDefault();
              void submit();
            }}
          >
            <p className="lead">Give the email address you sign in with, and we will email you a link to choose a new password.</p>
            <div className="field">
              <label htmlFor={`${id}-email`}>Email</label>
              <input id={`${id}-email`} type="email" autoComplete="email" required value={email} onChange={(e) => setEmail(e.target.value)} />
            </div>
            <FormFooter error={error} busy={busy} submitLabel="Email me a link" busyLabel="Sending…" />
            <p>
              <Link to="/">Back to sign in</Link>
            </p>
          </form>
        )}
      </section>
    </div>
  );
}
