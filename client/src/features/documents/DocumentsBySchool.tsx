/** Documents grouped under their school, with a filter by academic year: the home page's "your documents". */
import { useId, useMemo, useState } from "react";
import { Link } from "react-router";
import { DOCUMENT_KINDS } from "../../../../shared/enumValues.js";
import type { TrellisDocument } from "../../api/types.js";
import { EmptyState } from "../../components/EmptyState.js";
import { DocumentList } from "./DocumentList.js";

interface Group {
  schoolId: string;
  schoolName: string;
  documents: TrellisDocument[];
}

function groupBySchool(documents: TrellisDocument[]): Group[] {
  const groups = new Map<string, Group>();
  for (const doc of documents) {
    const group = groups.get(doc.schoolId) ?? { schoolId: doc.schoolId, schoolName: doc.schoolName ?? "School", documents: [] };
    group.documents.push(doc);
    groups.set(doc.schoolId, group);
  }
  for (const group of groups.values()) group.documents.sort(byKindThenYear);
  return [...groups.values()].sort((a, b) => a.schoolName.localeCompare(b.schoolName));
}

const TERM_ORDER: Record<string, number> = { autumn: 0, spring: 1, summer: 2 };

/** Plans first, then SEF, peer reviews and action plans; newest year first: the same place on every visit. */
function byKindThenYear(a: TrellisDocument, b: TrellisDocument): number {
  return (
    DOCUMENT_KINDS.indexOf(a.kind) - DOCUMENT_KINDS.indexOf(b.kind) ||
    b.academicYear.localeCompare(a.academicYear) ||
    (TERM_ORDER[b.term ?? ""] ?? -1) - (TERM_ORDER[a.term ?? ""] ?? -1) ||
    a.title.localeCompare(b.title)
  );
}

export function DocumentsBySchool({ documents }: { documents: TrellisDocument[] }) {
  const years = useMemo(() => [...new Set(documents.map((d) => d.academicYear))].sort().reverse(), [documents]);
  const [year, setYear] = useState<string>("");
  const filterId = useId();
  const visible = year ? documents.filter((d) => d.academicYear === year) : documents;
  const groups = groupBySchool(visible);

  if (!documents.length) {
    return (
      <EmptyState title="No documents yet">
        <p>When a plan, SEF or peer review is started for one of your schools it appears here. Open a school to start one.</p>
      </EmptyState>
    );
  }

  return (
    <>
      {years.length > 1 ? (
        <div className="toolbar">
          <label htmlFor={filterId}>Academic year</label>
          <select id={filterId} value={year} onChange={(e) => setYear(e.target.value)}>
            <option value="">All years</option>
            {years.map((y) => (
              <option key={y} value={y}>
                {y}
              </option>
            ))}
          </select>
        </div>
      ) : null}
      {groups.length === 0 ? <EmptyState title={`No documents for ${year}`} /> : null}
      {groups.map((group) => (
        <section key={group.schoolId} className="document-group" aria-labelledby={`group-${group.schoolId}`}>
          <h3 id={`group-${group.schoolId}`}>
            <Link to={`/schools/${group.schoolId}`}>{group.schoolName}</Link>{" "}
            <span className="count">
              {group.documents.length} {group.documents.length === 1 ? "document" : "documents"}
            </span>
          </h3>
          <DocumentList documents={group.documents} />
        </section>
      ))}
    </>
  );
}
