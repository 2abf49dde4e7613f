/** "Changes since approval": the prose sections and blocks added, removed or changed since the latest approved version. */
import { useState } from "react";
import { useResource } from "../../api/useResource.js";
import { ResourceView } from "../../components/ResourceView.js";
import { changeTypeLabel, fieldLabel, goToBlock, valueWords } from "./changeWords.js";
import { listChanges, type BlockChange } from "./lifecycleApi.js";

const CHANGE_LABELS: Record<BlockChange["change"], string> = { added: "Added", removed: "Removed", changed: "Changed" };

function ChangeList({ documentId, names }: { documentId: string; names: ReadonlyMap<string, string> }) {
  const changes = useResource((signal) => listChanges(documentId, signal), [documentId]);
  return (
    <ResourceView resource={changes} loadingLabel="Comparing with the approved version" errorTitle="The changes could not be worked out">
      {({ since, changes: list }) => (
        <>
          <p className="hint">
            Compared with <strong>{since.name}</strong>.
          </p>
          {list.length === 0 ? (
            <p>Nothing in the text or the blocks has changed since then.</p>
          ) : (
            <ul className="gv-changes">
              {list.map((c) => (
                <li key={`${c.change}-${c.id}`} className={`gv-change gv-change-${c.change}`} data-change={c.change} data-block-id={c.id}>
                  <span className={`badge gv-change-badge gv-change-badge-${c.change}`}>{CHANGE_LABELS[c.change]}</span>{" "}
                  <span className="gv-change-type">{changeTypeLabel(c.type)}</span>{" "}
                  {/* A section of prose has no anchor of its own: it is named by its heading. */}
                  {c.change === "removed" || c.type === "prose" ? (
                    <span className="gv-change-text">{c.text || "(no text)"}</span>
                  ) : (
                    <a
                      href={`#block-${c.id}`}
                      className="gv-change-text"
                      onClick={(e) => {
                        if (goToBlock(c.id)) e.preventDefault();
                      }}
                    >
                      {c.text || "(no text)"}
                    </a>
                  )}
                  {c.fields.length > 0 ? (
                    <ul className="gv-change-fields">
                      {c.fields.map((f) => (
                        <li key={f.field}>
                          <span className="gv-field-name">{fieldLabel(f.field)}:</span> <span className="gv-old">{valueWords(f.field, f.from, names)}</span>
                          {" → "}
                          <span className="gv-new">{valueWords(f.field, f.to, names)}</span>
                        </li>
                      ))}
                    </ul>
                  ) : null}
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </ResourceView>
  );
}

/** A fold-out section; the comparison is only worked out once someone opens it. */
export function ChangesSinceApproval({ documentId, names }: { documentId: string; names: ReadonlyMap<string, string> }) {
  const [open, setOpen] = useState(false);
  return (
    <details className="gv-fold" onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>Changes since approval</summary>
      {open ? <ChangeList documentId={documentId} names={names} /> : null}
    </details>
  );
}
