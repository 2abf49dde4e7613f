/** The draft action a finding starts from: a small predictable rewrite, with an honest fallback. */
import { describe, expect, it } from "vitest";
import { actionFromFinding } from "../../shared/blocks/findingAction.js";

describe("action text from a finding", () => {
  it("turns the common shapes of a finding into a verb phrase", () => {
    expect(actionFromFinding("Phonics teaching is inconsistent in KS1.")).toBe("Make phonics teaching consistent in KS1");
    expect(actionFromFinding("Marking is not consistent across Year 4")).toBe("Make marking consistent across Year 4");
    expect(actionFromFinding("Attendance of disadvantaged pupils is low")).toBe("Raise attendance of disadvantaged pupils");
    expect(actionFromFinding("Subject leadership in foundation subjects is underdeveloped")).toBe("Develop subject leadership in foundation subjects");
    expect(actionFromFinding("Reading for pleasure remains weak in upper KS2")).toBe("Strengthen reading for pleasure in upper KS2");
    expect(actionFromFinding("Editing of extended writing was rarely evident in Year 5 books.")).toBe("Ensure editing of extended writing is consistently evident in Year 5 books");
    expect(actionFromFinding("Pupils are not always challenged in maths")).toBe("Ensure pupils are consistently challenged in maths");
    expect(actionFromFinding("Learning intentions are not shared with pupils")).toBe("Ensure learning intentions are shared with pupils");
    expect(actionFromFinding("There is no whole-school approach to oracy")).toBe("Introduce whole-school approach to oracy");
    expect(actionFromFinding("There are too few opportunities for extended writing")).toBe("Increase opportunities for extended writing");
  });

  it("keeps names and abbreviations capitalised, and a finding already written as an action as it is", () => {
    expect(actionFromFinding("Year 6 writing is weak")).toBe("Strengthen Year 6 writing");
    expect(actionFromFinding("EYFS outdoor provision is limited")).toBe("Extend EYFS outdoor provision");
    expect(actionFromFinding("English teaching is variable")).toBe("Make English teaching consistent");
    expect(actionFromFinding("improve the consistency of feedback")).toBe("Improve the consistency of feedback");
  });

  it("falls back to “Address:” (or “Build on:” for a strength) rather than guess", () => {
    expect(actionFromFinding("Behaviour at lunchtime needs attention.")).toBe("Address: Behaviour at lunchtime needs attention");
    expect(actionFromFinding("Pupils are polite and welcoming", "strength")).toBe("Build on: Pupils are polite and welcoming");
    expect(actionFromFinding("   ")).toBe("");
  });
});
