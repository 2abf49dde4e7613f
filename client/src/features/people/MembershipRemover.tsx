/** "Remove" on one role, with an inline confirm step so a slip of the mouse cannot lock someone out. */
import { useState } from "react";
import { messageOf } from "../../api/client.js";
import type { Membership } from "../../api/types.js";
import { removeMembership } from "./peopleApi.js";

export function MembershipRemover({
  membership,
  personName,
  onRemoved,
}: {
  membership: Membership;
  personName: string;
  onRemoved: (message: string) => void;
}) {
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const what = `${membership.roleLabel}${membership.schoolName ? `, ${membership.schoolName}` : ""}`;

  async function remove() {
    setBusy(true);
    setError(null);
    try {
      await removeMembership(membership.id);
      onRemoved(`Removed ${what} from ${personName}.`);
    } catch (err) {
      setError(messageOf(err));
      setBusy(false);
    }
  }

  if (!confirming) {
    return (
      // The accessible name starts with the visible word (WCAG 2.5.3), so "Remove" spoken by voice control finds it.
      <button type="button" className="button button-quiet button-small" onClick={() => setConfirming(true)}>
        Remove<span className="visually-hidden"> {`${what} from ${personName}`}</span>
      </button>
    );
  }
  return (
    <span className="confirm-inline">
      <span>Remove this role?</span>
      <button type="button" className="button button-danger button-small" onClick={() => void remove()} disabled={busy} autoFocus>
        {busy ? "Removing…" : "Yes, remove"}
      </button>
      <button type="button" className="button button-quiet button-small" onClick={() => setConfirming(false)} disabled={busy}>
        Keep
      </button>
      {error ? (
        <span className="inline-error" role="alert">
          {error}
        </span>
      ) : null}
    </span>
  );
}
