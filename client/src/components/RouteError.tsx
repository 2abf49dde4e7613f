/** Shown when a page throws while rendering: a readable message and a way back, never a blank screen. */
import { Link, useRouteError } from "react-router";

export function RouteError() {
  const error = useRouteError();
  // Kept in the console for whoever is debugging; the person sees a calm message.
  console.error(error);
  return (
    <main id="main" className="app-main">
      <div className="page narrow">
        <h1>Something went wrong</h1>
        <div className="notice notice-error" role="alert">
          <p>This page hit a problem and could not be shown. Reloading usually helps; if it keeps happening, tell your trust admin.</p>
        </div>
        <p className="actions">
          <button type="button" className="button button-primary" onClick={() => window.location.reload()}>
            Reload the page
          </button>
          <Link to="/" className="button button-secondary">
            Go home
          </Link>
        </p>
      </div>
    </main>
  );
}
