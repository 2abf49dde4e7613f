/** The schools a person may see, as a table of name, phase and tier (tier in words, not colour alone). */
import { Link } from "react-router";
import { PHASE_LABELS } from "../../../../shared/enumValues.js";
import type { School } from "../../api/types.js";
import { TierBadge } from "../../components/TierBadge.js";

export function SchoolTable({ schools, caption }: { schools: School[]; caption: string }) {
  return (
    <div className="table-wrap">
      <table className="table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">School</th>
            <th scope="col">Phase</th>
            <th scope="col">Tier</th>
          </tr>
        </thead>
        <tbody>
          {schools.map((school) => (
            <tr key={school.id}>
              <th scope="row">
                <Link to={`/schools/${school.id}`}>{school.name}</Link>
              </th>
              <td>{PHASE_LABELS[school.phase] ?? school.phase}</td>
              <td>
                <TierBadge tier={school.tier} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
