/** Download links for a document's Word and PDF export, or a school's governor pack. */
import "../../styles/print.css";

const formats = [
  { format: "docx", label: "Word" },
  { format: "pdf", label: "PDF" },
] as const;

/** "Export: Word · PDF" for one document. */
export function DocumentExportLinks({ documentId }: { documentId: string }) {
  return (
    <p className="export-links" data-testid="document-export">
      <span className="hint">Export:</span>{" "}
      {formats.map((f) => (
        <a key={f.format} className="button button-quiet" href={`/api/documents/${documentId}/export?format=${f.format}`} download>
          {f.label}
        </a>
      ))}
    </p>
  );
}

/** "Governor pack: Word · PDF" for one school: the papers a clerk sends to the local governing board. */
export function GovernorPackLinks({ schoolId }: { schoolId: string }) {
  return (
    <p className="export-links" data-testid="governor-pack">
      <span className="hint">Governor pack (cover, academy card, current plans, changes since approval, open comments):</span>{" "}
      {formats.map((f) => (
        <a key={f.format} className="button button-quiet" href={`/api/schools/${schoolId}/pack?format=${f.format}`} download>
          {f.label}
        </a>
      ))}
    </p>
  );
}
