/**
 * The first draft of an action's words from a peer-review finding. A finding describes (“Phonics
 * teaching is inconsistent in KS1”); an action says what will be done (“Make phonics teaching
 * consistent in KS1”). This is a small, predictable rewrite of the commonest shapes, not language
 * understanding: anything it does not recognise becomes “Address: <finding>”, and the champion
 * edits the draft before it is added either way.
 */

/** Words that already start an action: the finding is kept as it is. */
const IMPERATIVES = new Set([
  "address", "build", "develop", "embed", "ensure", "establish", "extend", "improve", "increase", "introduce",
  "make", "provide", "raise", "reduce", "review", "share", "strengthen", "train", "use",
]);

/** "X is ADJ" → a verb phrase on X. */
const ADJECTIVES: Record<string, (subject: string, rest: string) => string> = {
  inconsistent: (s, r) => `Make ${s} consistent${r}`,
  variable: (s, r) => `Make ${s} consistent${r}`,
  weak: (s, r) => `Strengthen ${s}${r}`,
  poor: (s, r) => `Improve ${s}${r}`,
  low: (s, r) => `Raise ${s}${r}`,
  limited: (s, r) => `Extend ${s}${r}`,
  underdeveloped: (s, r) => `Develop ${s}${r}`,
  insufficient: (s, r) => `Increase ${s}${r}`,
  unclear: (s, r) => `Clarify ${s}${r}`,
  "not consistent": (s, r) => `Make ${s} consistent${r}`,
};

/** First words that are names, not common nouns, and keep their capital mid-sentence. */
const PROPER = new Set(["year", "key", "reception", "english", "french", "spanish", "german", "welsh", "latin", "mandarin"]);

/** The finding's subject as it reads mid-sentence: "Phonics teaching" → "phonics teaching", "KS1 pupils" unchanged. */
function midSentence(subject: string): string {
  const first = subject.split(/\s+/)[0] ?? "";
  const commonWord = /^[A-Z][a-z'’-]*$/.test(first) && !PROPER.has(first.toLowerCase());
  return commonWord ? subject[0]!.toLowerCase() + subject.slice(1) : subject;
}

const capitalise = (s: string) => (s ? s[0]!.toUpperCase() + s.slice(1) : s);

/** A draft action from a finding's text; `kind` picks the fallback for a strength. */
export function actionFromFinding(finding: string, kind: "strength" | "development" = "development"): string {
  const text = finding.replace(/\s+/g, " ").trim().replace(/[.;:!]+$/, "");
  if (!text) return "";
  const first = text.split(" ")[0]!.toLowerCase();
  if (IMPERATIVES.has(first)) return capitalise(text);

  // "There is no X" / "There are few X" / "There is little X".
  const there = /^there (?:is|are|was|were) (no|few|too few|little|not enough) (.+)$/i.exec(text);
  if (there) {
    const [, amount, what] = there;
    return amount!.toLowerCase() === "no" ? `Introduce ${what}` : `Increase ${what}`;
  }

  // "X is ADJ (in Y)", including "X is not consistent".
  const adjective = /^(.+?) (?:is|are|was|were|remains|remain) (not consistent|[a-z]+)(\b.*)$/i.exec(text);
  if (adjective) {
    const [, subject, adj, rest] = adjective;
    const rewrite = ADJECTIVES[adj!.toLowerCase()];
    if (rewrite) return rewrite(midSentence(subject!), rest!);
  }

  // "X is not / rarely / not always Y" → "Ensure X is (consistently) Y".
  const negative = /^(.+?) (is|are|was|were) (not always|not consistently|rarely|seldom|not) (.+)$/i.exec(text);
  if (negative) {
    const [, subject, verb, how, rest] = negative;
    const plural = /^(are|were)$/i.test(verb!);
    const always = how!.toLowerCase() === "not" ? "" : "consistently ";
    return `Ensure ${midSentence(subject!)} ${plural ? "are" : "is"} ${always}${rest}`;
  }

  return kind === "strength" ? `Build on: ${text}` : `Address: ${text}`;
}
