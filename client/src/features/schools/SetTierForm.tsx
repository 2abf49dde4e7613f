/** "Set tier": choose a tier and give a reason; the change goes into the school's tier history. */
import { useId, useState, type FormEvent } from "react";
import { messageOf } from "../../api/client.js";
import type { Tier } from "../../api/types.js";
import { useResource } from "../../api/useResource.js";
import { ResourceView } from "../../components/ResourceView.js";
import { listTiers, setSchoolTier } from "./schoolsApi.js";
import { FormFooter } from "../../components/FormFooter.js";

const MIN_REASON = 3;

export function SetTierForm({
  schoolId,
  currentLevel,
  onDone,
  onCancel,
}: {
  schoolId: string;
  currentLevel: number | null;
  /** Called with the new tier after the server accepted it. */
  onDone: (tier: Tier) => void;
  onCancel: () => void;
}) {
  const tiers = useResource((signal) => listTiers(signal), []);
  return (
    <ResourceView resource={tiers} loadingLabel="Loading the tier scheme" errorTitle="The tier scheme could not be loaded">
      {(rows) => <TierFields schoolId={schoolId} tiers={rows} currentLevel={currentLevel} onDone={onDone} onCancel={onCancel} />}
    </ResourceView>
  );
}

function TierFields({
  schoolId,
  tiers,
  currentLevel,
  onDone,
  onCancel,
}: {
  schoolId: string;
  tiers: Tier[];
  currentLevel: number | null;
  onDone: (tier: Tier) => void;
  onCancel: () => void;
}) {
  const [level, setLevel] = useState<number>(currentLevel ?? tiers[0]?.level ?? 1);
  const [reason, setReason] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const ids = { tier: useId(), reason: useId(), reasonHint: useId(), error: useId() };

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (reason.trim().length < MIN_REASON) {
      setError("Give a reason for the change: it is kept in the school's tier history.");
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await setSchoolTier(schoolId, level, reason.trim());
      onDone(tiers.find((t) => t.level === level)!);
    } catch (err) {
      setError(messageOf(err));
      setBusy(false);
    }
  }

  return (
    <form className="form panel" onSubmit={handleSubmit} aria-label="Set the school's tier" noValidate>
      <div className="field">
        <label htmlFor={ids.tier}>New tier</label>
        <select id={ids.tier} autoFocus value={level} onChange={(e) => setLevel(Number(e.target.value))}>
          {tiers.map((t) => (
            <option key={t.level} value={t.level}>
              Tier {t.level} · {t.name}
              {t.level === currentLevel ? " (current)" : ""}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={ids.reason}>Reason</label>
        <p className="hint" id={ids.reasonHint}>
          Required. Say why, for the record: governors and the Trust Board read this history.
        </p>
        <textarea
          id={ids.reason}
          rows={3}
          required
          minLength={MIN_REASON}
          maxLength={2000}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          aria-describedby={error ? `${ids.reasonHint} ${ids.error}` : ids.reasonHint}
          aria-invalid={error ? true : undefined}
        />
      </div>
      <FormFooter error={error} errorId={ids.error} busy={busy} submitLabel="Save tier" busyLabel="Saving…" onCancel={onCancel} />
    </form>
  );
}
