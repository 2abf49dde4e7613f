/** The live plan editor: Tiptap bound to the document's Y.Doc, with carets, presence, toolbar and slash menu. */
import { Collaboration } from "@tiptap/extension-collaboration";
import { CollaborationCaret } from "@tiptap/extension-collaboration-caret";
import { Placeholder } from "@tiptap/extensions";
import { EditorContent, useEditor } from "@tiptap/react";
import { useEffect, useMemo, useState } from "react";
import { planExtensions } from "../../../shared/blocks/nodes.js";
import type { FrameworkKey } from "../../../shared/frameworks/index.js";
import { CommentHighlights } from "../features/comments/commentHighlights.js";
import { CommentsMargin } from "../features/comments/CommentsMargin.js";
import { KeepYjsMapping } from "./keepYjsMapping.js";
import { DeletedBlocks } from "./deletedBlocks.js";
import { blockNodeViews } from "./nodeViews.js";
import { PlanContext, type Person, type PlanContextValue } from "./PlanContext.js";
import { ReadingContext } from "./reading/ReadingContext.js";
import { ReadingToggle } from "./reading/ReadingToggle.js";
import { usePrintAsReading } from "./reading/usePrintAsReading.js";
import { SlashCommand } from "./slashCommand.js";
import { ConnectionStatus, PresenceList } from "./StatusBar.js";
import { TargetIndex } from "./targetIndex.js";
import { Toolbar } from "./Toolbar.js";
import { UndoDeleteToast } from "./UndoDeleteToast.js";
import type { CollabDocument, ConnectionState } from "./useCollabDocument.js";
import { usePresence } from "./usePresence.js";
import { useScrollToBlock } from "./useScrollToBlock.js";

export interface PlanEditorProps {
  collab: CollabDocument;
  connection: ConnectionState;
  framework: FrameworkKey;
  me: { id: string; name: string };
  people: readonly Person[];
  /** Why the text cannot be changed; null when it can. */
  readOnlyReason: string | null;
}

const TYPE_HINT = "Write here, or type / to insert a priority, target or action";

export function PlanEditor({ collab, connection, framework, me, people, readOnlyReason }: PlanEditorProps) {
  const readOnly = readOnlyReason !== null;
  // Anyone who cannot edit reads; editors may switch to reading too.
  const [chosenReading, setChosenReading] = useState(false);
  const printing = usePrintAsReading();
  const reading = readOnly || chosenReading || printing;
  const targets = useMemo(() => new TargetIndex(), [collab]);
  const deletedBlocks = useMemo(() => new DeletedBlocks(), [collab]);
  const self = useMemo(() => ({ id: me.id, name: me.name }), [me.id, me.name]);
  const present = usePresence(collab.provider, self);

  const editor = useEditor(
    {
      extensions: [
        ...planExtensions({ nodeViews: blockNodeViews() }),
        Collaboration.configure({ document: collab.ydoc, field: "default" }),
        KeepYjsMapping,
        // The server overwrites `user` with the session's identity and colour before anyone sees it.
        CollaborationCaret.configure({ provider: collab.provider, user: self }),
        Placeholder.configure({
          showOnlyCurrent: false,
          includeChildren: false,
          placeholder: ({ node, hasAnchor }) => (node.attrs.hint as string | null) ?? (hasAnchor && node.type.name === "paragraph" ? TYPE_HINT : ""),
        }),
        SlashCommand.configure({ framework }),
        CommentHighlights,
      ],
      editable: !readOnly,
      shouldRerenderOnTransaction: false,
      editorProps: {
        attributes: { class: "pe-prose", role: "textbox", "aria-multiline": "true", "aria-label": "Document text" },
        handleKeyDown: (_view, event) => {
          if (!(event.altKey && event.key === "F10")) return false;
          document.querySelector<HTMLButtonElement>(".pe-toolbar button")?.focus();
          return true;
        },
      },
    },
    [collab],
  );

  useEffect(() => {
    if (editor.isEditable !== !reading) editor.setEditable(!reading);
  }, [editor, reading]);

  // The target picker's index follows the document once edits settle, not on every keystroke.
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const refresh = () => {
      clearTimeout(timer);
      timer = setTimeout(() => targets.refresh(editor.state.doc), 300);
    };
    refresh();
    editor.on("update", refresh);
    return () => {
      clearTimeout(timer);
      editor.off("update", refresh);
    };
  }, [editor, targets]);

  useScrollToBlock(editor, connection.synced);

  const ctx = useMemo<PlanContextValue>(
    () => ({ framework, people, peopleById: new Map(people.map((p) => [p.id, p])), readOnly, targets, deletedBlocks }),
    [framework, people, readOnly, targets, deletedBlocks],
  );

  return (
    <PlanContext.Provider value={ctx}>
      <ReadingContext.Provider value={reading}>
      <div className={`${readOnly ? "pe-shell is-readonly" : "pe-shell"}${reading ? " is-reading" : ""}`}>
        <div className="pe-topbar">
          <PresenceList people={present} />
          <ConnectionStatus connection={connection} readOnly={readOnly} />
          {!readOnly && <ReadingToggle reading={chosenReading} onChange={setChosenReading} />}
        </div>
        {readOnlyReason && (
          <div className="pe-readonly-banner" role="note" data-testid="readonly-banner">
            <strong>Read only.</strong> {readOnlyReason}
          </div>
        )}
        {!reading && <Toolbar editor={editor} framework={framework} />}
        <EditorContent editor={editor} className="pe-editor" />
        <CommentsMargin editor={editor} />
        {!reading && <UndoDeleteToast editor={editor} store={deletedBlocks} />}
      </div>
      </ReadingContext.Provider>
    </PlanContext.Provider>
  );
}
