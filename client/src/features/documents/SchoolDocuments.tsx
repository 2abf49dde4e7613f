/** A school's documents, with "New document" for people who may create one. */
import { useRef, useState } from "react";
import { useNavigate } from "react-router";
import { useResource } from "../../api/useResource.js";
import { EmptyState } from "../../components/EmptyState.js";
import { ResourceView } from "../../components/ResourceView.js";
import { DocumentList } from "./DocumentList.js";
import { listDocuments } from "./documentsApi.js";
import { NewDocumentForm } from "./NewDocumentForm.js";
import { ImportPlanForm } from "../import/ImportPlanForm.js";

export function SchoolDocuments({ schoolId, schoolName, canCreate }: { schoolId: string; schoolName: string; canCreate: boolean }) {
  const documents = useResource((signal) => listDocuments({ schoolId }, signal), [schoolId]);
  const [creating, setCreating] = useState(false);
  const [importing, setImporting] = useState(false);
  const importButton = useRef<HTMLButtonElement>(null);
  const navigate = useNavigate();
  const openButton = useRef<HTMLButtonElement>(null);

  return (
    <section className="card" aria-labelledby="documents-heading">
      <div className="card-header">
        <h2 id="documents-heading">Documents</h2>
        {canCreate && !creating && !importing ? (
          <div className="actions">
            <button ref={openButton} type="button" className="button button-primary" onClick={() => setCreating(true)}>
              New document
            </button>
            <button ref={importButton} type="button" className="button button-secondary" onClick={() => setImporting(true)}>
              Import from Word
            </button>
          </div>
        ) : null}
      </div>
      {creating ? (
        <NewDocumentForm
          schoolId={schoolId}
          schoolName={schoolName}
          onCreated={(doc) => navigate(`/documents/${doc.id}`)}
          onCancel={() => {
            setCreating(false);
            requestAnimationFrame(() => openButton.current?.focus());
          }}
        />
      ) : null}
      {importing ? (
        <ImportPlanForm
          schoolId={schoolId}
          schoolName={schoolName}
          onCreated={(id) => navigate(`/documents/${id}`)}
          onCancel={() => {
            setImporting(false);
            requestAnimationFrame(() => importButton.current?.focus());
          }}
        />
      ) : null}
      <ResourceView resource={documents} loadingLabel="Loading documents" errorTitle="This school's documents could not be loaded">
        {(rows) =>
          rows.length ? (
            <DocumentList documents={rows} />
          ) : (
            <EmptyState title="No documents yet">
              <p>
                {canCreate
                  ? "Start the school's Single Plan, ADP or SEF with “New document”."
                  : "When the school's leaders start a plan or SEF, it appears here."}
              </p>
            </EmptyState>
          )
        }
      </ResourceView>
    </section>
  );
}
