/** A list of documents, each a link to its page with kind, period and status in words. */
import { Link } from "react-router";
import type { TrellisDocument } from "../../api/types.js";
import { kindLabel, periodLabel } from "./labels.js";
import { StatusBadge } from "./StatusBadge.js";

export function DocumentList({ documents, showSchool = false }: { documents: TrellisDocument[]; showSchool?: boolean }) {
  return (
    <ul className="document-list">
      {documents.map((doc) => (
        <li key={doc.id} className="document-row">
          <div className="document-row-main">
            <Link to={`/documents/${doc.id}`} className="document-link">
              {doc.title}
            </Link>
            <p className="document-meta">
              {kindLabel(doc.kind)} · {periodLabel(doc)}
              {showSchool && doc.schoolName ? ` · ${doc.schoolName}` : ""}
            </p>
          </div>
          <StatusBadge status={doc.status} />
        </li>
      ))}
    </ul>
  );
}
