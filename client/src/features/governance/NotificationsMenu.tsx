/** The header's notifications: a badge with the unread count, and a list whose entries open the thread. */
import { useEffect, useId, useRef, useState } from "react";
import { Link, useLocation, useNavigate } from "react-router";
import { formatDateTime } from "../../components/dates.js";
import { useNotifications } from "./useNotifications.js";
import "./governance.css";

function describe(kind: string, actor: string | null, title: string | null, line: string): string {
  if (line) return line;
  const who = actor ?? "Someone";
  if (kind === "mention") return `${who} mentioned you${title ? ` in ${title}` : ""}`;
  return `${who}${title ? ` · ${title}` : ""}`;
}

/** The bell with its unread badge, opening the list of notifications. */
export function NotificationsMenu() {
  const id = useId();
  const { unread, items, refresh, read, readAll } = useNotifications(true);
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  const toggle = useRef<HTMLButtonElement>(null);
  const navigate = useNavigate();
  const location = useLocation();

  // Close on navigation, on Escape and on a click elsewhere.
  useEffect(() => setOpen(false), [location.pathname, location.hash]);
  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== "Escape") return;
      setOpen(false);
      toggle.current?.focus();
    };
    const onPointer = (e: PointerEvent) => {
      if (!root.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener("keydown", onKey);
    document.addEventListener("pointerdown", onPointer);
    return () => {
      document.removeEventListener("keydown", onKey);
      document.removeEventListener("pointerdown", onPointer);
    };
  }, [open]);

  const label = unread === 0 ? "Notifications" : `Notifications, ${unread} unread`;
  return (
    <div className="gv-notifications" ref={root}>
      <button
        ref={toggle}
        type="button"
        className="gv-bell"
        aria-expanded={open}
        aria-controls={`${id}-panel`}
        aria-label={label}
        title={label}
        onClick={() => {
          if (!open) refresh();
          setOpen((v) => !v);
        }}
      >
        <svg className="gv-bell-icon" viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false">
          <path
            fill="currentColor"
            d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3.5a1.5 1.5 0 0 0-3 0v.66A7 7 0 0 0 5 11v5l-2 2v1h18v-1l-2-2Z"
          />
        </svg>
        {unread > 0 ? (
          <span className="gv-badge" data-testid="notification-count" aria-hidden="true">
            {unread > 99 ? "99+" : unread}
          </span>
        ) : null}
      </button>
      {open ? (
        <section id={`${id}-panel`} className="gv-notification-panel" aria-label="Notifications">
          <div className="gv-notification-head">
            <h2>Notifications</h2>
            {unread > 0 ? (
              <button type="button" className="gv-link-button" onClick={() => void readAll()}>
                Mark all as read
              </button>
            ) : null}
            <Link className="gv-link-button" to="/settings/notifications">
              Settings
            </Link>
          </div>
          {items.length === 0 ? (
            <p className="hint gv-notification-empty">Nothing yet. Mentions, actions you own, replies and plans awaiting you show here.</p>
          ) : (
            <ul className="gv-notification-list">
              {items.map((n) => (
                <li key={n.id} className={n.read ? "is-read" : "is-unread"}>
                  <a
                    href={n.link ?? "#"}
                    onClick={(e) => {
                      e.preventDefault();
                      void read(n.id);
                      setOpen(false);
                      if (n.link) navigate(n.link);
                    }}
                  >
                    <span className="gv-notification-title">
                      {!n.read ? <span className="visually-hidden">Unread: </span> : null}
                      {describe(n.kind, n.actorName, n.documentTitle, n.title)}
                    </span>
                    {n.excerpt ? <span className="gv-notification-excerpt">“{n.excerpt}”</span> : null}
                    <time dateTime={n.createdAt} className="gv-notification-time">
                      {formatDateTime(n.createdAt)}
                    </time>
                  </a>
                </li>
              ))}
            </ul>
          )}
        </section>
      ) : null}
    </div>
  );
}
