/** `/people`: trust admins invite people, see who has not accepted yet, and remove roles. */
import { useState } from "react";
import { useResource } from "../api/useResource.js";
import { Breadcrumb } from "../components/Breadcrumb.js";
import { EmptyState } from "../components/EmptyState.js";
import { ResourceView } from "../components/ResourceView.js";
import { StatusMessage } from "../components/StatusMessage.js";
import { usePageTitle } from "../components/usePageTitle.js";
import { InviteForm } from "../features/people/InviteForm.js";
import { listInvitations, listPeople } from "../features/people/peopleApi.js";
import { PendingInvitations } from "../features/people/PendingInvitations.js";
import { PeopleTable } from "../features/people/PeopleTable.js";
import { listSchools } from "../features/schools/schoolsApi.js";
import { useMe } from "../session/SessionContext.js";

export function PeoplePage() {
  usePageTitle("People");
  const me = useMe();
  const people = useResource((signal) => listPeople(signal), []);
  const invitations = useResource((signal) => listInvitations(signal), []);
  const schools = useResource((signal) => listSchools(signal), []);
  const [message, setMessage] = useState<string | null>(null);

  if (!me.abilities.managePeople) {
    return (
      <div className="page">
        <h1>People</h1>
        <EmptyState title="Only trust admins manage people">
          <p>Ask your trust admin if someone needs an account or a different role.</p>
        </EmptyState>
      </div>
    );
  }

  return (
    <div className="page">
      <Breadcrumb current="People" />
      <header className="page-header">
        <h1>People</h1>
        <p className="lead">Invite people to Trellis and manage the roles they hold. Trellis sends no email: you pass the invite link on yourself.</p>
      </header>
      <StatusMessage message={message} />

      <section className="card" aria-labelledby="invite-heading">
        <h2 id="invite-heading">Invite someone</h2>
        <ResourceView resource={schools} loadingLabel="Loading schools" errorTitle="The list of schools could not be loaded">
          {(rows) => <InviteForm schools={rows} onInvited={invitations.reload} />}
        </ResourceView>
      </section>

      <section className="card" aria-labelledby="pending-heading">
        <h2 id="pending-heading">Waiting to accept</h2>
        <ResourceView resource={invitations} loadingLabel="Loading invitations" errorTitle="Invitations could not be loaded">
          {(rows) => <PendingInvitations invitations={rows} />}
        </ResourceView>
      </section>

      <section className="card" aria-labelledby="people-heading">
        <h2 id="people-heading">Everyone</h2>
        <ResourceView resource={people} loadingLabel="Loading people" errorTitle="People could not be loaded">
          {(rows) => (
            <PeopleTable
              people={rows}
              schools={schools.status === "ready" ? schools.data : []}
              myId={me.user.id}
              onChanged={(text) => {
                setMessage(text);
                people.reload();
              }}
            />
          )}
        </ResourceView>
      </section>
    </div>
  );
}
