/** The block menu's document changes, the owner picker's matching, and status against RAG. */
import { Editor } from "@tiptap/core";
import { EditorState } from "@tiptap/pm/state";
import { describe, expect, it } from "vitest";
import { deleteBlock, deletionNeedsConfirming, duplicateBlock, moveBlock, restoreBlock } from "../../client/src/editor/blockCommands.js";
import { matchPeople } from "../../client/src/editor/blocks/OwnerPicker.js";
import { statusRagMismatch } from "../../client/src/editor/statusRag.js";
import { planExtensions, uniqueBlockIdsPlugin } from "../../shared/blocks/nodes.js";
import { isBlockId } from "../../shared/blocks/schema.js";

const OWNER = "6f1c1b7e-3a54-4c1e-9a51-0b7a6f0f2c11";
const A = "11111111-1111-4111-8111-111111111111";
const B = "22222222-2222-4222-8222-222222222222";
const C = "33333333-3333-4333-8333-333333333333";

function planState(content: object[]) {
  const editor = new Editor({ element: null, extensions: planExtensions(), content: { type: "doc", content } });
  const state = EditorState.create({ doc: editor.state.doc, plugins: [uniqueBlockIdsPlugin()] });
  editor.destroy();
  return state;
}
const block = (type: string, id: string, text: string, extra: object = {}) => ({ type, attrs: { id, ...extra }, content: [{ type: "text", text }] });
const para = (text: string) => ({ type: "paragraph", content: [{ type: "text", text }] });
const texts = (state: EditorState) => state.doc.content.content.map((n) => n.textContent);
/** Where the top-level node with `text` starts. */
function posOf(state: EditorState, text: string): number {
  let found = -1;
  state.doc.forEach((n, offset) => {
    if (found < 0 && n.textContent === text) found = offset;
  });
  if (found < 0) throw new Error(`no node "${text}"`);
  return found;
}

describe("moving a block", () => {
  const state = planState([para("Intro"), block("target", A, "Target"), block("action", B, "Action", { rag: "amber", owners: [OWNER] }), para("End")]);

  it("swaps it with the node above or below, keeping its id and attributes", () => {
    const up = state.apply(moveBlock(state, posOf(state, "Action"), -1)!);
    expect(texts(up)).toEqual(["Intro", "Action", "Target", "End"]);
    const moved = up.doc.child(1);
    expect(moved.attrs).toMatchObject({ id: B, rag: "amber", owners: [OWNER] });

    const down = state.apply(moveBlock(state, posOf(state, "Target"), 1)!);
    expect(texts(down)).toEqual(["Intro", "Action", "Target", "End"]);
    expect(down.doc.child(2).attrs.id).toBe(A);
  });

  it("does nothing at the top or the bottom", () => {
    const top = planState([block("target", A, "Target"), para("End")]);
    expect(moveBlock(top, 0, -1)).toBeNull();
    const bottom = planState([para("Intro"), block("target", A, "Target")]);
    expect(moveBlock(bottom, posOf(bottom, "Target"), 1)).toBeNull();
  });
});

describe("duplicating a block", () => {
  it("puts a copy below with a new id and the same attributes, not marked as carried forward", () => {
    const state = planState([block("action", A, "Phonics catch-up", { rag: "green", due: "2027-03-26", owners: [OWNER], carriedFrom: C }), para("End")]);
    const done = duplicateBlock(state, 0)!;
    const next = state.apply(done.tr);
    expect(texts(next)).toEqual(["Phonics catch-up", "Phonics catch-up", "End"]);
    const [original, copy] = [next.doc.child(0), next.doc.child(1)];
    expect(original.attrs.id).toBe(A);
    expect(copy.attrs.id).toBe(done.id);
    expect(isBlockId(copy.attrs.id)).toBe(true);
    expect(copy.attrs.id).not.toBe(A);
    expect(copy.attrs).toMatchObject({ rag: "green", due: "2027-03-26", owners: [OWNER], carriedFrom: null });
    expect(original.attrs.carriedFrom).toBe(C);
  });
});

