import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { changedExcerpt, diffProse, diffProseStates, proseSections } from "../../server/documents/proseDiff.js";
import { diffVersions, type VersionBlock } from "../../server/documents/versionDiff.js";

const action = (id: string, text: string, attrs: Record<string, unknown> = {}): VersionBlock => ({
  id, type: "action", text, attrs: { rag: "none", status: "not_started", due: null, owners: [], ...attrs },
});

describe("changes since approval", () => {
  it("lists added, removed and changed targets and actions, naming each field that moved", () => {
    const approved = [
      { id: "p1", type: "priority", text: "Attendance", attrs: { area: "attendance_behaviour" } },
      action("a1", "Daily first-day calls", { rag: "amber", owners: ["u1"] }),
      action("a2", "Attendance clinic for PA families", { due: "2026-12-12" }),
      action("a3", "Rewards assembly", {}),
    ];
    const now = [
      { id: "p1", type: "priority", text: "Attendance and punctuality", attrs: { area: "attendance_behaviour" } },
      action("a1", "Daily first-day calls", { rag: "green", owners: ["u1", "u2"] }),
      action("a2", "Attendance clinic for PA families", { due: "2027-01-20" }),
      action("a4", "Breakfast club pilot", { rag: "none" }),
    ];
    const changes = diffVersions(approved, now);
    expect(changes).toEqual([
      { id: "p1", type: "priority", text: "Attendance and punctuality", change: "changed", fields: [{ field: "text", from: "Attendance", to: "Attendance and punctuality" }] },
      { id: "a1", type: "action", text: "Daily first-day calls", change: "changed", fields: [
        { field: "rag", from: "amber", to: "green" },
        { field: "owners", from: ["u1"], to: ["u1", "u2"] },
      ] },
      { id: "a2", type: "action", text: "Attendance clinic for PA families", change: "changed", fields: [{ field: "due", from: "2026-12-12", to: "2027-01-20" }] },
      { id: "a4", type: "action", text: "Breakfast club pilot", change: "added", fields: [] },
      { id: "a3", type: "action", text: "Rewards assembly", change: "removed", fields: [] },
    ]);
  });

  it("reports nothing when nothing changed", () => {
    const blocks = [action("a1", "Same", { rag: "red" })];
    expect(diffVersions(blocks, structuredClone(blocks))).toEqual([]);
  });
});

describe("changes since approval: priorities, judgements and findings", () => {
  it("names a priority's new area, a judgement's new grade and a finding's new kind", () => {
    const approved: VersionBlock[] = [
      { id: "p1", type: "priority", text: "Reading", attrs: { area: "curriculum_teaching" } },
      { id: "j1", type: "judgement", text: "Phonics is taught well.", attrs: { framework: "ofsted-2025", area: "inclusion", grade: "expected_standard" } },
      { id: "f1", type: "finding", text: "Books show little editing.", attrs: { kind: "development", area: "curriculum_teaching" } },
      { id: "j2", type: "judgement", text: "Gone", attrs: { framework: "ofsted-2025", area: "leadership", grade: null } },
    ];
    const now: VersionBlock[] = [
      { id: "p1", type: "priority", text: "Reading", attrs: { area: "achievement" } },
      { id: "j1", type: "judgement", text: "Phonics is taught well.", attrs: { framework: "ofsted-2025", area: "inclusion", grade: "strong_standard" } },
      { id: "f1", type: "finding", text: "Books show some editing.", attrs: { kind: "strength", area: "curriculum_teaching" } },
      { id: "j3", type: "judgement", text: "New judgement", attrs: { framework: "ofsted-2025", area: "personal_development", grade: null } },
    ];
    expect(diffVersions(approved, now)).toEqual([
      { id: "p1", type: "priority", text: "Reading", change: "changed", fields: [{ field: "area", from: "curriculum_teaching", to: "achievement" }] },
      { id: "j1", type: "judgement", text: "Phonics is taught well.", change: "changed", fields: [{ field: "grade", from: "expected_standard", to: "strong_standard" }] },
      { id: "f1", type: "finding", text: "Books show some editing.", change: "changed", fields: [
        { field: "text", from: "Books show little editing.", to: "Books show some editing." },
        { field: "kind", from: "development", to: "strength" },
      ] },
      { id: "j3", type: "judgement", text: "New judgement", change: "added", fields: [] },
      { id: "j2", type: "judgement", text: "Gone", change: "removed", fields: [] },
    ]);
  });
});

/** A Y.Doc holding headings, paragraphs and a block, as the editor stores them. */
function proseDoc(nodes: [string, string][]): Y.Doc {
  const doc = new Y.Doc();
  const fragment = doc.getXmlFragment("default");
  for (const [type, text] of nodes) {
    const el = new Y.XmlElement(type);
    fragment.insert(fragment.length, [el]);
    el.insert(0, [new Y.XmlText(text)]);
  }
  return doc;
}

describe("changes since approval: prose", () => {
  it("reads the prose as sections under their headings, leaving out structured blocks", () => {
    const doc = proseDoc([["paragraph", "Opening words."], ["heading", "Context"], ["paragraph", "We serve 420 pupils."], ["action", "An action"], ["paragraph", "Most walk to school."], ["heading", "Context"]]);
    expect(proseSections(doc)).toEqual([
      { key: "#1", heading: "", paragraphs: ["Opening words."] },
      { key: "Context#1", heading: "Context", paragraphs: ["We serve 420 pupils.", "Most walk to school."] },
      { key: "Context#2", heading: "Context", paragraphs: [] },
    ]);
  });

  it("lists sections reworded, added and removed, showing the words that moved", () => {
    const before = proseDoc([["heading", "Context"], ["paragraph", "We serve 420 pupils, 31% of whom are disadvantaged, in the north of the town."], ["heading", "Staffing"], ["paragraph", "Two new teachers."]]);
    const after = proseDoc([["heading", "Context"], ["paragraph", "We serve 436 pupils, 31% of whom are disadvantaged, in the north of the town."], ["heading", "Governance"], ["paragraph", "The board meets six times a year."], ["action", "Ignored"]]);
    const changes = diffProseStates(Y.encodeStateAsUpdate(before), Y.encodeStateAsUpdate(after));
    expect(changes).toEqual([
      { id: "prose:Context#1", type: "prose", text: "Context", change: "changed", fields: [{ field: "text", from: "We serve 420 pupils, 31% of whom are disadvantaged,…", to: "We serve 436 pupils, 31% of whom are disadvantaged,…" }] },
      { id: "prose:Governance#1", type: "prose", text: "Governance", change: "added", fields: [{ field: "text", from: null, to: "The board meets six times a year." }] },
      { id: "prose:Staffing#1", type: "prose", text: "Staffing", change: "removed", fields: [] },
    ]);
  });

  it("says nothing when only blocks moved, and cuts a long rewording down to its middle", () => {
    const a = proseDoc([["paragraph", "Same words."], ["target", "One"]]);
    const b = proseDoc([["paragraph", "Same words."], ["target", "Two"]]);
    expect(diffProse(proseSections(a), proseSections(b))).toEqual([]);
    const words = (n: number) => Array.from({ length: n }, (_, i) => `w${i}`);
    const from = [...words(20), "old", ...words(20)].join(" ");
    const to = [...words(20), "new", "words", ...words(20)].join(" ");
    expect(changedExcerpt(from, to, 2)).toEqual({ from: "…w18 w19 old w0 w1…", to: "…w18 w19 new words w0 w1…" });
  });
});
