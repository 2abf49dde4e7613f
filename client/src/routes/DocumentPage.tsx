/** `/documents/:id`: the document's details, and its text: a reading preview first, then the live editor. */
import { useParams } from "react-router";
import { takeAnswered, takeEarly } from "../api/earlyFetch.js";
import { bootKeys } from "../../../shared/pageRoutes.js";
import type { DocumentDetail } from "../api/types.js";
import { useResource } from "../api/useResource.js";
import type { DocumentPreview } from "../../../shared/documentPreview.js";
import { Breadcrumb } from "../components/Breadcrumb.js";
import { ResourceView } from "../components/ResourceView.js";
import { usePageTitle } from "../components/usePageTitle.js";
import { DocumentDetails } from "../features/documents/DocumentDetails.js";
import { getDocument } from "../features/documents/documentsApi.js";
import { DocumentGovernance } from "../features/governance/DocumentGovernance.js";
import { ReviewPanel } from "../features/governance/ReviewPanel.js";
import { RollForwardPanel } from "../features/reviews/RollForwardPanel.js";
import { DocumentExportLinks } from "../features/export/ExportLinks.js";
import { DocumentText } from "../editor/preview/DocumentText.js";
import { getDocumentPreview } from "../editor/preview/previewApi.js";

export function DocumentPage() {
  const { id = "" } = useParams();
  // Both may already be on their way from start-up (preloadPageFor); the text is asked for with the details, so it paints with the title.
  // When the page's HTML carried them, the first render draws them.
  const detail = useResource((signal) => takeEarly<DocumentDetail>(bootKeys.document(id)) ?? getDocument(id, signal), [id], () => takeAnswered<DocumentDetail>(bootKeys.document(id)));
  const preview = useResource((signal) => takeEarly<DocumentPreview>(bootKeys.preview(id)) ?? getDocumentPreview(id, signal), [id], () => takeAnswered<DocumentPreview>(bootKeys.preview(id)));
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
            <DocumentText detail={data} preview={preview} />
          </DocumentGovernance>
        )}
      </ResourceView>
    </div>
  );
}
