/** A readable failure, announced at once, with a retry button when trying again could help. */
import { messageOf } from "../api/client.js";

export function ErrorNotice({ error, title, onRetry }: { error: unknown; title?: string; onRetry?: () => void }) {
  return (
    <div className="notice notice-error" role="alert">
      {title ? <p className="notice-title">{title}</p> : null}
      <p>{messageOf(error)}</p>
      {onRetry ? (
        <button type="button" className="button button-secondary" onClick={onRetry}>
          Try again
        </button>
      ) : null}
    </div>
  );
}
