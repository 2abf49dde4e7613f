/** A document's facts as a description list: school, kind, period, framework, status and your access. */
import { Link } from "react-router";
import type { DocumentDetail } from "../../api/types.js";
import { formatDateTime } from "../../components/dates.js";
import { accessText } from "./accessText.js";
import { frameworkLabel, kindLabel, termLabel } from "./labels.js";
import { StatusBadge } from "./StatusBadge.js";

export function DocumentDetails({ detail }: { detail: DocumentDetail }) {
  const { document: doc } = detail;
  const access = accessText(detail);
  return (
    <dl className="facts facts-grid">
      <div>
        <dt>School</dt>
        <dd>
          <Link to={`/schools/${doc.schoolId}`}>{doc.schoolName ?? "Open the school"}</Link>
        </dd>
      </div>
      <div>
        <dt>Kind</dt>
        <dd>{kindLabel(doc.kind)}</dd>
      </div>
      <div>
        <dt>Academic year</dt>
        <dd>{doc.academicYear}</dd>
      </div>
      <div>
        <dt>Term</dt>
        <dd>{termLabel(doc.term) ?? "Not for one term"}</dd>
      </div>
      <div>
        <dt>Framework</dt>
        <dd>{frameworkLabel(doc.framework) ?? "None"}</dd>
      </div>
      <div>
        <dt>Status</dt>
        <dd>
          <StatusBadge status={doc.status} />
        </dd>
      </div>
      <div>
        <dt>Your access</dt>
        <dd>
          <span className={`badge access access-${detail.abilities.update ? "edit" : "read"}`}>{access.label}</span>{" "}
          <span className="access-detail">{access.detail}</span>
        </dd>
      </div>
      <div>
        <dt>Last changed</dt>
        <dd>
          <time dateTime={doc.updatedAt}>{formatDateTime(doc.updatedAt)}</time>
        </dd>
      </div>
    </dl>
  );
}
