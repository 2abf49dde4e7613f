/** The header on every page: the Trellis name, the nav the person's abilities allow, who is signed in, and sign-out. */
import { useState } from "react";
import { Link, NavLink, useNavigate } from "react-router";
import { NotificationsMenu } from "../features/governance/NotificationsMenu.js";
import { SearchBox } from "../features/search/SearchBox.js";
import { ActionsNav } from "../features/progress/ActionsNav.js";
import { useSession } from "../session/SessionContext.js";

export function AppHeader() {
  const { me, signOut } = useSession();
  const navigate = useNavigate();
  const [signingOut, setSigningOut] = useState(false);

  async function handleSignOut() {
    setSigningOut(true);
    try {
      await signOut();
    } finally {
      setSigningOut(false);
      navigate("/", { replace: true });
    }
  }

  return (
    <header className="app-header">
      <div className="app-header-inner">
        <Link to="/" className="brand" aria-label="Trellis, home">
          <span className="brand-mark" aria-hidden="true">
            ▦
          </span>
          Trellis
        </Link>
        {me ? (
          <>
            <nav aria-label="Main" className="main-nav">
              <ul>
                <li>
                  <NavLink to="/" end>
                    Home
                  </NavLink>
                </li>
                {me.abilities.viewTrust ? (
                  <li>
                    <NavLink to="/trust">Trust</NavLink>
                  </li>
                ) : null}
                <ActionsNav me={me} />
                {me.abilities.managePeople ? (
                  <li>
                    <NavLink to="/people">People</NavLink>
                  </li>
                ) : null}
                {me.abilities.readAudit ? (
                  <li>
                    <NavLink to="/audit">Audit</NavLink>
                  </li>
                ) : null}
                {me.abilities.managePeople ? (
                  <li>
                    <NavLink to="/calendar">Calendar</NavLink>
                  </li>
                ) : null}
              </ul>
            </nav>
            <SearchBox />
            <div className="account">
              <NotificationsMenu />
              <span className="account-name" title={me.user.email}>
                <span className="visually-hidden">Signed in as </span>
                {me.user.name}
              </span>
              <button type="button" className="button button-quiet" onClick={() => void handleSignOut()} disabled={signingOut}>
                {signingOut ? "Signing out…" : "Sign out"}
              </button>
            </div>
          </>
        ) : null}
      </div>
    </header>
  );
}
