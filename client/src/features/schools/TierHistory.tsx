/** Every tier the school has held, newest first, with the reason given and when. */
import type { TierHistoryEntry } from "../../api/types.js";
import { EmptyState } from "../../components/EmptyState.js";
import { TierBadge } from "../../components/TierBadge.js";
import { formatDateTime } from "../../components/dates.js";

export function TierHistory({ entries, myId }: { entries: TierHistoryEntry[]; myId: string }) {
  if (!entries.length) return <EmptyState title="No tier history yet" />;
  return (
    <ol className="history" aria-label="Tier history, newest first">
      {entries.map((entry, index) => (
        <li key={entry.id} className="history-item">
          <div className="history-head">
            <TierBadge tier={{ level: entry.tier, name: entry.tierName }} />
            {index === 0 ? <span className="current-marker">Current</span> : null}
            <time dateTime={entry.setAt} className="history-when">
              {formatDateTime(entry.setAt)}
            </time>
          </div>
          <p className="history-reason">{entry.reason}</p>
          {entry.setBy === myId ? (
            <p className="history-by">Set by you</p>
          ) : entry.setByName ? (
            <p className="history-by">Set by {entry.setByName}</p>
          ) : null}
        </li>
      ))}
    </ol>
  );
}
