import { describe, expect, it } from "vitest";
import { assertStrongPassword, passwordWeakness } from "../../server/auth/passwordStrength.js";
import { HttpError } from "../../server/http/errors.js";

describe("assertStrongPassword", () => {
  it("refuses ten spaces, short, common and self-derived passwords with weak_password", () => {
    for (const [password, inputs] of [
      ["          ", []],
      ["short", []],
      ["password123", []],
      ["qwertyuiop1", []],
      ["head.oakfield@trellis.test", ["head.oakfield@trellis.test", "Head of Oakfield"]],
    ] as const) {
      let caught: unknown;
      try {
        assertStrongPassword(password, [...inputs]);
      } catch (err) {
        caught = err;
      }
      expect(caught, password).toBeInstanceOf(HttpError);
      expect((caught as HttpError).status).toBe(400);
      expect((caught as HttpError).code).toBe("weak_password");
      expect((caught as HttpError).message.length).toBeGreaterThan(10);
    }
  });

  it("accepts a long unrelated passphrase", () => {
    expect(() => assertStrongPassword("correct horse battery staple", ["head@oakfield.test"])).not.toThrow();
    expect(passwordWeakness("a-long-enough-password")).toBeNull();
  });

  it("says why: the floor names the length, the guess check says it is easy to guess", () => {
    expect(passwordWeakness("short")).toMatch(/at least 10 characters/);
    expect(passwordWeakness("          ")).toMatch(/only spaces|easy to guess/);
    expect(passwordWeakness("password123")).toMatch(/easy to guess/);
  });
});
