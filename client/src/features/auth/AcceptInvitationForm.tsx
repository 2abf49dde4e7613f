/** Accepting an invitation: name and password (and the email, for the first-admin setup link). */
import { useId, useState, type FormEvent } from "react";
import { ApiError, messageOf } from "../../api/client.js";
import type { InvitationPreview } from "../../api/types.js";
import { acceptInvitation, MIN_PASSWORD_LENGTH } from "./authApi.js";

export function AcceptInvitationForm({
  token,
  invitation,
  onAccepted,
}: {
  token: string;
  invitation: InvitationPreview;
  /** Called once the server has made the account and set the session cookie. */
  onAccepted: () => Promise<void> | void;
}) {
  const [email, setEmail] = useState("");
  const [name, setName] = useState(invitation.name ?? "");
  const [password, setPassword] = useState("");
  const [confirm, setConfirm] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ message: string; signInInstead?: boolean } | null>(null);
  const ids = { email: useId(), name: useId(), password: useId(), passwordHint: useId(), confirm: useId() };

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (password.length < MIN_PASSWORD_LENGTH) {
      setError({ message: `Use a password of at least ${MIN_PASSWORD_LENGTH} characters.` });
      return;
    }
    if (password !== confirm) {
      setError({ message: "The two passwords do not match." });
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await acceptInvitation(token, { password, name: name.trim() || undefined, email: invitation.needsEmail ? email.trim() : undefined });
      await onAccepted();
    } catch (err) {
      setError({ message: messageOf(err), signInInstead: err instanceof ApiError && err.code === "account_exists" });
      setBusy(false);
    }
  }

  return (
    <form className="form" onSubmit={handleSubmit}>
      {invitation.needsEmail ? (
        <div className="field">
          <label htmlFor={ids.email}>Your email</label>
          <input id={ids.email} type="email" autoComplete="email" required value={email} onChange={(e) => setEmail(e.target.value)} />
        </div>
      ) : (
        <p className="field-static">
          <span className="field-static-label">Email</span> {invitation.email}
        </p>
      )}
      <div className="field">
        <label htmlFor={ids.name}>Your name</label>
        <input id={ids.name} type="text" autoComplete="name" required maxLength={200} value={name} onChange={(e) => setName(e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor={ids.password}>Choose a password</label>
        <p className="hint" id={ids.passwordHint}>
          At least {MIN_PASSWORD_LENGTH} characters. A short sentence is easy to remember and hard to guess.
        </p>
        <input
          id={ids.password}
          type="password"
          autoComplete="new-password"
          required
          minLength={MIN_PASSWORD_LENGTH}
          aria-describedby={ids.passwordHint}
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
      </div>
      <div className="field">
        <label htmlFor={ids.confirm}>Type the password again</label>
        <input id={ids.confirm} type="password" autoComplete="new-password" required value={confirm} onChange={(e) => setConfirm(e.target.value)} />
      </div>
      {error ? (
        <div className="notice notice-error" role="alert">
          <p>{error.message}</p>
          {error.signInInstead ? (
            <p>
              <a href="/">Go to sign in</a>
            </p>
          ) : null}
        </div>
      ) : null}
      <button type="submit" className="button button-primary button-wide" disabled={busy}>
        {busy ? "Setting up your account…" : invitation.needsEmail ? "Create the admin account" : "Set password and continue"}
      </button>
    </form>
  );
}
