/** A school's support tier as words ("Tier 3 · Reinvent"); the colour only repeats what the text says. */
import type { Tier } from "../api/types.js";

export function TierBadge({ tier }: { tier: Pick<Tier, "level" | "name"> | null }) {
  if (!tier) return <span className="badge badge-muted">No tier set</span>;
  return (
    <span className={`badge tier tier-${Math.min(tier.level, 4)}`}>
      Tier {tier.level} · {tier.name}
    </span>
  );
}
