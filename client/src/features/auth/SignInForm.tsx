/** The sign-in form: email, password, and a readable answer when it fails (wrong password, or too many tries). */
import { useId, useState, type FormEvent } from "react";
import { Link } from "react-router";
import { ApiError, messageOf } from "../../api/client.js";
import { useSession } from "../../session/SessionContext.js";

function waitMessage(error: ApiError): string {
  if (!error.retryAfter) return error.message;
  const until = new Date(Date.now() + error.retryAfter * 1000).toLocaleTimeString("en-GB", { hour: "2-digit", minute: "2-digit" });
  return `${error.message} You can try again after ${until}.`;
}

/** Signs the person in and calls onSignedIn; the session context then knows who they are. */
export function SignInForm({ onSignedIn }: { onSignedIn: () => void }) {
  const { signIn } = useSession();
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const errorId = useId();

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await signIn(email, password);
      onSignedIn();
    } catch (err) {
      setError(err instanceof ApiError && err.status === 429 ? waitMessage(err) : messageOf(err));
      setBusy(false);
    }
  }

  return (
    <form className="form sign-in-form" onSubmit={handleSubmit} aria-describedby={error ? errorId : undefined} noValidate={false}>
      <div className="field">
        <label htmlFor="sign-in-email">Email</label>
        <input
          id="sign-in-email"
          name="email"
          type="email"
          autoComplete="username"
          required
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          aria-invalid={error ? true : undefined}
        />
      </div>
      <div className="field">
        <label htmlFor="sign-in-password">Password</label>
        <input
          id="sign-in-password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          aria-invalid={error ? true : undefined}
        />
      </div>
      <div aria-live="assertive" id={errorId}>
        {error ? (
          <p className="notice notice-error" role="alert">
            {error}
          </p>
        ) : null}
      </div>
      <button type="submit" className="button button-primary button-wide" disabled={busy}>
        {busy ? "Signing in…" : "Sign in"}
      </button>
      <p className="hint">
        <Link to="/forgot-password">Forgotten your password?</Link>
      </p>
    </form>
  );
}
