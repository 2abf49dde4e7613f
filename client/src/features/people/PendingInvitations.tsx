/** Invitations that nobody has accepted yet, so the admin can see who still has to set a password. */
import type { PendingInvitation } from "../../api/types.js";
import { ROLE_LABELS } from "../../../../shared/enumValues.js";
import { formatDate } from "../../components/dates.js";
import { EmptyState } from "../../components/EmptyState.js";

export function PendingInvitations({ invitations }: { invitations: PendingInvitation[] }) {
  if (!invitations.length) return <EmptyState title="No invitations waiting" />;
  return (
    <div className="table-wrap">
      <table className="table">
        <caption className="visually-hidden">Invitations waiting to be accepted</caption>
        <thead>
          <tr>
            <th scope="col">Invited</th>
            <th scope="col">Role</th>
            <th scope="col">Link</th>
          </tr>
        </thead>
        <tbody>
          {invitations.map((invite) => (
            <tr key={invite.id}>
              <th scope="row">
                {invite.name ?? "First trust admin"}
                <span className="cell-secondary">{invite.email ?? "Email set on accepting"}</span>
              </th>
              <td>
                {ROLE_LABELS[invite.role] ?? invite.role}
                {invite.schoolName ? <span className="cell-secondary">{invite.schoolName}</span> : null}
              </td>
              <td>{invite.expired ? <span className="badge badge-warning">Expired</span> : `Expires ${formatDate(invite.expiresAt)}`}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
