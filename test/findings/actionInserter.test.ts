import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { insertFindingAction } from "../../server/findings/actionInserter.js";

function block(name: string, attrs: Record<string, string>, text: string) {
  const el = new Y.XmlElement(name);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  const t = new Y.XmlText();
  el.insert(0, [t]);
  t.insert(0, text);
  return el;
}

function plan() {
  const doc = new Y.Doc();
  doc.getXmlFragment("default").insert(0, [
    block("heading", { level: "1" }, "Single Plan"),
    block("priority", { id: "p1", area: "curriculum_teaching" }, "Reading"),
    block("action", { id: "a1" }, "Phonics CPD"),
    block("priority", { id: "p2", area: "attendance_behaviour" }, "Attendance"),
    block("target", { id: "t2" }, "PA below 12%"),
    block("action", { id: "a2" }, "First-day calls"),
    block("priority", { id: "p3", area: "leadership_governance" }, "Governance"),
  ]);
  return doc;
}

const names = (doc: Y.Doc) => doc.getXmlFragment("default").toArray().map((c) => (c as Y.XmlElement).getAttribute("id") ?? (c as Y.XmlElement).nodeName);

describe("a finding turned into an action", () => {
  const base = { id: "new", findingId: "f1", text: "Embed attendance tracking in SLT line management", owners: ["u1"], due: "2027-02-12" };

  it("serves no target by default: it lands straight after the priority for the finding's area, above that priority's targets", () => {
    const doc = plan();
    insertFindingAction(doc, { ...base, area: "attendance_behaviour" });
    expect(names(doc)).toEqual(["heading", "p1", "a1", "p2", "new", "t2", "a2", "p3"]);
    const el = doc.getXmlFragment("default").get(4) as Y.XmlElement;
    expect(el.getAttribute("targetId")).toBeUndefined();
    expect(el.nodeName).toBe("action");
    expect(el.getAttributes()).toMatchObject({ id: "new", findingId: "f1", owners: ["u1"], due: "2027-02-12", rag: "none", status: "not_started" });
    expect(el.toArray()[0]!.toString()).toBe(base.text);
  });

  it("serves the target the champion chose: linked by id, and placed with that target's actions", () => {
    const doc = plan();
    insertFindingAction(doc, { ...base, area: "curriculum_teaching", targetId: "t2" });
    expect(names(doc)).toEqual(["heading", "p1", "a1", "p2", "t2", "a2", "new", "p3"]);
    expect((doc.getXmlFragment("default").get(6) as Y.XmlElement).getAttribute("targetId")).toBe("t2");
  });

  it("goes at the end of the plan when no priority has that area and no target is in scope there", () => {
    const doc = plan();
    insertFindingAction(doc, { ...base, area: "inclusion" });
    expect(names(doc).at(-1)).toBe("new");
  });

  it("goes above the first priority when the end of the plan sits under a target", () => {
    const doc = plan();
    doc.getXmlFragment("default").push([block("target", { id: "t3" }, "Governor visits each term")]);
    insertFindingAction(doc, { ...base, area: "inclusion" });
    expect(names(doc)).toEqual(["heading", "new", "p1", "a1", "p2", "t2", "a2", "p3", "t3"]);
  });

  it("reaches another replica as one ordinary update", () => {
    const doc = plan();
    const replica = new Y.Doc();
    Y.applyUpdate(replica, Y.encodeStateAsUpdate(doc));
    const updates: Uint8Array[] = [];
    doc.on("update", (u: Uint8Array) => updates.push(u));
    insertFindingAction(doc, { ...base, area: "curriculum_teaching" });
    expect(updates).toHaveLength(1);
    Y.applyUpdate(replica, updates[0]!);
    expect(names(replica)).toEqual(["heading", "p1", "new", "a1", "p2", "t2", "a2", "p3"]);
  });
});
