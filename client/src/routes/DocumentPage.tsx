/** `/documents/:id`: the document's details, and the place where its text (the editor) sits. */
import { useParams } from "react-router";
import type { DocumentDetail } from "../api/types.js";
import { useResource } from "../api/useResource.js";
import { Breadcrumb } from "../components/Breadcrumb.js";
import { ResourceView } from "../components/ResourceView.js";
import { usePageTitle } from "../components/usePageTitle.js";
import { DocumentDetails } from "../features/documents/DocumentDetails.js";
import { getDocument } from "../features/documents/documentsApi.js";

/**
 * The document's text. The plan editor (client/src/editor) replaces this component: it gets the
 * loaded document and the caller's abilities, and decides read-only from `abilities.update`.
 */
function DocumentBody({ detail }: { detail: DocumentDetail }) {
  return (
    <section className="card document-body" aria-labelledby="document-text-heading">
      <h2 id="document-text-heading">Text</h2>
      <p className="hint">
        The text of this {detail.abilities.update ? "document is written" : "document is read"} in the plan editor, which this build does not include yet.
      </p>
    </section>
  );
}

export function DocumentPage() {
  const { id = "" } = useParams();
  const detail = useResource((signal) => getDocument(id, signal), [id]);
  const doc = detail.status === "ready" ? detail.data.document : null;
  usePageTitle(doc?.title ?? "Document");

  return (
    <div className="page">
      <Breadcrumb trail={doc ? [{ to: `/schools/${doc.schoolId}`, label: doc.schoolName ?? "School" }] : []} current={doc?.title ?? "Document"} />
      <ResourceView resource={detail} loadingLabel="Loading the document" errorTitle="This document could not be opened">
        {(data) => (
          <>
            <header className="page-header">
              <h1>{data.document.title}</h1>
            </header>
            <section className="card" aria-label="About this document">
              <DocumentDetails detail={data} />
            </section>
            {/* Editor mount point: swap DocumentBody for the editor component. */}
            <DocumentBody detail={data} />
          </>
        )}
      </ResourceView>
    </div>
  );
}
