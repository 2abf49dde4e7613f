/** A form in a modal dialog: opened as it mounts, named by its heading, closed by Escape or Cancel. */
import { useEffect, useId, useRef, type ReactNode } from "react";

export function ModalForm({ title, onClose, onSubmit, children }: {
  title: string;
  /** Called however the dialog closes: Escape, or the `close` given to `children` (for Cancel). */
  onClose(): void;
  onSubmit(): void;
  children(close: () => void): ReactNode;
}) {
  const titleId = useId();
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const el = dialog.current;
    if (el && !el.open) el.showModal();
  }, []);
  return (
    <dialog ref={dialog} className="gv-dialog" aria-labelledby={titleId} onClose={onClose}>
      <form
        className="form"
        onSubmit={(e) => {
          e.preventDefault();
          onSubmit();
        }}
      >
        <h2 id={titleId}>{title}</h2>
        {children(() => dialog.current?.close())}
      </form>
    </dialog>
  );
}
