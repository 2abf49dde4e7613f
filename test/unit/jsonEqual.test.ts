/** Row comparison as jsonb stores it: a wrong "equal" would skip a write, a wrong "different" would write every row. */
import { describe, expect, it } from "vitest";
import { jsonEqual } from "../../server/progress/blockRows.js";

describe("jsonEqual", () => {
  it("ignores key order and undefined properties, as jsonb does", () => {
    expect(jsonEqual({ a: 1, b: [1, { c: "x" }] }, { b: [1, { c: "x" }], a: 1 })).toBe(true);
    expect(jsonEqual({ a: 1, gone: undefined }, { a: 1 })).toBe(true);
    expect(jsonEqual([undefined], [null])).toBe(true);
  });

  it("sees every real difference", () => {
    expect(jsonEqual({ a: null }, {})).toBe(false);
    expect(jsonEqual({ a: 1 }, { a: 1, b: 2 })).toBe(false);
    expect(jsonEqual({ a: 1, b: 2 }, { a: 1 })).toBe(false);
    expect(jsonEqual([1, 2], [2, 1])).toBe(false);
    expect(jsonEqual([1], { 0: 1 })).toBe(false);
    expect(jsonEqual({ owners: ["x"] }, { owners: ["x", "y"] })).toBe(false);
    expect(jsonEqual("1", 1)).toBe(false);
    expect(jsonEqual(null, {})).toBe(false);
  });
});
