/** A synthetic typing trace: characters typed one at a time into Tiptap-shaped paragraphs, with corrections. */
import * as Y from "yjs";

const PROSE =
  "Pupils in Year 4 will read daily with an adult, and the reading lead will check progress each half term. " +
  "Attendance of disadvantaged pupils rises to the national average by the spring census. ";

/** Replays `count` keystrokes into a fresh doc, calling `onUpdate` with each Yjs update. */
export function typeTrace(count: number, onUpdate: (update: Uint8Array) => void): Y.Doc {
  const doc = new Y.Doc();
  doc.on("update", (u: Uint8Array) => onUpdate(u));
  const fragment = doc.getXmlFragment("default");
  let paragraph: Y.XmlText | null = null;
  let typed = 0;
  // A fixed-seed generator keeps the trace (and so the figures) the same on every run.
  let seed = 42;
  const random = () => {
    seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
    return seed / 2 ** 31;
  };
  for (let i = 0; i < count; i++) {
    if (!paragraph || (paragraph.length > 60 && PROSE[typed % PROSE.length] === " ")) {
      const element = new Y.XmlElement("paragraph");
      const text = new Y.XmlText();
      element.insert(0, [text]);
      fragment.insert(fragment.length, [element]);
      paragraph = text;
      continue;
    }
    if (paragraph.length > 0 && random() < 0.04) {
      paragraph.delete(paragraph.length - 1, 1); // a backspace
      continue;
    }
    paragraph.insert(paragraph.length, PROSE[typed++ % PROSE.length]!);
  }
  return doc;
}
