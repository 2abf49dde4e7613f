import type { ReactNode } from "react";

/**
 * The end of a form: its error (announced), then submit, which names what it is doing while
 * busy, then Cancel when there is one, and anything else that belongs beside them.
 */
export function FormFooter({ error, busy, submitLabel, busyLabel, onCancel, children }: {
  error: string | null;
  busy: boolean;
  submitLabel: string;
  busyLabel: string;
  onCancel?: () => void;
  children?: ReactNode;
}) {
  return (
    <>
      {error ? (
        <p className="inline-error" role="alert">
          {error}
        </p>
      ) : null}
      <div className="actions">
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? busyLabel : submitLabel}
        </button>
        {onCancel ? (
          <button type="button" className="button button-quiet" onClick={onCancel} disabled={busy}>
            Cancel
          </button>
        ) : null}
        {children}
      </div>
    </>
  );
}
