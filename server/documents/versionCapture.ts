/** What a named version keeps: the Yjs state at approval, and its blocks read from that same state. */
import * as Y from "yjs";
import type { Collab } from "../collab/index.js";
import { blockElements, readBlockSelf } from "../progress/blockReader.js";
import type { VersionCapture } from "../commands/documentStatusChanger.js";
import type { VersionBlock } from "./versionDiff.js";

/** The blocks of a Y.Doc in document order; a repeated id falls back to the element's Yjs id, so two blocks never merge. */
export function versionBlocks(doc: Y.Doc): VersionBlock[] {
  const seen = new Set<string>();
  return blockElements(doc.getXmlFragment("default")).map((element) => {
    const self = readBlockSelf(element);
    const id = self.blockId && !seen.has(self.blockId) ? self.blockId : self.itemId;
    seen.add(id);
    return { id, type: self.type, text: self.text, attrs: self.attrs as unknown as Record<string, unknown> };
  });
}

/** Captures a document's current state, including edits the log has not stored yet. */
export async function captureVersion(collab: Collab, documentId: string): Promise<VersionCapture> {
  const state = await collab.documentState(documentId);
  const doc = new Y.Doc();
  try {
    Y.applyUpdate(doc, state);
    return { state, blocks: versionBlocks(doc) };
  } finally {
    doc.destroy();
  }
}
