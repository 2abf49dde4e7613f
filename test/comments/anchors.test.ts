import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { anchorFor, resolveAnchor } from "../../shared/comments/anchors.js";

/** A document shaped as Tiptap stores it: a paragraph element holding an XmlText. */
function planDoc(text: string) {
  const doc = new Y.Doc();
  const paragraph = new Y.XmlElement("paragraph");
  doc.getXmlFragment("default").insert(0, [paragraph]);
  const xmlText = new Y.XmlText();
  paragraph.insert(0, [xmlText]);
  xmlText.insert(0, text);
  return { doc, xmlText };
}

const sync = (a: Y.Doc, b: Y.Doc) => {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
};

const anchoredText = (doc: Y.Doc, anchor: ReturnType<typeof anchorFor>) => {
  const resolved = resolveAnchor(doc, anchor)!;
  return (resolved.type as Y.XmlText).toString().slice(resolved.from, resolved.to);
};

describe("comment anchors", () => {
  const sentence = "We will raise attendance of disadvantaged pupils to 94%.";
  const start = sentence.indexOf("attendance");
  const end = start + "attendance of disadvantaged pupils".length;

  it("stay on the same words through concurrent inserts before, inside and after the range", () => {
    const { doc: a, xmlText } = planDoc(sentence);
    const b = new Y.Doc();
    sync(a, b);
    const anchor = anchorFor(xmlText, start, end);

    // Two people edit at once: one before the range and at its end, one inside it.
    const textA = (a.getXmlFragment("default").get(0) as Y.XmlElement).get(0) as Y.XmlText;
    const textB = (b.getXmlFragment("default").get(0) as Y.XmlElement).get(0) as Y.XmlText;
    textA.insert(0, "By July, ");
    textA.insert(textA.length - 1, " or above");
    textB.insert(start + "attendance of ".length, "our ");
    sync(a, b);

    expect(anchoredText(a, anchor)).toBe("attendance of our disadvantaged pupils");
    expect(anchoredText(b, anchor)).toBe("attendance of our disadvantaged pupils");
    expect(resolveAnchor(b, anchor)!.removed).toBe(false);
  });

  it("collapse, not vanish, when the text is deleted", () => {
    const { doc, xmlText } = planDoc(sentence);
    const anchor = anchorFor(xmlText, start, end);
    xmlText.delete(start - 1, end - start + 1);
    const resolved = resolveAnchor(doc, anchor)!;
    expect(resolved.removed).toBe(true);
  });

  it("resolve on a fresh replica loaded from the stored state", () => {
    const { doc, xmlText } = planDoc(sentence);
    const anchor = anchorFor(xmlText, start, end);
    const replica = new Y.Doc();
    Y.applyUpdate(replica, Y.encodeStateAsUpdate(doc));
    expect(anchoredText(replica, anchor)).toBe("attendance of disadvantaged pupils");
  });
});
