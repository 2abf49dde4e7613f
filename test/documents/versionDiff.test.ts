import { describe, expect, it } from "vitest";
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
