/**
 * Matching the owners a plan names ("Jo Patel", "JP", "Mrs Patel / SENCo") to the school's people.
 * A name matches by full name, by surname with a title, or by initials; anything ambiguous or
 * unknown is left as text for the caller to list, never guessed.
 */

/** One of the school's people. */
export interface Person {
  id: string;
  name: string;
}

/** The owners a cell named: who matched, and the words that did not. */
export interface OwnerReading {
  ids: string[];
  unmatched: string[];
}

/** Role abbreviations that look like initials but name a post, not a person. */
const POSTS = new Set(["HT", "DHT", "AHT", "SLT", "DSL", "SBM", "LGB", "ALL", "PE", "RE", "TA", "TAS", "SEN", "EYFS", "KS", "CEO", "HOY", "HOD"]);
const TITLES = /^(mr|mrs|ms|miss|mx|dr|prof|sir|dame|rev)\.?\s+/i;
const norm = (s: string) => s.toLowerCase().normalize("NFKD").replace(/[\u0300-\u036f]/g, "").replace(/[^a-z' -]/g, "").replace(/\s+/g, " ").trim();
const words = (s: string) => norm(s).replace(/'/g, "").split(/[ -]/).filter(Boolean);
const initialsOf = (name: string) => words(name).map((w) => w[0]).join("");

/** Splits an owner cell into names: commas, slashes, ampersands, "and", semicolons and new lines. */
export function splitOwners(cell: string): string[] {
  return cell
    .split(/\s*(?:,|;|\/|&|\+|\n|\band\b)\s*/i)
    .map((s) => s.replace(/\(.*?\)/g, "").trim())
    .filter(Boolean);
}

/** A matcher over one school's people. */
export function ownerMatcher(people: readonly Person[]): (cell: string) => OwnerReading {
  const byName = new Map<string, Person[]>();
  const bySurname = new Map<string, Person[]>();
  const byInitials = new Map<string, Person[]>();
  const add = (map: Map<string, Person[]>, key: string, p: Person) => {
    if (!key) return;
    const list = map.get(key) ?? [];
    if (!list.includes(p)) list.push(p);
    map.set(key, list);
  };
  for (const p of people) {
    const w = words(p.name);
    add(byName, w.join(" "), p);
    add(bySurname, w[w.length - 1] ?? "", p);
    add(byInitials, initialsOf(p.name), p);
    if (w.length > 2) add(byInitials, `${w[0]![0]}${w[w.length - 1]![0]}`, p);
  }
  const one = (list: Person[] | undefined) => (list?.length === 1 ? list[0]! : null);

  const match = (raw: string): Person | null => {
    const titled = TITLES.test(raw);
    const plain = raw.replace(TITLES, "");
    const w = words(plain);
    if (!w.length) return null;
    const full = one(byName.get(w.join(" ")));
    if (full) return full;
    // "Mrs Patel" or "Patel": a surname, when only one person has it.
    if (w.length === 1 && (titled || w[0]!.length > 3)) {
      const surname = one(bySurname.get(w[0]!));
      if (surname) return surname;
    }
    // "J Patel", "J. Patel": an initial and a surname.
    if (w.length === 2 && w[0]!.length === 1) {
      const candidates = (bySurname.get(w[1]!) ?? []).filter((p) => words(p.name)[0]?.[0] === w[0]);
      if (candidates.length === 1) return candidates[0]!;
    }
    // "JP", "J.P.": initials, written in capitals, when only one person has them.
    const compact = plain.replace(/[.\s]/g, "");
    if (/^[A-Z]{2,4}$/.test(compact) && !POSTS.has(compact)) return one(byInitials.get(compact.toLowerCase()));
    return null;
  };

  return (cell) => {
    const ids: string[] = [];
    const unmatched: string[] = [];
    for (const name of splitOwners(cell)) {
      const person = match(name);
      if (person) {
        if (!ids.includes(person.id)) ids.push(person.id);
      } else unmatched.push(name);
    }
    return { ids, unmatched };
  };
}
