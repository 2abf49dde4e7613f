/**
 * The navigation's action links: "My actions" for everyone (what they own, across every school
 * they can see), and the tracker: the whole trust for trust roles, their school's for heads,
 * champions and governors. Both go to /actions, so the current one is told apart by its query.
 */
import { Link, useLocation } from "react-router";
import type { Me } from "../../api/types.js";

const SCHOOL_TRACKER_ROLES = new Set(["school_leader", "improvement_champion", "governor"]);

/** The tracker link the person gets, or null (viewers see their own list only). */
function trackerLink(me: Me): { to: string; label: string } | null {
  if (me.abilities.viewTrust) return { to: "/actions", label: "Actions" };
  const school = me.roles.find((r) => r.schoolId && SCHOOL_TRACKER_ROLES.has(r.role));
  return school ? { to: `/actions?schoolId=${school.schoolId}`, label: "School actions" } : null;
}

export function ActionsNav({ me }: { me: Me }) {
  const location = useLocation();
  const here = location.pathname === "/actions" ? new URLSearchParams(location.search) : null;
  const mine = here?.get("owner") === "me" || here?.get("owner") === me.user.id;
  const tracker = trackerLink(me);
  return (
    <>
      <li>
        <Link to="/actions?owner=me" aria-current={here && mine ? "page" : undefined}>
          My actions
        </Link>
      </li>
      {tracker ? (
        <li>
          <Link to={tracker.to} aria-current={here && !mine ? "page" : undefined}>
            {tracker.label}
          </Link>
        </li>
      ) : null}
    </>
  );
}
