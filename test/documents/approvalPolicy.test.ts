/** The approval rule, per role, kind and tier: the board that approves a plan records its approval, and nobody else. */
import { describe, expect, it } from "vitest";
import { ROLES, type Role } from "../../shared/enums.js";
import { isTrustRole } from "../../shared/enums.js";
import { can, type Actor } from "../../server/policies/index.js";

const SCHOOL = "11111111-1111-4111-8111-111111111111";
const OTHER = "22222222-2222-4222-8222-222222222222";
const actor = (role: Role, schoolId: string | null = isTrustRole(role) ? null : SCHOOL): Actor => ({ id: role, email: `${role}@x.test`, name: role, grants: [{ role, schoolId }] });
const plan = (kind: string, tier: number | null | undefined, status = "in_review") => ({ type: "document" as const, id: "d", schoolId: SCHOOL, status, kind, tier });

const SCHOOL_PLAN_APPROVERS: Role[] = ["trust_lead", "governor"];
const TRUST_LED_APPROVERS: Role[] = ["trust_lead", "trustee"];

describe("who may approve", () => {
  for (const role of ROLES) {
    it(`${role}: a school's own plan (${SCHOOL_PLAN_APPROVERS.includes(role) ? "may" : "may not"}), a tier 4 plan and an action plan (${TRUST_LED_APPROVERS.includes(role) ? "may" : "may not"})`, () => {
      for (const kind of ["single_plan", "adp", "sef"]) {
        expect(can(actor(role), "approve", plan(kind, 2))).toBe(SCHOOL_PLAN_APPROVERS.includes(role));
        expect(can(actor(role), "approve", plan(kind, 4))).toBe(TRUST_LED_APPROVERS.includes(role));
      }
      expect(can(actor(role), "approve", plan("action_plan", 2))).toBe(TRUST_LED_APPROVERS.includes(role));
    });
  }

  it("a governor of another school may not approve this school's plan", () => {
    expect(can(actor("governor", OTHER), "approve", plan("single_plan", 1))).toBe(false);
  });

  it("a plan whose tier is not known is approved only by someone who fits both bodies (a trust lead)", () => {
    expect(can(actor("governor"), "approve", plan("adp", undefined))).toBe(false);
    expect(can(actor("trustee"), "approve", plan("adp", undefined))).toBe(false);
    expect(can(actor("trust_lead"), "approve", plan("adp", undefined))).toBe(true);
  });

  it("request changes: the approving body and the plan's leaders, nobody else", () => {
    const allowed = new Set<Role>(["trust_admin", "trust_lead", "school_leader", "governor"]);
    for (const role of ROLES) expect(can(actor(role), "requestChanges", plan("single_plan", 2))).toBe(allowed.has(role));
  });
});
