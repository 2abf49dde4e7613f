/** A polite live region for "saved"-style messages: always in the page, so screen readers hear changes. */
export function StatusMessage({ message }: { message: string | null }) {
  return (
    <p className={message ? "status-message" : "status-message status-message-empty"} role="status" aria-live="polite">
      {message}
    </p>
  );
}
