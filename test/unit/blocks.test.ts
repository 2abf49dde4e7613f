import { Editor, getSchema } from "@tiptap/core";
import { ySyncPluginKey } from "@tiptap/y-tiptap";
import { EditorState, type Transaction } from "@tiptap/pm/state";
import { describe, expect, it } from "vitest";
import { planExtensions, uniqueBlockIdsPlugin } from "../../shared/blocks/nodes.js";
import { BLOCK_ATTRIBUTES, BLOCK_TYPES, isBlockId, newBlockId, parseBlockAttrs } from "../../shared/blocks/schema.js";

const OWNER = "6f1c1b7e-3a54-4c1e-9a51-0b7a6f0f2c11";
const ID_A = "11111111-1111-4111-8111-111111111111";
const ID_B = "22222222-2222-4222-8222-222222222222";

describe("block attributes", () => {
  it("keeps valid target attributes as they are, arrays as arrays", () => {
    const { attrs, warnings } = parseBlockAttrs("target", {
      area: "attendance_behaviour", measure: "Persistent absence", baseline: "21.4%", goal: "15%", current: "18.9%",
      due: "2027-07-16", owners: [OWNER], rag: "amber", outcome: "partially_met",
    });
    expect(warnings).toEqual([]);
    expect(attrs).toEqual({
      area: "attendance_behaviour", measure: "Persistent absence", baseline: "21.4%", goal: "15%", current: "18.9%",
      due: "2027-07-16", owners: [OWNER], rag: "amber", outcome: "partially_met", carriedFrom: null,
    });
  });

  it("supplies defaults for attributes Tiptap left off the element", () => {
    const { attrs, warnings } = parseBlockAttrs("action", { id: ID_A });
    expect(warnings).toEqual([]);
    expect(attrs).toMatchObject({ owners: [], due: null, rag: "none", status: "not_started", cost: "", successCriteria: "" });
  });

  it("replaces each invalid value with its default and says why, keeping the block", () => {
    const { attrs, warnings } = parseBlockAttrs("action", {
      due: "2027-02-30", start: "next week", rag: "purple", status: "finished", owners: [OWNER, "bob"], targetId: "t-1",
    });
    expect(attrs).toMatchObject({ due: null, start: null, rag: "none", status: "not_started", owners: [OWNER], targetId: null });
    expect(warnings.map((w) => w.attribute).sort()).toEqual(["due", "owners", "rag", "start", "status", "targetId"]);
  });

  it("accepts a grade only on its own framework's scale, and safeguarding only met or not met", () => {
    expect(parseBlockAttrs("judgement", { framework: "ofsted-2025", area: "inclusion", grade: "strong_standard" }).warnings).toEqual([]);
    const mixed = parseBlockAttrs("judgement", { framework: "ofsted-2025", area: "inclusion", grade: "good" });
    expect(mixed.attrs.grade).toBeNull();
    expect(mixed.warnings[0]?.attribute).toBe("grade");
    expect(parseBlockAttrs("judgement", { framework: "ofsted-2025", area: "safeguarding", grade: "met" }).warnings).toEqual([]);
    expect(parseBlockAttrs("judgement", { framework: "ofsted-2019", area: "safeguarding", grade: "met" }).attrs.grade).toBeNull();
    expect(parseBlockAttrs("finding", { area: "not_an_area", kind: "strength" }).warnings[0]?.attribute).toBe("area");
  });

  it("makes v4 UUIDs, also where crypto.randomUUID is missing (plain http)", () => {
    expect(isBlockId(newBlockId())).toBe(true);
    const original = globalThis.crypto.randomUUID;
    try {
      Object.defineProperty(globalThis.crypto, "randomUUID", { value: undefined, configurable: true });
      const id = newBlockId();
      expect(isBlockId(id)).toBe(true);
      expect(id[14]).toBe("4");
    } finally {
      Object.defineProperty(globalThis.crypto, "randomUUID", { value: original, configurable: true });
    }
  });
});

describe("block nodes", () => {
  const schema = getSchema(planExtensions());

  it("defines every block with the schema's attributes plus id, all defaulting to null", () => {
    for (const type of BLOCK_TYPES) {
      const node = schema.nodes[type]!;
      expect(node.spec.group).toBe("block");
      expect(node.spec.content).toBe("inline*");
      expect(Object.keys(node.spec.attrs!).sort()).toEqual(["id", ...Object.keys(BLOCK_ATTRIBUTES[type])].sort());
      expect(Object.values(node.spec.attrs!).every((a) => a.default === null)).toBe(true);
    }
  });
});

/** A ProseMirror state with the unique-id plugin (a headless Tiptap Editor only runs plugins in a view). */
function planState(content: object[]) {
  const editor = new Editor({ element: null, extensions: planExtensions(), content: { type: "doc", content } });
  const state = EditorState.create({ doc: editor.state.doc, plugins: [uniqueBlockIdsPlugin()] });
  editor.destroy();
  return state;
}
const action = (id: string | null, text: string, extra: object = {}) => ({ type: "action", attrs: { id, ...extra }, content: [{ type: "text", text }] });
const ids = (state: EditorState) => state.doc.content.content.map((n) => n.attrs.id as string);
const texts = (state: EditorState) => state.doc.content.content.map((n) => n.textContent);

describe("unique block ids", () => {
  it("gives a block made without an id a UUID", () => {
    const state = planState([{ type: "paragraph" }]);
    const next = state.apply(state.tr.insert(0, state.schema.nodes.target!.create()));
    expect(isBlockId(ids(next)[0])).toBe(true);
  });

  it("gives a pasted copy a fresh id and leaves the original's alone, wherever the copy lands", () => {
    const state = planState([action(ID_A, "Original", { rag: "red", owners: [OWNER] }), action(ID_B, "Other")]);
    const copy = state.doc.child(0);

    const below = state.apply(state.tr.insert(state.doc.content.size, copy));
    expect(texts(below)).toEqual(["Original", "Other", "Original"]);
    expect(ids(below).slice(0, 2)).toEqual([ID_A, ID_B]);
    expect(isBlockId(ids(below)[2]) && ids(below)[2] !== ID_A).toBe(true);

    // Pasted above its original: the copy is the one this change touched, so it is the one renamed.
    const above = state.apply(state.tr.insert(0, copy));
    expect(ids(above)[1]).toBe(ID_A);
    expect(ids(above)[0]).not.toBe(ID_A);
    expect(new Set(ids(above)).size).toBe(3);
    expect(above.doc.child(0).attrs.rag).toBe("red");
  });

  it("leaves duplicates that arrive from Yjs to the editor that made them", () => {
    const state = planState([action(ID_A, "Original")]);
    const remote: Transaction = state.tr.insert(0, state.doc.child(0)).setMeta(ySyncPluginKey, { isChangeOrigin: true });
    expect(ids(state.apply(remote))).toEqual([ID_A, ID_A]);
  });

  it("does nothing when ids are already unique", () => {
    const state = planState([action(ID_A, "One"), action(ID_B, "Two")]);
    const { state: next, transactions } = state.applyTransaction(state.tr.insertText("!", 4));
    expect(transactions).toHaveLength(1);
    expect(ids(next)).toEqual([ID_A, ID_B]);
  });
});
