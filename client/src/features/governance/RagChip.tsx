/** A RAG rating as a chip: the colour helps scanning, the word carries the meaning. */
import { RAG_LABELS, type Rag } from "../../../../shared/enums.js";

/** One RAG rating as a chip. */
export function RagChip({ rag }: { rag: Rag | string }) {
  return (
    <span className={`gv-rag gv-rag-${rag}`} data-rag={rag}>
      <span className="gv-rag-dot" aria-hidden="true" />
      {RAG_LABELS[rag as Rag] ?? rag}
    </span>
  );
}
