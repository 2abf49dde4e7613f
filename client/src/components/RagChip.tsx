/** A RAG rating as a chip: the colour helps scanning, the word carries the meaning. */
import { RAG_LABELS, type Rag } from "../../../shared/enumValues.js";

export function RagChip({ rag }: { rag: Rag | string }) {
  return (
    <span className={`rag-chip rag-chip-${rag}`} data-rag={rag}>
      <span className="rag-chip-dot" aria-hidden="true" />
      {RAG_LABELS[rag as Rag] ?? rag}
    </span>
  );
}
