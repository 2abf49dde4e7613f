/** The school's support tier, its history, and (for trust leads and admins) the "Set tier" control. */
import { useRef, useState } from "react";
import type { SchoolDetail } from "../../api/types.js";
import { StatusMessage } from "../../components/StatusMessage.js";
import { SetTierForm } from "./SetTierForm.js";
import { TierHistory } from "./TierHistory.js";
import { TierSummary } from "./TierSummary.js";

export function TierPanel({ detail, myId, onChanged }: { detail: SchoolDetail; myId: string; onChanged: () => void }) {
  const { school, abilities } = detail;
  const [editing, setEditing] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const openButton = useRef<HTMLButtonElement>(null);

  function close() {
    setEditing(false);
    // Give focus back to the button that opened the form, so keyboard users are not dropped at the top.
    requestAnimationFrame(() => openButton.current?.focus());
  }

  return (
    <section className="card" aria-labelledby="tier-heading">
      <div className="card-header">
        <h2 id="tier-heading">Support tier</h2>
        {abilities.setTier && !editing ? (
          <button
            ref={openButton}
            type="button"
            className="button button-secondary"
            onClick={() => {
              setMessage(null);
              setEditing(true);
            }}
          >
            Set tier
          </button>
        ) : null}
      </div>
      <TierSummary tier={school.tier} />
      {editing ? (
        <SetTierForm
          schoolId={school.id}
          currentLevel={school.tier?.level ?? null}
          onCancel={close}
          onDone={(tier) => {
            setMessage(`Tier set to Tier ${tier.level} · ${tier.name}.`);
            close();
            onChanged();
          }}
        />
      ) : null}
      <StatusMessage message={message} />
      <h3 className="subheading">Tier history</h3>
      <TierHistory entries={school.tierHistory} myId={myId} />
    </section>
  );
}
