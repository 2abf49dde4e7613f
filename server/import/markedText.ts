/**
 * Text with its emphasis, kept character by character while the import tidies its white space,
 * joins cells and folds lines, so every bold, italic or underline still covers the characters it
 * covered in Word. Each character carries a bit set: 1 bold, 2 italic, 4 underline. Characters are
 * UTF-16 code units, so offsets count as Yjs and ProseMirror count them (an emoji is two).
 */
import type { MarkRange, TextMark } from "../../shared/importPreview.js";

/** One character (a UTF-16 code unit) and its marks. */
export interface MarkedChar {
  c: string;
  m: number;
}

/** Text with marks over it, as an import block carries them. */
export interface Marked {
  text: string;
  marks: MarkRange[];
}

const MARKS: readonly TextMark[] = ["bold", "italic", "underline"];
const SPACE = /[ \t\u00a0]/;

/** The bit set of a run's emphasis. */
export const markBits = (bold: boolean, italic: boolean, underline: boolean): number => (bold ? 1 : 0) | (italic ? 2 : 0) | (underline ? 4 : 0);

/**
 * Runs of spaces become one space, spaces beside a line break go, and the ends are trimmed: the
 * same as `.replace(/[ \t\u00a0]+/g, " ").replace(/ *\n *\/g, "\n").trim()` on the plain text.
 */
export function tidyChars(chars: readonly MarkedChar[]): MarkedChar[] {
  const spaced: MarkedChar[] = [];
  for (const ch of chars) {
    const space = SPACE.test(ch.c);
    if (space && spaced.at(-1)?.c === " ") continue;
    spaced.push(space ? { c: " ", m: ch.m } : ch);
  }
  const tidy = spaced.filter((ch, i) => !(ch.c === " " && (spaced[i - 1]?.c === "\n" || spaced[i + 1]?.c === "\n")));
  return trimChars(tidy);
}

function trimChars(chars: MarkedChar[]): MarkedChar[] {
  let start = 0;
  let end = chars.length;
  while (start < end && /\s/.test(chars[start]!.c)) start++;
  while (end > start && /\s/.test(chars[end - 1]!.c)) end--;
  return chars.slice(start, end);
}

/** The characters as text and mark ranges, sorted by where they start. */
export function toMarked(chars: readonly MarkedChar[]): Marked {
  const marks: MarkRange[] = [];
  MARKS.forEach((mark, bit) => {
    let from = -1;
    for (let i = 0; i <= chars.length; i++) {
      const on = i < chars.length && (chars[i]!.m & (1 << bit)) !== 0;
      if (on && from < 0) from = i;
      else if (!on && from >= 0) {
        marks.push({ from, to: i, mark });
        from = -1;
      }
    }
  });
  return { text: chars.map((ch) => ch.c).join(""), marks: marks.sort((a, b) => a.from - b.from) };
}

/** Text and marks back to characters. */
export function toChars({ text, marks }: Marked): MarkedChar[] {
  const chars = text.split("").map((c) => ({ c, m: 0 }));
  for (const { from, to, mark } of marks) {
    const bit = 1 << MARKS.indexOf(mark);
    for (let i = Math.max(0, from); i < Math.min(to, chars.length); i++) chars[i]!.m |= bit;
  }
  return chars;
}

/** As the builder's oneLine: white space that holds a line break becomes one space, and the ends are trimmed. */
export function oneLineMarked(value: Marked): Marked {
  const chars = toChars(value);
  const out: MarkedChar[] = [];
  for (let i = 0; i < chars.length; i++) {
    let j = i;
    while (j < chars.length && /\s/.test(chars[j]!.c)) j++;
    if (j > i && chars.slice(i, j).some((ch) => ch.c === "\n")) {
      out.push({ c: " ", m: chars[i]!.m });
      i = j - 1;
    } else out.push(chars[i]!);
  }
  return toMarked(trimChars(out));
}

/** Pieces joined by a separator, each piece's marks moved to where it now starts. */
export function joinMarked(pieces: readonly Marked[], separator: string): Marked {
  let text = "";
  const marks: MarkRange[] = [];
  pieces.forEach((piece, i) => {
    if (i) text += separator;
    for (const m of piece.marks) marks.push({ ...m, from: m.from + text.length, to: m.to + text.length });
    text += piece.text;
  });
  return { text, marks: marks.sort((a, b) => a.from - b.from) };
}
