/** "Home › Oakfield Primary › Single Plan": where this page sits, as links back up. */
import { Link } from "react-router";

export function Breadcrumb({ trail = [], current }: { trail?: { to: string; label: string }[]; current: string }) {
  const links = [{ to: "/", label: "Home" }, ...trail];
  return (
    <nav aria-label="Breadcrumb" className="breadcrumb">
      <ol>
        {links.map((link) => (
          <li key={link.to}>
            <Link to={link.to}>{link.label}</Link>
          </li>
        ))}
        <li>
          <span aria-current="page">{current}</span>
        </li>
      </ol>
    </nav>
  );
}
