/** The signed-in home: the schools and documents this person may see. */
import { useResource } from "../api/useResource.js";
import { EmptyState } from "../components/EmptyState.js";
import { Loading } from "../components/Loading.js";
import { ResourceView } from "../components/ResourceView.js";
import { usePageTitle } from "../components/usePageTitle.js";
import { listDocuments } from "../features/documents/documentsApi.js";
import { DocumentsBySchool } from "../features/documents/DocumentsBySchool.js";
import { listSchools } from "../features/schools/schoolsApi.js";
import { SchoolTable } from "../features/schools/SchoolTable.js";
import { useMe } from "../session/SessionContext.js";

function rolesSentence(roles: ReturnType<typeof useMe>["roles"]): string {
  if (!roles.length) return "You have no role in any school yet.";
  const parts = roles.map((r) => (r.schoolName ? `${r.label}, ${r.schoolName}` : `${r.label} for the trust`));
  return `${parts.join("; ")}.`;
}

export function HomePage() {
  usePageTitle("Home");
  const me = useMe();
  const schools = useResource((signal) => listSchools(signal), []);
  const documents = useResource((signal) => listDocuments({}, signal), []);

  return (
    <div className="page">
      <header className="page-header">
        <h1>Welcome, {me.user.name}</h1>
        <p className="lead">{rolesSentence(me.roles)}</p>
      </header>

      {/* Both lists appear together: the schools table arriving first pushed the documents down the screen. */}
      {schools.status === "loading" || documents.status === "loading" ? (
        <Loading label="Loading your schools and documents" />
      ) : (
        <>
          <section className="section" aria-labelledby="schools-heading">
            <h2 id="schools-heading">{schools.status === "ready" && schools.data.length === 1 ? "Your school" : "Schools"}</h2>
            <ResourceView resource={schools} loadingLabel="Loading schools" errorTitle="Your schools could not be loaded">
              {(rows) =>
                rows.length ? (
                  <SchoolTable schools={rows} caption="Schools you can see, with phase and support tier" />
                ) : (
                  <EmptyState title="No schools to show">
                    <p>You do not hold a role in any school yet. Ask your trust admin to add you to your school.</p>
                  </EmptyState>
                )
              }
            </ResourceView>
          </section>

          <section className="section" aria-labelledby="documents-heading">
            <h2 id="documents-heading">Documents</h2>
            <ResourceView resource={documents} loadingLabel="Loading documents" errorTitle="Your documents could not be loaded">
              {(rows) => <DocumentsBySchool documents={rows} />}
            </ResourceView>
          </section>
        </>
      )}
    </div>
  );
}
