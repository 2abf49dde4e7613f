/** Everyone with an account and the roles they hold, with a name filter and a remove button per role. */
import { useId, useState } from "react";
import type { Person, School } from "../../api/types.js";
import { EmptyState } from "../../components/EmptyState.js";
import { AddRoleForm } from "./AddRoleForm.js";
import { MembershipRemover } from "./MembershipRemover.js";

export function PeopleTable({
  people,
  schools,
  myId,
  onChanged,
}: {
  people: Person[];
  /** For the school picker of "Add role". */
  schools: School[];
  myId: string;
  onChanged: (message: string) => void;
}) {
  const [filter, setFilter] = useState("");
  const [addingFor, setAddingFor] = useState<string | null>(null);
  const filterId = useId();
  const needle = filter.trim().toLowerCase();
  const visible = needle
    ? people.filter((p) => `${p.name} ${p.email} ${p.memberships.map((m) => `${m.roleLabel} ${m.schoolName ?? ""}`).join(" ")}`.toLowerCase().includes(needle))
    : people;

  if (!people.length) return <EmptyState title="Nobody has an account yet" />;
  return (
    <>
      <div className="toolbar">
        <label htmlFor={filterId}>Find a person</label>
        <input id={filterId} type="search" value={filter} onChange={(e) => setFilter(e.target.value)} placeholder="Name, email, role or school" />
      </div>
      {visible.length === 0 ? (
        <EmptyState title={`Nobody matches “${filter.trim()}”`} />
      ) : (
        <div className="table-wrap">
          <table className="table">
            <caption className="visually-hidden">People and their roles</caption>
            <thead>
              <tr>
                <th scope="col">Person</th>
                <th scope="col">Roles</th>
              </tr>
            </thead>
            <tbody>
              {visible.map((person) => (
                <tr key={person.id}>
                  <th scope="row">
                    {person.name}
                    {person.id === myId ? " (you)" : ""}
                    <span className="cell-secondary">{person.email}</span>
                  </th>
                  <td>
                    {person.memberships.length ? (
                      <ul className="role-list">
                        {person.memberships.map((m) => (
                          <li key={m.id}>
                            <span>
                              {m.roleLabel}
                              {m.schoolName ? ` · ${m.schoolName}` : " · whole trust"}
                            </span>
                            {person.id === myId && m.role === "trust_admin" ? (
                              // Removing your own admin role would lock you out of this page: another admin must do it.
                              <span className="cell-secondary">your admin role</span>
                            ) : (
                              <MembershipRemover membership={m} personName={person.name} onRemoved={onChanged} />
                            )}
                          </li>
                        ))}
                      </ul>
                    ) : (
                      <span className="cell-secondary">No roles: cannot see any school</span>
                    )}
                    {addingFor === person.id ? (
                      <AddRoleForm
                        person={person}
                        schools={schools}
                        onCancel={() => setAddingFor(null)}
                        onAdded={(message) => {
                          setAddingFor(null);
                          onChanged(message);
                        }}
                      />
                    ) : (
                      <button
                        type="button"
                        className="button button-quiet button-small add-role-button"
                        onClick={() => setAddingFor(person.id)}
                      >
                        Add role<span className="visually-hidden"> for {person.name}</span>
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
