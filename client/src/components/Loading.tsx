/** A calm loading line that screen readers announce. */
export function Loading({ label = "Loading" }: { label?: string }) {
  return (
    <p className="loading" role="status">
      <span className="spinner" aria-hidden="true" />
      {label}…
    </p>
  );
}
