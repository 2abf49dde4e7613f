/** Lets an editor switch between editing and reading the document as a clean page. */
export function ReadingToggle({ reading, onChange }: { reading: boolean; onChange: (reading: boolean) => void }) {
  return (
    <button type="button" className="pe-reading-toggle" aria-pressed={reading} onClick={() => onChange(!reading)} data-testid="reading-toggle">
      {reading ? "Back to editing" : "Reading view"}
    </button>
  );
}
