/**
 * The body's tables read straight from word/document.xml, because mammoth drops what a plan's
 * tables mean most: the cell shading that carries RAG. Merges are resolved onto a grid, so a Lead
 * cell merged down three rows gives each row its lead, and a cell spanning columns says so.
 */
import { DOMParser } from "@xmldom/xmldom";
import type { MarkRange } from "../../shared/importPreview.js";
import { markBits, tidyChars, toMarked, type Marked, type MarkedChar } from "./markedText.js";

const W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

/** One grid position of a table. A merged cell appears at every position it covers. */
export interface GridCell {
  text: string;
  /** The runs' bold, italic and underline over `text`. */
  marks: MarkRange[];
  /** The shading colour: a hex RGB ("FF0000") or a highlight name ("yellow"); null when unshaded. */
  fill: string | null;
  /** Grid columns the physical cell spans (1 unless merged across). */
  span: number;
  /** The first grid column of the physical cell (differs from the position inside a horizontal merge). */
  origin: number;
  /** True where a vertical merge continues the cell above. */
  continued: boolean;
}

/** A table as rows of grid cells (rows may be ragged). */
export type WordTable = GridCell[][];

type El = Element;
const children = (el: El, name?: string): El[] => {
  const out: El[] = [];
  for (let n = el.firstChild; n; n = n.nextSibling) {
    if (n.nodeType === 1 && (!name || (n as El).localName === name) && (n as El).namespaceURI === W) out.push(n as El);
  }
  return out;
};
/** Descendants by local name (xmldom's NodeList is not iterable). */
const all = (el: El, name: string): El[] => {
  const list = el.getElementsByTagNameNS(W, name);
  return Array.from({ length: list.length }, (_, i) => list.item(i) as El);
};
const child = (el: El | undefined, name: string): El | undefined => (el ? children(el, name)[0] : undefined);
const attr = (el: El | undefined, name: string): string | null => el?.getAttributeNS(W, name) || el?.getAttribute(`w:${name}`) || null;

const OFF = new Set(["0", "false", "off", "none"]);
/** A run's bold, italic and underline as a mark bit set; a toggle with val "0", "false" or "none" is off. */
function runBits(r: El): number {
  const rPr = child(r, "rPr");
  const on = (name: string) => {
    const el = child(rPr, name);
    return el !== undefined && !OFF.has(attr(el, "val") ?? "");
  };
  return markBits(on("b"), on("i"), on("u"));
}

/**
 * The text of a paragraph-holding element and its emphasis: runs' text, tabs as spaces, breaks as
 * new lines, deletions left out, white space tidied as mammoth's paragraphs are (markedText.ts).
 */
function markedTextOf(el: El): Marked {
  const chars: MarkedChar[] = [];
  const push = (text: string, m: number) => {
    for (const c of text.split("")) chars.push({ c, m });
  };
  const walk = (node: El, m: number) => {
    for (const n of children(node)) {
      switch (n.localName) {
        case "t":
          push(n.textContent ?? "", m);
          break;
        case "tab":
          push(" ", m);
          break;
        case "br":
        case "cr":
          push("\n", m);
          break;
        case "noBreakHyphen":
          push("-", m);
          break;
        case "del":
        case "delText":
        case "rPr":
        case "pPr":
        case "tcPr":
          break;
        case "r":
          walk(n, runBits(n));
          break;
        case "p":
          if (chars.length && chars[chars.length - 1]!.c !== "\n") push("\n", 0);
          walk(n, 0);
          break;
        default:
          walk(n, m);
      }
    }
  };
  walk(el, 0);
  return toMarked(tidyChars(chars));
}

/** A shading element's colour: `solid` patterns show the pattern colour, the rest their fill. */
function shadeColour(shd: El | undefined): string | null {
  if (!shd) return null;
  const val = attr(shd, "val");
  const pick = val === "solid" ? attr(shd, "color") : attr(shd, "fill");
  return pick && pick.toLowerCase() !== "auto" && /^[0-9a-f]{6}$/i.test(pick) ? pick.toUpperCase() : null;
}

/** The cell's shading, else a shading or highlight on its paragraphs or runs (some plans colour the text's background). */
function cellFill(tc: El): string | null {
  const own = shadeColour(child(child(tc, "tcPr"), "shd"));
  if (own) return own;
  for (const p of all(tc, "p")) {
    const para = shadeColour(child(child(p, "pPr"), "shd"));
    if (para) return para;
  }
  for (const rPr of all(tc, "rPr")) {
    const highlight = attr(child(rPr, "highlight"), "val");
    if (highlight && highlight !== "none") return highlight;
    const shade = shadeColour(child(rPr, "shd"));
    if (shade) return shade;
  }
  return null;
}

function readTable(tbl: El): WordTable {
  const rows: WordTable = [];
  for (const tr of children(tbl, "tr")) {
    const row: GridCell[] = [];
    const before = Number(attr(child(child(tr, "trPr"), "gridBefore"), "val") ?? 0);
    for (let i = 0; i < before; i++) row.push({ text: "", marks: [], fill: null, span: 1, origin: i, continued: false });
    for (const tc of cellsOf(tr)) {
      const tcPr = child(tc, "tcPr");
      const span = Math.max(1, Math.min(64, Number(attr(child(tcPr, "gridSpan"), "val") ?? 1) || 1));
      const vMerge = child(tcPr, "vMerge");
      const continued = vMerge !== undefined && attr(vMerge, "val") !== "restart";
      const origin = row.length;
      const above = rows[rows.length - 1]?.[origin];
      const cell: GridCell = continued && above
        ? { ...above, span, origin, continued: true }
        : { ...markedTextOf(tc), fill: cellFill(tc), span, origin, continued: false };
      for (let i = 0; i < span; i++) row.push(cell);
    }
    rows.push(row);
  }
  return rows;
}

/** A row's cells, looking through content controls and custom XML that wrap some of them. */
function cellsOf(tr: El): El[] {
  const out: El[] = [];
  for (const n of children(tr)) {
    if (n.localName === "tc") out.push(n);
    else if (n.localName === "sdt") out.push(...children(child(n, "sdtContent") ?? n, "tc"));
    else if (n.localName === "customXml") out.push(...children(n, "tc"));
  }
  return out;
}

/**
 * Every top-level table of the body, in document order: the same tables, in the same order, that
 * mammoth reports as the body's table elements (it also looks through content controls).
 */
export function readWordTables(documentXml: string): WordTable[] {
  const doc = new DOMParser().parseFromString(documentXml, "text/xml");
  const body = all(doc.documentElement as El, "body")[0];
  if (!body) return [];
  const tables: WordTable[] = [];
  const walk = (el: El) => {
    for (const n of children(el)) {
      if (n.localName === "tbl") tables.push(readTable(n));
      else if (n.localName === "sdt") walk(child(n, "sdtContent") ?? n);
      else if (n.localName === "customXml" || n.localName === "ins" || n.localName === "smartTag") walk(n);
    }
  };
  walk(body);
  return tables;
}
