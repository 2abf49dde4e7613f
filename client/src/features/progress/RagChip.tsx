/** A RAG rating as a chip: the colour helps scanning, the word carries the meaning. */
import { RAG_LABELS, type Rag } from "../../../../shared/enums.js";

export function RagChip({ rag }: { rag: Rag }) {
  return (
    <span className={`pg-rag pg-rag-${rag}`} data-rag={rag}>
      <span className="pg-rag-dot" aria-hidden="true" />
      {RAG_LABELS[rag] ?? rag}
    </span>
  );
}
