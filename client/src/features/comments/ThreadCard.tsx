/** One comment thread: its entries with author and time, replies, resolve and reopen. */
import { forwardRef, useState } from "react";
import { messageOf } from "../../api/client.js";
import { formatDateTime } from "../../components/dates.js";
import type { AnchorPlace } from "./anchors.js";
import type { CommentThread } from "./commentsApi.js";
import { useComments } from "./CommentsContext.js";
import { Composer } from "./Composer.js";

/** "14:05" today, "22 Nov 2026, 14:05" otherwise: comments are mostly read the day they are written. */
function when(iso: string): string {
  const date = new Date(iso);
  const today = new Date();
  if (date.toDateString() === today.toDateString()) return `Today, ${date.toLocaleTimeString("en-GB", { hour: "2-digit", minute: "2-digit" })}`;
  return formatDateTime(iso);
}

const truncate = (text: string, max = 140) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/** A thread's card, `id="thread-<id>"` so links can open it. */
export const ThreadCard = forwardRef<
  HTMLElement,
  {
    thread: CommentThread;
    place: AnchorPlace | undefined;
    active: boolean;
    onActivate(): void;
    onClose?(): void;
    /** In the resolved list the quote is shown, since the card no longer sits beside its words. */
    showQuote?: boolean;
  }
>(function ThreadCard({ thread, place, active, onActivate, onClose, showQuote }, ref) {
  const comments = useComments()!;
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [confirmDelete, setConfirmDelete] = useState<string | null>(null);
  const removed = place?.removed === true;
  const first = thread.comments[0];

  async function run(task: () => Promise<void>) {
    setBusy(true);
    setError(null);
    try {
      await task();
    } catch (err) {
      setError(messageOf(err));
    } finally {
      setBusy(false);
    }
  }

  const classes = ["cm-card", active ? "is-active" : "", thread.resolved ? "is-resolved" : "", removed ? "is-removed" : ""].filter(Boolean).join(" ");
  return (
    // biome-ignore lint/a11y/useKeyWithClickEvents: a click anywhere on the card is a mouse shortcut; the keyboard activates a thread through its buttons and the highlight
    <article
      ref={ref}
      id={`thread-${thread.id}`}
      className={classes}
      data-thread-id={thread.id}
      tabIndex={-1}
      aria-label={`Comment by ${first?.author?.name ?? "someone"} on “${truncate(thread.quote, 60)}”`}
      onClick={() => {
        if (!active) onActivate();
      }}
    >
      {removed ? (
        <p className="cm-removed">
          <span className="badge badge-warning">Text removed</span>
          <span className="cm-quote">“{truncate(thread.quote)}”</span>
        </p>
      ) : thread.quote ? (
        // Beside its words the quote is redundant; in the resolved list and on narrow screens it is not.
        <p className={showQuote ? "cm-quote" : "cm-quote cm-quote-flow"}>“{truncate(thread.quote)}”</p>
      ) : null}
      <ol className="cm-entries">
        {thread.comments.map((entry) => {
          const mayDelete = !entry.deleted && comments.canComment && (entry.author?.id === comments.me.id || comments.me.isAdmin);
          return (
            <li key={entry.id} className="cm-entry">
              <p className="cm-entry-head">
                <span className="cm-author">{entry.author?.name ?? "Former member"}</span>
                <time dateTime={entry.createdAt} className="cm-time">
                  {when(entry.createdAt)}
                </time>
              </p>
              {entry.deleted ? <p className="cm-body cm-deleted">This comment was deleted.</p> : <p className="cm-body">{entry.body}</p>}
              {mayDelete && active ? (
                confirmDelete === entry.id ? (
                  <span className="confirm-inline">
                    Delete this comment?
                    <button type="button" className="button button-danger button-small" disabled={busy} onClick={() => void run(() => comments.remove(thread.id, entry.id))}>
                      Delete
                    </button>
                    <button type="button" className="button button-quiet button-small" onClick={() => setConfirmDelete(null)}>
                      Keep
                    </button>
                  </span>
                ) : (
                  <button type="button" className="cm-link-button" onClick={() => setConfirmDelete(entry.id)}>
                    Delete
                  </button>
                )
              ) : null}
            </li>
          );
        })}
      </ol>
      {thread.resolved ? (
        <p className="cm-resolved-by">
          Resolved{thread.resolvedBy ? ` by ${thread.resolvedBy.name}` : ""}
          {thread.resolvedAt ? `, ${when(thread.resolvedAt)}` : ""}
        </p>
      ) : null}
      {error ? (
        <p className="inline-error" role="alert">
          {error}
        </p>
      ) : null}
      {comments.canComment && active && !thread.resolved ? (
        <Composer
          label="Reply"
          submitLabel="Reply"
          placeholder="Reply, or @ to mention someone"
          people={comments.people}
          onSubmit={(body, mentions) => comments.reply(thread.id, { body, mentions })}
        />
      ) : null}
      <div className="cm-card-actions">
        {comments.canComment ? (
          thread.resolved ? (
            <button type="button" className="button button-secondary button-small" disabled={busy} onClick={() => void run(() => comments.setResolved(thread.id, false))}>
              Reopen
            </button>
          ) : (
            <>
              {!active ? (
                <button type="button" className="button button-quiet button-small" onClick={onActivate}>
                  Reply
                </button>
              ) : null}
              <button type="button" className="button button-secondary button-small" disabled={busy} onClick={() => void run(() => comments.setResolved(thread.id, true))}>
                Resolve
              </button>
            </>
          )
        ) : null}
        {active && onClose ? (
          <button type="button" className="cm-link-button" onClick={(e) => { e.stopPropagation(); onClose(); }}>
            Close
          </button>
        ) : null}
      </div>
    </article>
  );
});
