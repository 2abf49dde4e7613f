/** `/schools/:id`: one school's tier, tier history and documents. */
import { useParams } from "react-router";
import { PHASE_LABELS } from "../../../shared/enumValues.js";
import { useResource } from "../api/useResource.js";
import { Breadcrumb } from "../components/Breadcrumb.js";
import { ResourceView } from "../components/ResourceView.js";
import { usePageTitle } from "../components/usePageTitle.js";
import { SchoolDocuments } from "../features/documents/SchoolDocuments.js";
import { getSchool } from "../features/schools/schoolsApi.js";
import { SupportPanel } from "../features/governance/SupportPanel.js";
import { AcademyCard } from "../features/progress/AcademyCard.js";
import { GovernorPackLinks } from "../features/export/ExportLinks.js";
import { TierPanel } from "../features/schools/TierPanel.js";
import { useMe } from "../session/SessionContext.js";

export function SchoolPage() {
  const { id = "" } = useParams();
  const me = useMe();
  const detail = useResource((signal) => getSchool(id, signal), [id]);
  usePageTitle(detail.status === "ready" ? detail.data.school.name : "School");

  return (
    <div className="page">
      <Breadcrumb current={detail.status === "ready" ? detail.data.school.name : "School"} />
      <ResourceView resource={detail} loadingLabel="Loading the school" errorTitle="This school could not be loaded">
        {(data) => (
          <>
            <header className="page-header">
              <h1>{data.school.name}</h1>
              <p className="lead">
                {PHASE_LABELS[data.school.phase] ?? data.school.phase}
                {data.school.urn ? ` · URN ${data.school.urn}` : ""}
              </p>
              <GovernorPackLinks schoolId={data.school.id} />
            </header>
            <div className="columns">
              <TierPanel detail={data} myId={me.user.id} onChanged={detail.reload} />
              <SchoolDocuments schoolId={data.school.id} schoolName={data.school.name} canCreate={!!data.abilities.createDocument} />
            </div>
            <SupportPanel key={`${data.school.id}:${data.school.tierHistory[0]?.id ?? "none"}`} schoolId={data.school.id} />
            {/* The academy card (targets, RAG over time) from the progress feature mounts below this line. */}
            <AcademyCard schoolId={data.school.id} />
          </>
        )}
      </ResourceView>
    </div>
  );
}
