/**
 * The editor for `/documents/:id`, loaded lazily by the page so sign-in and home stay light.
 * It reads who you are, the document and its school's people, then opens the live editor.
 */
import { useCallback, useEffect, useLayoutEffect, useState, type ReactNode } from "react";
import type { FrameworkKey } from "../../../shared/frameworks/index.js";
import { DEFAULT_FRAMEWORK, isFrameworkKey } from "../../../shared/frameworks/index.js";
import { type EditorPerson, loadEditorData, readOnlyReason, type DocumentWithAbilities, type EditorData } from "./editorData.js";
import { useMe } from "../session/SessionContext.js";
import { PlanEditor } from "./PlanEditor.js";
import { useCollabDocument } from "./useCollabDocument.js";
import "./editor.css";

// Shown for the moment between the server locking the document and the page re-reading why.
const LOCKED_NOW = "This document has just become read-only.";

export interface DocumentEditorProps {
  documentId: string;
  /** The document and abilities the page already loaded; read again only when the server refuses an edit. */
  initial?: DocumentWithAbilities;
  /** Shown until the editor is ready to type in (the page's reading preview); a loading line otherwise. */
  placeholder?: ReactNode;
  /** Called as the editor replaces the placeholder, before the browser paints. */
  onReady?: () => void;
}

/** Loads what the editor needs, then shows it; a refusal from the server re-reads the permissions. */
export default function DocumentEditor({ documentId, initial, placeholder, onReady }: DocumentEditorProps) {
  const [data, setData] = useState<EditorData | null>(null);
  const [error, setError] = useState<string | null>(null);

  const me = useMe();
  const load = useCallback(
    (preloaded?: DocumentWithAbilities, person?: EditorPerson) => {
      loadEditorData(documentId, preloaded, person).then(setData, (err: Error) => setError(err.message));
    },
    [documentId],
  );
  // The page's session already says who this is; only a refusal (below) asks the server again.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  useEffect(() => load(initial, me), [load]);

  // The server refused an edit or changed our access: the document was approved or reopened, or a role changed.
  const { collab, connection } = useCollabDocument(documentId, () => load());

  const ready = data !== null && collab !== null && connection.loaded && !error;
  // Once, as the editor first shows.
  useLayoutEffect(() => {
    if (ready) onReady?.();
  }, [ready, onReady]);

  if (error) {
    return (
      <>
        <div className="pe-message" role="alert">{error}</div>
        {placeholder}
      </>
    );
  }
  if (!ready) return placeholder ?? <div className="pe-message">Opening the document…</div>;
  const framework: FrameworkKey = isFrameworkKey(data.document.framework) ? data.document.framework : DEFAULT_FRAMEWORK;
  return (
    <PlanEditor
      collab={collab}
      connection={connection}
      framework={framework}
      me={data.me}
      people={data.people}
      readOnlyReason={connection.ended ?? (connection.writable === false ? (readOnlyReason(data) ?? LOCKED_NOW) : readOnlyReason(data))}
    />
  );
}
