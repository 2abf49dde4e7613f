/** The editor's status line: who is here, and whether edits are online and saved. */
import type { ConnectionState } from "./useCollabDocument.js";
import type { PresentPerson } from "./usePresence.js";

const initials = (name: string) =>
  name
    .split(/\s+/)
    .filter((w) => /^[A-Za-z]/.test(w) && !/^(Dr|Mr|Mrs|Ms|Miss|Revd)$/.test(w))
    .slice(0, 2)
    .map((w) => w[0]!.toUpperCase())
    .join("");

/** Online or offline, and saved or not; read out politely to screen readers when it changes. */
export function ConnectionStatus({ connection, readOnly }: { connection: ConnectionState; readOnly: boolean }) {
  const { status, synced, unsaved, ended, discarded } = connection;
  let state: string;
  let detail: string;
  if (ended) {
    state = "closed";
    detail = unsaved > 0 ? `${ended} ${unsaved} ${unsaved === 1 ? "edit was" : "edits were"} not saved.` : ended;
  } else if (status === "connected" && synced) {
    state = "online";
    if (readOnly) detail = discarded > 0 ? `Up to date. ${discarded} ${discarded === 1 ? "edit" : "edits"} made after the document became read-only ${discarded === 1 ? "was" : "were"} not saved.` : "Up to date";
    else detail = unsaved > 0 ? "Saving…" : "Saved";
  } else if (status === "disconnected") {
    state = "offline";
    detail = unsaved > 0 ? `${unsaved} unsaved ${unsaved === 1 ? "edit" : "edits"} kept on this page; they sync when you reconnect` : "Reconnecting when the network returns";
  } else {
    state = "connecting";
    detail = unsaved > 0 ? `${unsaved} unsaved ${unsaved === 1 ? "edit" : "edits"} kept on this page` : "Connecting…";
  }
  return (
    <div className={`pe-connection pe-connection-${state}`} data-state={state} data-saved={state === "online" && unsaved === 0 ? "true" : "false"} role="status" aria-live="polite">
      <span className="pe-connection-dot" aria-hidden="true" />
      <span className="pe-connection-state">{state === "online" ? "Online" : state === "offline" ? "Offline" : state === "closed" ? "Disconnected" : "Connecting"}</span>
      <span className="pe-connection-detail">{detail}</span>
    </div>
  );
}

/** Everyone in the document, with the colour of their cursor. */
export function PresenceList({ people }: { people: PresentPerson[] }) {
  return (
    <ul className="pe-presence" aria-label="People in this document">
      {people.map((p) => (
        <li key={p.id} className="pe-person" data-user-id={p.id} title={p.isSelf ? `${p.name} (you)` : p.name}>
          <span className="pe-avatar" style={{ boxShadow: `inset 0 0 0 0.2rem ${p.color ?? "#475569"}` }} aria-hidden="true">
            {initials(p.name) || "?"}
          </span>
          <span className="pe-person-name">{p.isSelf ? `${p.name} (you)` : p.name}</span>
        </li>
      ))}
    </ul>
  );
}
