/**
 * The body of a .docx in reading order, from mammoth's document model: headings (by style),
 * paragraphs and list items come from mammoth, which knows Word's styles and numbering; each table
 * is a placeholder that the caller fills from the XML grid (wordTables.ts), which keeps the shading.
 */
import mammoth from "mammoth";
import type { MarkRange } from "../../shared/importPreview.js";
import { markBits, tidyChars, toMarked, type Marked, type MarkedChar } from "./markedText.js";

/** One item of the body, in document order. */
export type BodyItem =
  | { kind: "heading"; level: 1 | 2 | 3; text: string; marks: MarkRange[] }
  | { kind: "paragraph"; text: string; bold: boolean; marks: MarkRange[] }
  | { kind: "listItem"; ordered: boolean; text: string; marks: MarkRange[] }
  | { kind: "table"; index: number };

/** The parts of mammoth's element tree this reader looks at (mammoth publishes no types for it). */
interface MammothElement {
  type: string;
  value?: string;
  styleName?: string | null;
  styleId?: string | null;
  numbering?: { isOrdered: boolean; level: string } | null;
  isBold?: boolean;
  isItalic?: boolean;
  isUnderline?: boolean;
  breakType?: string;
  children?: MammothElement[];
}

function textOf(el: MammothElement): string {
  switch (el.type) {
    case "text":
      return el.value ?? "";
    case "tab":
      return " ";
    case "break":
      return el.breakType === "line" || !el.breakType ? "\n" : "";
    case "table":
    case "image":
    case "noteReference":
    case "commentReference":
      return "";
    default:
      return (el.children ?? []).map(textOf).join("");
  }
}

/**
 * An element's text and its emphasis, whitespace tidied exactly as `textOf` then the caller's
 * replaces and trim tidy it, so each mark still covers the characters it covered in Word.
 */
export function styledText(el: MammothElement): Marked {
  const chars: MarkedChar[] = [];
  const walk = (node: MammothElement, m: number) => {
    if (node.type === "run") m = markBits(!!node.isBold, !!node.isItalic, !!node.isUnderline);
    if (node.type === "text" || node.type === "tab" || node.type === "break") {
      for (const c of textOf(node).split("")) chars.push({ c, m });
      return;
    }
    if (["table", "image", "noteReference", "commentReference"].includes(node.type)) return;
    for (const child of node.children ?? []) walk(child, m);
  };
  walk(el, 0);
  return toMarked(tidyChars(chars));
}

const allBold = (el: MammothElement): boolean => {
  const runs = (el.children ?? []).filter((c) => c.type === "run" && textOf(c).trim());
  return runs.length > 0 && runs.every((r) => r.isBold);
};

function headingLevel(style: string | null | undefined): 1 | 2 | 3 | null {
  if (!style) return null;
  if (/^title$/i.test(style)) return 1;
  const m = /^heading\s*(\d)/i.exec(style);
  if (!m) return null;
  return Math.min(3, Math.max(1, Number(m[1]))) as 1 | 2 | 3;
}

/** Reads the body's items. Mammoth's messages (unsupported features) come back as warnings. */
export async function readWordBody(buffer: Buffer): Promise<{ items: BodyItem[]; messages: string[] }> {
  const items: BodyItem[] = [];
  let tables = 0;
  const visit = (el: MammothElement) => {
    if (el.type === "table") {
      items.push({ kind: "table", index: tables++ });
      return;
    }
    if (el.type === "paragraph") {
      const text = textOf(el).replace(/[ \t\u00a0]+/g, " ").replace(/ *\n */g, "\n").trim();
      if (!text) return;
      const styled = styledText(el);
      // Only when the tidied text agrees character for character, so a mark never lands on the wrong words.
      const marks = styled.text === text ? styled.marks : [];
      const level = headingLevel(el.styleName ?? el.styleId);
      // A heading is one line: each line break becomes a space, which moves no mark.
      if (level) items.push({ kind: "heading", level, text: text.replace(/\n/g, " "), marks });
      else if (el.numbering) items.push({ kind: "listItem", ordered: el.numbering.isOrdered, text, marks });
      else items.push({ kind: "paragraph", text, bold: allBold(el), marks });
      return;
    }
    for (const c of el.children ?? []) visit(c);
  };
  const result = await mammoth.convertToHtml(
    { buffer },
    {
      transformDocument: (doc: MammothElement) => {
        visit(doc);
        // The HTML is not used: return an empty document so mammoth does no more work than it must.
        return { ...doc, children: [] };
      },
    },
  );
  const messages = result.messages.filter((m) => m.type === "error").map((m) => m.message);
  return { items, messages };
}
