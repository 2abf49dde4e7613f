/** The school's current tier with what it means and the support it brings. */
import type { Tier } from "../../api/types.js";
import { TierBadge } from "../../components/TierBadge.js";
import { ceoOneToOneWords, healthCheckWords } from "./cadence.js";

export function TierSummary({ tier }: { tier: Tier | null }) {
  if (!tier) {
    return (
      <div className="tier-summary">
        <TierBadge tier={null} />
        <p className="hint">No support tier has been set for this school yet.</p>
      </div>
    );
  }
  return (
    <div className="tier-summary">
      <p className="tier-summary-badge">
        <TierBadge tier={tier} />
      </p>
      {tier.description ? <p>{tier.description}.</p> : null}
      <dl className="facts facts-inline">
        <div>
          <dt>CEO 1:1</dt>
          <dd>{ceoOneToOneWords(tier)}</dd>
        </div>
        <div>
          <dt>Health check</dt>
          <dd>{healthCheckWords(tier)}</dd>
        </div>
      </dl>
    </div>
  );
}
