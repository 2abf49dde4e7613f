import type { ReactNode } from "react";

/**
 * The end of a form: its error (announced), then submit, which names what it is doing while
 * busy, then Cancel when there is one, and anything else that belongs beside them.
 */
export function FormFooter({ error, errorId, busy, submitLabel, busyLabel, onCancel, small, children }: {
  error: string | null;
  /** For a field that names the error in its aria-describedby. */
  errorId?: string;
  busy: boolean;
  submitLabel: string;
  busyLabel: string;
  onCancel?: () => void;
  /** Small buttons, for a form inside a row or a card. */
  small?: boolean;
  children?: ReactNode;
}) {
  const size = small ? " button-small" : "";
  return (
    <>
      {error ? (
        <p className="inline-error" role="alert" id={errorId}>
          {error}
        </p>
      ) : null}
      <div className="actions">
        <button type="submit" className={`button button-primary${size}`} disabled={busy}>
          {busy ? busyLabel : submitLabel}
        </button>
        {onCancel ? (
          <button type="button" className={`button button-quiet${size}`} onClick={onCancel} disabled={busy}>
            Cancel
          </button>
        ) : null}
        {children}
      </div>
    </>
  );
}
