import { getSchema } from "@tiptap/core";
import { prosemirrorJSONToYXmlFragment, yXmlFragmentToProseMirrorRootNode } from "@tiptap/y-tiptap";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { planExtensions } from "../../shared/blocks/nodes.js";
import { isBlockId, isBlockType } from "../../shared/blocks/schema.js";
import { DOCUMENT_KINDS } from "../../shared/enums.js";
import { FRAMEWORK_KEYS, FRAMEWORKS } from "../../shared/frameworks/index.js";
import { writeTemplate } from "../../shared/templates/index.js";

const schema = getSchema(planExtensions());
const combos = DOCUMENT_KINDS.flatMap((kind) => FRAMEWORK_KEYS.map((framework) => ({ kind, framework })));

function templateDoc(kind: (typeof DOCUMENT_KINDS)[number], framework: (typeof FRAMEWORK_KEYS)[number]) {
  const doc = new Y.Doc();
  expect(writeTemplate(doc, { kind, framework })).toBe(true);
  return doc;
}

/** Elements of the fragment as plain data: name, attributes, text, children. */
function shape(node: Y.XmlElement | Y.XmlText | Y.XmlFragment): unknown {
  if (node instanceof Y.XmlText) return { text: node.toDelta() };
  const children = node.toArray().map((c) => shape(c as Y.XmlElement | Y.XmlText));
  if (node instanceof Y.XmlElement) return { name: node.nodeName, attrs: node.getAttributes(), children };
  return children;
}

const blocks = (doc: Y.Doc) =>
  doc.getXmlFragment("default").toArray().filter((n): n is Y.XmlElement => n instanceof Y.XmlElement && isBlockType(n.nodeName));

describe.each(combos)("the $kind template ($framework)", ({ kind, framework }) => {
  it("is stored exactly as the editor would store it, and is valid in the editor's schema", () => {
    const doc = templateDoc(kind, framework);
    const fragment = doc.getXmlFragment("default");
    const written = shape(fragment);
    const count = fragment.length;
    // The same conversion the collaboration binding runs when the editor opens the document
    // (it deletes any element the schema rejects, so the count would drop).
    const pmDoc = yXmlFragmentToProseMirrorRootNode(fragment, schema);
    pmDoc.check();
    expect(pmDoc.childCount).toBe(count);
    // And what y-prosemirror writes back for that document is what we wrote.
    const rewritten = new Y.Doc();
    prosemirrorJSONToYXmlFragment(schema, pmDoc.toJSON(), rewritten.getXmlFragment("default"));
    expect(shape(rewritten.getXmlFragment("default"))).toEqual(written);
  });

  it("holds no data that would count as progress: every block is an empty placeholder", () => {
    const found = blocks(templateDoc(kind, framework));
    expect(found.length).toBeGreaterThan(0);
    const ids = found.map((b) => b.getAttribute("id"));
    expect(ids.every(isBlockId)).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    for (const block of found) {
      expect(block.length).toBe(0);
      const { id: _id, area: _area, framework: _fw, kind: _kind, ...progress } = block.getAttributes();
      expect(progress).toEqual({});
    }
  });

  it("is written once: a document that has content is left alone", () => {
    const doc = templateDoc(kind, framework);
    const before = Y.encodeStateAsUpdate(doc);
    expect(writeTemplate(doc, { kind, framework })).toBe(false);
    expect(Y.encodeStateAsUpdate(doc)).toEqual(before);
  });
});

describe("SEF templates", () => {
  it.each(FRAMEWORK_KEYS)("judge every area of %s on that framework, plus safeguarding", (framework) => {
    const judgements = blocks(templateDoc("sef", framework)).filter((b) => b.nodeName === "judgement");
    expect(judgements.map((j) => j.getAttribute("area"))).toEqual([...FRAMEWORKS[framework].areas.map((a) => a.key), "safeguarding"]);
    expect(judgements.every((j) => j.getAttribute("framework") === framework)).toBe(true);
  });
});

describe("plan templates", () => {
  it.each(["single_plan", "adp"] as const)("give %s priorities each with a target and an action", (kind) => {
    const names = blocks(templateDoc(kind, "ofsted-2025")).map((b) => b.nodeName);
    const priorities = names.filter((n) => n === "priority").length;
    expect(priorities).toBeGreaterThanOrEqual(3);
    expect(names.join(",")).toBe(Array(priorities).fill("priority,target,action").join(","));
  });

  it("gives the ADP one priority per core area of the framework", () => {
    const areas = blocks(templateDoc("adp", "ofsted-2019")).filter((b) => b.nodeName === "priority").map((b) => b.getAttribute("area"));
    expect(areas).toEqual(FRAMEWORKS["ofsted-2019"].areas.filter((a) => !a.optional).map((a) => a.key));
  });

  it("gives a peer review strengths and areas for development", () => {
    const kinds = blocks(templateDoc("peer_review", "ofsted-2025")).map((b) => b.getAttribute("kind"));
    expect(kinds).toEqual(["strength", "strength", "development", "development"]);
  });

  it("gives a rapid action plan priorities with targets and several actions each", () => {
    const names = blocks(templateDoc("action_plan", "ofsted-2025")).map((b) => b.nodeName);
    expect(names).toEqual(["priority", "target", "action", "action", "priority", "target", "action", "action"]);
  });
});
