/**
 * The one password rule for every place a person chooses a password (invitations, first
 * admin, password reset): a length floor, then zxcvbn's guessability estimate against common
 * passwords, English words and names, keyboard patterns and the person's own details.
 */
import { ZxcvbnFactory } from "@zxcvbn-ts/core";
import * as common from "@zxcvbn-ts/language-common";
import * as en from "@zxcvbn-ts/language-en";
import { HttpError } from "../http/errors.js";
import { MIN_PASSWORD_LENGTH } from "./passwords.js";

/** The zxcvbn score (0 to 4) a password must reach: 3 is "safely unguessable" for an online attack with throttling. */
export const MIN_PASSWORD_SCORE = 3;

let factory: ZxcvbnFactory | null = null;

// Building the dictionaries costs ~200 ms, so it happens on first use, not at import.
function zxcvbn(): ZxcvbnFactory {
  factory ??= new ZxcvbnFactory({
    translations: en.translations,
    graphs: common.adjacencyGraphs,
    dictionary: { ...common.dictionary, ...en.dictionary },
  });
  return factory;
}

/** Why a password is refused, in words a person can act on, or null when it is strong enough. */
export function passwordWeakness(password: string, userInputs: string[] = []): string | null {
  if ([...password].length < MIN_PASSWORD_LENGTH) return `Use at least ${MIN_PASSWORD_LENGTH} characters.`;
  if (!password.trim()) return "A password cannot be only spaces.";
  // zxcvbn's cost grows with length; past 100 characters the prefix decides and the rest only adds strength.
  const result = zxcvbn().check(password.slice(0, 100), userInputs.filter(Boolean).flatMap((s) => [s, ...s.split(/[@.\s_-]+/)]));
  if (result.score >= MIN_PASSWORD_SCORE) return null;
  const hints = [result.feedback.warning, ...result.feedback.suggestions].filter((s): s is string => Boolean(s));
  return ["This password is too easy to guess.", ...hints, hints.length ? "" : "Try a few unrelated words together."]
    .filter(Boolean)
    .join(" ");
}

/**
 * Throws the 400 `weak_password` HttpError when the password is too short or too guessable.
 * `userInputs` are the person's own details (email, name, school) that must not make up the password.
 */
export function assertStrongPassword(password: string, userInputs: string[]): void {
  const weakness = passwordWeakness(password, userInputs);
  if (weakness) throw new HttpError(400, "weak_password", weakness);
}
