/**
 * Walking a plan at its half-termly review: each target's and action's RAG, status or current
 * value as at the review, with a short commentary ("evidence: learning walks 12 Nov") kept with
 * the review, not in the text. Leaders open, save and close a review; once closed, or for
 * governors, it reads as it was.
 */
import { useEffect, useId, useState } from "react";
import { halfTermLabel, HALF_TERMS } from "../../../../shared/calendar/index.js";
import { RAGS, type Rag } from "../../../../shared/enumValues.js";
import { api, messageOf } from "../../api/client.js";
import { useResource } from "../../api/useResource.js";
import { formatDateTime, formatDay } from "../../components/dates.js";
import { EmptyState } from "../../components/EmptyState.js";
import { RagChip } from "../../components/RagChip.js";
import { ResourceView } from "../../components/ResourceView.js";
import { StatusMessage } from "../../components/StatusMessage.js";
import { getDocumentReviews, recordReview, type DocumentReview } from "./reviewsApi.js";
import "./reviews.css";

const STATUS_WORDS: Record<string, string> = { not_started: "Not started", in_progress: "In progress", complete: "Complete", dropped: "Dropped" };
const isRag = (r: string): r is Rag => (RAGS as readonly string[]).includes(r);

type Doc = { id: string; schoolId: string; academicYear: string };

/** The half term to offer first: today's (or the one just ended) when the calendar knows it. */
function useSuggestedHalfTerm(doc: Doc): string | null {
  const [key, setKey] = useState<string | null>(null);
  useEffect(() => {
    const controller = new AbortController();
    api
      .get<{ current: { halfTerm: string } | null; latest: { halfTerm: string } | null }>(`/calendar?year=${encodeURIComponent(doc.academicYear)}&schoolId=${doc.schoolId}`, { signal: controller.signal })
      .then((c) => setKey((c.current ?? c.latest)?.halfTerm ?? null))
      .catch(() => undefined);
    return () => controller.abort();
  }, [doc.academicYear, doc.schoolId]);
  return key;
}

function ItemRow({ item, editable, value, onChange }: { item: DocumentReview["items"][number]; editable: boolean; value: string; onChange: (text: string) => void }) {
  const id = useId();
  const kind = item.type === "target" ? "Target" : "Action";
  return (
    <li className="review-item">
      <div className="review-item-head">
        <span id={`${id}-name`} className="review-item-text">{item.text || "Untitled"}</span>
        <span className="cell-secondary"> {kind}</span>
      </div>
      <p className="review-item-facts">
        {isRag(item.rag) ? <RagChip rag={item.rag} /> : item.rag}
        {item.status ? <span> · {STATUS_WORDS[item.status] ?? item.status}</span> : null}
        {item.current ? <span> · Now {item.current}</span> : null}
        {item.due ? <span> · Due {formatDay(item.due)}</span> : null}
      </p>
      {editable ? (
        <label className="review-item-commentary">
          <span className="visually-hidden">Commentary on {kind.toLowerCase()}: </span>
          <span aria-hidden="true">Commentary</span>
          <textarea aria-describedby={`${id}-name`} rows={2} maxLength={1000} value={value} onChange={(e) => onChange(e.target.value)} placeholder="Evidence: learning walk 12 Nov" />
        </label>
      ) : (
        <p className="review-item-commentary">{item.commentary ? item.commentary : <span className="cell-secondary">No commentary</span>}</p>
      )}
    </li>
  );
}