describe("deleting a block and undoing it", () => {
  it("asks first only when the block names owners or a due date", () => {
    const state = planState([block("action", A, "Owned", { owners: [OWNER] }), block("action", B, "Dated", { due: "2027-01-10" }), block("action", C, "Bare"), block("priority", OWNER, "Priority")]);
    expect(state.doc.content.content.map((n) => deletionNeedsConfirming(n))).toEqual([true, true, false, false]);
  });

  it("puts the block back after the block that preceded it, with its id and attributes", () => {
    const state = planState([block("target", A, "Target"), block("action", B, "Action", { owners: [OWNER], due: "2027-01-10" }), para("End")]);
    const { tr, deleted } = deleteBlock(state, posOf(state, "Action"))!;
    const gone = state.apply(tr);
    expect(texts(gone)).toEqual(["Target", "End"]);
    // Someone adds a paragraph at the top meanwhile: the block still returns under its target.
    const edited = gone.apply(gone.tr.insert(0, gone.schema.nodes.paragraph!.create(null, gone.schema.text("New"))));
    const back = edited.apply(restoreBlock(edited, deleted));
    expect(texts(back)).toEqual(["New", "Target", "Action", "End"]);
    expect(back.doc.child(2).attrs).toMatchObject({ id: B, owners: [OWNER], due: "2027-01-10" });
  });

  it("falls back to its old position when no block with an id preceded it", () => {
    const state = planState([para("Intro"), block("action", B, "Action"), para("End")]);
    const { tr, deleted } = deleteBlock(state, posOf(state, "Action"))!;
    expect(deleted.afterId).toBeNull();
    const gone = state.apply(tr);
    const back = gone.apply(restoreBlock(gone, deleted));
    expect(texts(back)).toEqual(["Intro", "Action", "End"]);
    expect(back.doc.child(1).attrs.id).toBe(B);
  });

  it("never lands inside another node when the document has shrunk", () => {
    const state = planState([para("Intro"), block("target", A, "Target"), block("action", B, "Action"), para("End")]);
    const { tr, deleted } = deleteBlock(state, posOf(state, "Action"))!;
    let next = state.apply(tr);
    next = next.apply(deleteBlock(next, posOf(next, "Target"))!.tr);
    const back = next.apply(restoreBlock(next, deleted));
    expect(texts(back)).toEqual(["Intro", "End", "Action"]);
    expect(back.doc.child(2).attrs.id).toBe(B);
  });
});

describe("owner picker matching", () => {
  const people = [
    { id: "1", name: "Asha Patel", roleLabel: "School leader" },
    { id: "2", name: "Ben Carter", roleLabel: "Improvement champion" },
    { id: "3", name: "Gwen Ford", roleLabel: "Governor" },
  ];
  it("matches every word against the name or role, ignoring case", () => {
    expect(matchPeople(people, "").map((p) => p.id)).toEqual(["1", "2", "3"]);
    expect(matchPeople(people, "ben").map((p) => p.id)).toEqual(["2"]);
    expect(matchPeople(people, "governor").map((p) => p.id)).toEqual(["3"]);
    expect(matchPeople(people, "a leader").map((p) => p.id)).toEqual(["1"]);
    expect(matchPeople(people, "zed")).toEqual([]);
  });
});

describe("status against RAG", () => {
  it("offers blue when an action is marked complete, and warns when it is still red", () => {
    expect(statusRagMismatch("complete", "green")).toEqual({ kind: "complete_not_blue", fix: { rag: "blue" } });
    expect(statusRagMismatch("complete", "none")).toEqual({ kind: "complete_not_blue", fix: { rag: "blue" } });
    expect(statusRagMismatch("complete", "red")).toEqual({ kind: "complete_but_red", fix: { rag: "blue" } });
    expect(statusRagMismatch("in_progress", "blue")).toEqual({ kind: "blue_not_complete", fix: { status: "complete" } });
  });
  it("is quiet when they agree", () => {
    expect(statusRagMismatch("complete", "blue")).toBeNull();
    expect(statusRagMismatch("in_progress", "red")).toBeNull();
    expect(statusRagMismatch("not_started", "none")).toBeNull();
    expect(statusRagMismatch("dropped", "blue")).toBeNull();
  });
});
