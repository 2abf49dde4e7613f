/** `/documents/:id`: the document's details, and the place where its text (the editor) sits. */
import { lazy, Suspense } from "react";
import { useParams } from "react-router";
import { useResource } from "../api/useResource.js";
import { Breadcrumb } from "../components/Breadcrumb.js";
import { ResourceView } from "../components/ResourceView.js";
import { usePageTitle } from "../components/usePageTitle.js";
import { DocumentDetails } from "../features/documents/DocumentDetails.js";
import { getDocument } from "../features/documents/documentsApi.js";
import { DocumentGovernance } from "../features/governance/DocumentGovernance.js";
import { ReviewPanel } from "../features/governance/ReviewPanel.js";
import { RollForwardPanel } from "../features/reviews/RollForwardPanel.js";
import { DocumentExportLinks } from "../features/export/ExportLinks.js";

/** The plan editor, loaded only on this page so sign-in and home stay light. */
const DocumentEditor = lazy(() => import("../editor/DocumentEditor.js"));

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
          <DocumentGovernance detail={data} onChanged={detail.reload}>
            <header className="page-header">
              <h1>{data.document.title}</h1>
            </header>
            <section className="card" aria-label="About this document">
              <DocumentDetails detail={data} />
              <DocumentExportLinks documentId={data.document.id} />
            </section>
            <ReviewPanel />
            <RollForwardPanel doc={data.document} />
            <Suspense fallback={<p className="hint">Loading the editor…</p>}>
              {/* Keyed by status: after approval or a new revision the editor reopens with the new permissions. */}
              <DocumentEditor key={`${data.document.id}:${data.document.status}`} documentId={data.document.id} initial={data} />
            </Suspense>
          </DocumentGovernance>
        )}
      </ResourceView>
    </div>
  );
}
