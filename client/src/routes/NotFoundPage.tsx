/** Any URL Trellis does not know. */
import { Link } from "react-router";
import { usePageTitle } from "../components/usePageTitle.js";

export function NotFoundPage() {
  usePageTitle("Page not found");
  return (
    <div className="page narrow">
      <h1>Page not found</h1>
      <p className="lead">There is no page at this address. It may have moved, or the link may be mistyped.</p>
      <p>
        <Link to="/" className="button button-primary">
          Go to your home page
        </Link>
      </p>
    </div>
  );
}
