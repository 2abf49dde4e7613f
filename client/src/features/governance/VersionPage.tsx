/** `/documents/:id/versions/:versionId`: one named version, read-only, under a banner that names it. */
import { lazy, Suspense } from "react";
import { Link, useParams } from "react-router";
import { DEFAULT_FRAMEWORK, isFrameworkKey } from "../../../../shared/frameworks/index.js";
import { useResource } from "../../api/useResource.js";
import { Breadcrumb } from "../../components/Breadcrumb.js";
import { formatDay } from "../../components/dates.js";
import { ResourceView } from "../../components/ResourceView.js";
import { usePageTitle } from "../../components/usePageTitle.js";
import { listSchoolPeople } from "../comments/commentsApi.js";
import { getDocument } from "../documents/documentsApi.js";
import { getVersion } from "./lifecycleApi.js";
import "./governance.css";

/** The editor code loads only when a version is opened. */
const VersionViewer = lazy(() => import("./VersionViewer.js"));

/** The page of one saved version. */
export function VersionPage() {
  const { id = "", versionId = "" } = useParams();
  const loaded = useResource(async (signal) => {
    const [detail, version] = await Promise.all([getDocument(id, signal), getVersion(id, versionId, signal)]);
    const people = await listSchoolPeople(detail.document.schoolId, signal).catch(() => []);
    return { ...detail, version, people };
  }, [id, versionId]);
  const doc = loaded.status === "ready" ? loaded.data.document : null;
  usePageTitle(loaded.status === "ready" ? `${loaded.data.version.name} · ${loaded.data.document.title}` : "Version");

  return (
    <div className="page">
      <Breadcrumb
        trail={doc ? [{ to: `/schools/${doc.schoolId}`, label: doc.schoolName ?? "School" }, { to: `/documents/${doc.id}`, label: doc.title }] : []}
        current={loaded.status === "ready" ? loaded.data.version.name : "Version"}
      />
      <ResourceView resource={loaded} loadingLabel="Loading the version" errorTitle="This version could not be opened">
        {({ document: current, version, people }) => (
          <>
            <header className="page-header">
              <h1>{current.title}</h1>
            </header>
            <div className="notice notice-info gv-version-banner" role="note" data-testid="version-banner">
              <p className="notice-title">You are looking at a saved version: {version.name}</p>
              <p>
                Approved by the {version.approvalBodyLabel} on {formatDay(version.approvedOn)}
                {version.approvedBy?.name ? `, recorded by ${version.approvedBy.name}` : ""}. It is read only and does not change.
              </p>
              <p>
                <Link to={`/documents/${current.id}`}>Open the current document</Link>
              </p>
            </div>
            <Suspense fallback={<p className="hint">Loading the version…</p>}>
              <VersionViewer
                state={version.state}
                framework={isFrameworkKey(current.framework) ? current.framework : DEFAULT_FRAMEWORK}
                people={people}
              />
            </Suspense>
          </>
        )}
      </ResourceView>
    </div>
  );
}
