/**
 * A named version, read-only, in the same editor and blocks as the live document but with no
 * connection: its saved Yjs state goes into a local Y.Doc that nothing else shares.
 */
import { Collaboration } from "@tiptap/extension-collaboration";
import { EditorContent, useEditor } from "@tiptap/react";
import { useEffect, useMemo } from "react";
import * as Y from "yjs";
import { planExtensions } from "../../../../shared/blocks/nodes.js";
import type { FrameworkKey } from "../../../../shared/frameworks/index.js";
import { blockNodeViews } from "../../editor/nodeViews.js";
import { PlanContext, type Person, type PlanContextValue } from "../../editor/PlanContext.js";
import { TargetIndex } from "../../editor/targetIndex.js";
import "../../editor/editor.css";

const fromBase64 = (text: string) => Uint8Array.from(atob(text), (ch) => ch.charCodeAt(0));

/** The version's text in a read-only editor (loaded lazily by the version page). */
export default function VersionViewer({ state, framework, people }: { state: string; framework: FrameworkKey; people: readonly Person[] }) {
  const ydoc = useMemo(() => {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, fromBase64(state));
    return doc;
  }, [state]);
  useEffect(() => () => ydoc.destroy(), [ydoc]);
  const targets = useMemo(() => new TargetIndex(), [ydoc]);

  const editor = useEditor(
    {
      extensions: [...planExtensions({ nodeViews: blockNodeViews() }), Collaboration.configure({ document: ydoc, field: "default" })],
      editable: false,
      editorProps: { attributes: { class: "pe-prose", "aria-label": "Text of this version", "aria-readonly": "true" } },
    },
    [ydoc],
  );

  useEffect(() => targets.refresh(editor.state.doc), [editor, targets]);

  const ctx = useMemo<PlanContextValue>(
    () => ({ framework, people, peopleById: new Map(people.map((p) => [p.id, p])), readOnly: true, targets }),
    [framework, people, targets],
  );
  return (
    <PlanContext.Provider value={ctx}>
      <div className="pe-shell is-readonly gv-version-shell" data-testid="version-viewer">
        <EditorContent editor={editor} className="pe-editor" />
      </div>
    </PlanContext.Provider>
  );
}