/** One review: its items, with commentary fields while it is open and the reader may record. */
function ReviewSheet({ review, canRecord, documentId, onSaved }: { review: DocumentReview; canRecord: boolean; documentId: string; onSaved: (r: DocumentReview) => void }) {
  const editable = canRecord && review.status !== "closed";
  const [drafts, setDrafts] = useState<Record<string, string>>(() => Object.fromEntries(review.items.filter((i) => i.blockId).map((i) => [i.blockId, i.commentary])));
  const [busy, setBusy] = useState(false);
  const [confirmClose, setConfirmClose] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => setDrafts(Object.fromEntries(review.items.filter((i) => i.blockId).map((i) => [i.blockId, i.commentary]))), [review]);

  const save = async (close: boolean) => {
    setBusy(true);
    setError(null);
    setMessage(null);
    try {
      const commentary = Object.fromEntries(review.items.filter((i) => (drafts[i.blockId] ?? "") !== i.commentary).map((i) => [i.blockId, (drafts[i.blockId] ?? "").trim()]));
      const res = await recordReview(documentId, { halfTerm: review.halfTerm, academicYear: review.academicYear, commentary, close });
      onSaved(res.review);
      setMessage(close ? `${review.label} closed: a governor will see it as it is now.` : `Commentary saved for the ${review.label.toLowerCase()}.`);
      setConfirmClose(false);
    } catch (err) {
      setError(messageOf(err));
    } finally {
      setBusy(false);
    }
  };

  const targets = review.items.filter((i) => i.type === "target");
  const actions = review.items.filter((i) => i.type !== "target");
  const list = (title: string, items: DocumentReview["items"]) =>
    items.length ? (
      <section aria-label={title}>
        <h4>{title} ({items.length})</h4>
        <ul className="review-items">
          {items.map((i) => (
            <ItemRow key={i.blockId} item={i} editable={editable} value={drafts[i.blockId] ?? ""} onChange={(text) => setDrafts((d) => ({ ...d, [i.blockId]: text }))} />
          ))}
        </ul>
      </section>
    ) : null;

  return (
    <form
      aria-label={review.label}
      onSubmit={(e) => {
        e.preventDefault();
        void save(false);
      }}
    >
      <p className="hint">
        {review.status === "closed"
          ? `Closed${review.closedAt ? ` ${formatDateTime(review.closedAt)}` : ""}${review.closedBy?.name ? ` by ${review.closedBy.name}` : ""}: this is the plan as it stood at the review.`
          : editable
            ? "Open: the RAG and status are taken from the plan each time you save, until the review is closed."
            : "Open: the leaders have not closed this review yet."}
      </p>
      {review.items.length === 0 ? <p className="cell-secondary">This plan had no targets or actions at this review.</p> : null}
      {list("Targets", targets)}
      {list("Actions", actions)}
      {error ? <p role="alert" className="error">{error}</p> : null}
      <StatusMessage message={message} />
      {editable ? (
        <div className="form-actions">
          <button type="submit" className="button" disabled={busy}>{busy ? "Saving…" : "Save commentary"}</button>{" "}
          {confirmClose ? (
            <fieldset className="review-close">
              <legend>Closing keeps this snapshot as it is for governors. Close it?</legend>
              <button type="button" className="button" disabled={busy} onClick={() => void save(true)}>Yes, close the review</button>{" "}
              <button type="button" className="button button-secondary" onClick={() => setConfirmClose(false)}>Keep it open</button>
            </fieldset>
          ) : (
            <button type="button" className="button button-secondary" disabled={busy} onClick={() => setConfirmClose(true)}>Close review</button>
          )}
        </div>
      ) : null}
    </form>
  );
}

/** The plan's reviews: pick one to walk or read; leaders open the review for a half term. */
export function ReviewWalk({ doc, canRecord }: { doc: Doc; canRecord: boolean }) {
  const reviews = useResource((signal) => getDocumentReviews(doc.id, signal), [doc.id]);
  const suggested = useSuggestedHalfTerm(doc);
  const [selected, setSelected] = useState<string | null>(null);
  const [halfTerm, setHalfTerm] = useState<string | null>(null);
  const [opening, setOpening] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const selectId = useId();

  const open = async (list: DocumentReview[]) => {
    const key = halfTerm ?? suggested ?? HALF_TERMS[0];
    const existing = list.find((r) => r.halfTerm === key && r.academicYear === doc.academicYear);
    if (existing) return setSelected(existing.id);
    setOpening(true);
    setError(null);
    try {
      const res = await recordReview(doc.id, { halfTerm: key, academicYear: doc.academicYear });
      reviews.reload();
      setSelected(res.review.id);
    } catch (err) {
      setError(messageOf(err));
    } finally {
      setOpening(false);
    }
  };

  return (
    <section className="card section review-walk" aria-labelledby={`${selectId}-heading`}>
      <h3 id={`${selectId}-heading`}>Half-termly reviews</h3>
      <ResourceView resource={reviews} loadingLabel="Loading the reviews" errorTitle="The reviews could not be loaded">
        {(data) => {
          const list = data.reviews;
          const current = list.find((r) => r.id === selected) ?? list.find((r) => r.status !== "closed") ?? list.at(-1) ?? null;
          return (
            <>
              {list.length === 0 ? (
                <EmptyState title="No reviews yet">
                  <p>{canRecord ? "Open this half term's review to walk the plan: the RAG and status of each target and action, with your commentary." : "When the leaders review this plan at the end of a half term, the review appears here."}</p>
                </EmptyState>
              ) : (
                <label>
                  Review{" "}
                  <select value={current?.id ?? ""} onChange={(e) => setSelected(e.target.value)}>
                    {list.map((r) => (
                      <option key={r.id} value={r.id}>{`${r.label} ${r.academicYear}${r.status === "closed" ? " (closed)" : " (open)"}`}</option>
                    ))}
                  </select>
                </label>
              )}
              {canRecord ? (
                <div className="review-open">
                  <label>
                    Half term{" "}
                    <select value={halfTerm ?? suggested ?? HALF_TERMS[0]} onChange={(e) => setHalfTerm(e.target.value)}>
                      {HALF_TERMS.map((h) => (
                        <option key={h} value={h}>{halfTermLabel(h)}</option>
                      ))}
                    </select>
                  </label>{" "}
                  <button type="button" className="button button-secondary" disabled={opening} onClick={() => void open(list)}>{opening ? "Opening…" : "Open the review"}</button>
                  {error ? <p role="alert" className="error">{error}</p> : null}
                </div>
              ) : null}
              {current ? (
                <ReviewSheet
                  key={current.id}
                  review={current}
                  canRecord={canRecord}
                  documentId={doc.id}
                  onSaved={(saved) => {
                    setSelected(saved.id);
                    reviews.reload();
                  }}
                />
              ) : null}
            </>
          );
        }}
      </ResourceView>
    </section>
  );
}
