/**
 * Export content as a tagged PDF with pdfkit: a structure tree (Document, H1 to H3, P, L/LI,
 * Table/TR/TH/TD), document language en-GB and the title shown in the window, so screen readers
 * and public-sector accessibility checks accept it. The header line and page numbers are marked
 * as pagination artifacts, outside the structure, as PDF/UA asks. Pure JavaScript: no browser.
 * The text is set in DejaVu Sans, embedded as subsets (pdfFonts.ts), as PDF/UA also asks.
 */
import PDFDocument from "pdfkit";
import { RAG_FILL, type ExportContent, type Part, type Run, type Table } from "./content.js";
import { pdfFonts } from "./pdfFonts.js";

const MARGIN = 40;
const TOP = 58;
const FONT = { regular: "regular", bold: "bold", italic: "italic", boldItalic: "boldItalic" } as const;
const HEADING_SIZE = { 1: 18, 2: 14, 3: 12 } as const;

type Doc = InstanceType<typeof PDFDocument>;

// Control characters but the line break, which pdfkit reads as a new line.
const CONTROL = /[^\P{Cc}\n]/gu;

/** The part of a fontkit font this writer asks about; pdfkit takes the font itself as a face's source. */
interface OpenedFont {
  layout: (...args: never[]) => unknown;
  hasGlyphForCodePoint(codePoint: number): boolean;
}
type Face = (typeof FONT)[keyof typeof FONT];
// The faces as the first document opened them, kept for every later one: parsing the four font
// files again for each export cost about 100 ms, a governor pack's whole render doubled.
let opened: Record<Face, OpenedFont> | null = null;
// Which code points each face has: a character its face lacks becomes "?" rather than an empty box
// (DejaVu's oblique faces lack scripts the upright ones hold, Arabic among them, so each run is checked in its own).
let coverage: ((codePoint: number, face: Face) => boolean) | null = null;

/** Text its face can show: characters the face lacks become "?", control characters a space. */
export function pdfSafe(text: string, face: Face = FONT.regular): string {
  const has = coverage;
  const cleaned = text.replace(CONTROL, " ");
  if (!has) return cleaned;
  let out = "";
  for (const ch of cleaned) out += has(ch.codePointAt(0)!, face) ? ch : "?";
  return out;
}

/** Registers the four faces: from the font files the first time in a process, then as already opened. */
function registerFaces(doc: Doc): void {
  const files = opened ? null : pdfFonts();
  // pdfkit accepts an opened fontkit font as a source; the typings only list bytes and paths.
  for (const face of Object.values(FONT)) doc.registerFont(face, (opened?.[face] ?? files![face]) as unknown as Buffer);
  if (opened) return;
  const faces = {} as Record<Face, OpenedFont>;
  for (const face of Object.values(FONT)) {
    doc.font(face);
    // pdfkit keeps an embedded face's fontkit font as `font`; the typings leave it out.
    faces[face] = (doc as unknown as { _font: { font: OpenedFont } })._font.font;
  }
  opened = faces;
  const seen = new Map<string, boolean>();
  coverage = (cp, face) => {
    if (cp < 0x7f) return true;
    const key = `${face}:${cp}`;
    let known = seen.get(key);
    if (known === undefined) {
      known = faces[face].hasGlyphForCodePoint(cp);
      seen.set(key, known);
    }
    return known;
  };
}
type Struct = ReturnType<Doc["struct"]>;

/** The content as a tagged PDF. */
export function writePdf(content: ExportContent): Promise<Buffer> {
  const doc = new PDFDocument({
    size: "A4",
    layout: "landscape",
    margins: { top: TOP, bottom: MARGIN + 14, left: MARGIN, right: MARGIN },
    tagged: true,
    lang: "en-GB",
    displayTitle: true,
    pdfVersion: "1.7",
    bufferPages: true,
    info: { Title: content.meta.title, Author: content.meta.schoolName, Creator: "Trellis", Subject: content.meta.headerLine },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on("data", (chunk: Buffer) => chunks.push(chunk));
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });
  registerFaces(doc);
  const root = doc.struct("Document");
  doc.addStructure(root);
  doc.font(FONT.regular).fontSize(10);
  for (const part of content.parts) renderPart(doc, root, part);
  root.end();
  stampPages(doc, content.meta.headerLine);
  doc.end();
  return done;
}

function renderPart(doc: Doc, root: Struct, part: Part): void {
  const width = doc.page.width - 2 * MARGIN;
  switch (part.kind) {
    case "heading": {
      keepRoom(doc, 60);
      root.add(
        doc.struct(`H${part.level}`, {}, () => {
          doc.font(FONT.bold).fontSize(HEADING_SIZE[part.level]).fillColor("#1a1a1a").text(pdfSafe(part.text, FONT.bold), MARGIN, doc.y, { width });
        }),
      );
      doc.moveDown(0.4);
      break;
    }
    case "paragraph":
      root.add(doc.struct("P", {}, () => writeRuns(doc, part.runs, width, part.style)));
      doc.moveDown(0.5);
      break;
    case "list": {
      const list = doc.struct("L");
      root.add(list);
      doc.font(FONT.regular).fontSize(10).fillColor("black");
      doc.list(part.items.map((i) => pdfSafe(i.trimStart())), MARGIN + 10, doc.y, {
        width: width - 10,
        listType: part.ordered ? "numbered" : "bullet",
        structParent: list,
        structTypes: ["LI", "Lbl", "LBody"],
      } as PDFKit.Mixins.TextOptions);
      list.end();
      doc.moveDown(0.5);
      break;
    }
    case "table":
      renderTable(doc, root, part, width);
      doc.moveDown(0.8);
      break;
    case "pageBreak":
      doc.addPage();
      break;
  }
}

/** Prose with its emphasis: pdfkit continues a line across runs with `continued`. */
function writeRuns(doc: Doc, runs: readonly Run[], width: number, style?: "muted" | "lead"): void {
  const size = style === "lead" ? 13 : 10;
  doc.fillColor(style === "muted" ? "#444444" : "black").fontSize(size);
  const pieces = runs.filter((r) => r.text.length);
  pieces.forEach((run, i) => {
    const font = run.bold && run.italic ? FONT.boldItalic : run.bold ? FONT.bold : run.italic ? FONT.italic : FONT.regular;
    const opts = { width, continued: i < pieces.length - 1, underline: !!run.underline };
    doc.font(font);
    if (i === 0) doc.text(pdfSafe(run.text, font), MARGIN, doc.y, opts);
    else doc.text(pdfSafe(run.text, font), opts);
  });
  doc.fillColor("black");
}

const PAD = 3;
const CELL_SIZE = 8.5;

/**
 * A table drawn row by row: Table > TR > TH/TD in the structure tree, the header row repeated on
 * each new page (as an artifact there, so it is read once), and each row kept whole on a page.
 * Hand-drawn rather than pdfkit's table(), which writes a layout dictionary per cell and was
 * several times slower on a 1,000-block plan.
 */
function renderTable(doc: Doc, root: Struct, table: Table, width: number): void {
  keepRoom(doc, 60);
  const total = table.widths.reduce((a, b) => a + b, 0);
  const widths = table.widths.map((w) => (w / total) * width);
  const xs = widths.map((_, i) => MARGIN + widths.slice(0, i).reduce((a, b) => a + b, 0));
  const headers = table.headers.map((h) => pdfSafe(h, FONT.bold));
  const tableStruct = doc.struct("Table", { title: table.caption });
  root.add(tableStruct);
  const heightOf = (cells: readonly { text: string; bold?: boolean }[]) => {
    doc.fontSize(CELL_SIZE);
    const tallest = cells.map((c, i) => (c.text ? doc.font(c.bold ? FONT.bold : FONT.regular).heightOfString(c.text, { width: widths[i]! - 2 * PAD }) : 0));
    return Math.max(...tallest) + 2 * PAD;
  };
  const drawRow = (cells: readonly { text: string; fill?: string; bold?: boolean }[], height: number, cellType: "TH" | "TD" | null) => {
    const y = doc.y;
    const row = cellType ? doc.struct("TR") : null;
    if (row) tableStruct.add(row);
    else doc.markContent("Artifact", { type: "Pagination" });
    cells.forEach((cell, i) => {
      const paint = () => {
        if (cell.fill) doc.save().rect(xs[i]!, y, widths[i]!, height).fill(cell.fill).restore();
        doc.fillColor("black").font(cell.bold ? FONT.bold : FONT.regular).fontSize(CELL_SIZE);
        if (cell.text) doc.text(cell.text, xs[i]! + PAD, y + PAD, { width: widths[i]! - 2 * PAD });
      };
      if (row && cellType) row.add(doc.struct(cellType, (cellType === "TH" ? { scope: "Column" } : {}) as PDFKit.Mixins.StructureElementOptions, paint));
      else paint();
    });
    row?.end();
    if (!row) doc.endMarkedContent();
    // Grid lines are decoration: an artifact, outside the structure.
    doc.markContent("Artifact", { type: "Layout" });
    doc.save().lineWidth(0.5).strokeColor("#888888").rect(MARGIN, y, width, height);
    for (const x of xs.slice(1)) doc.moveTo(x, y).lineTo(x, y + height);
    doc.stroke().restore();
    doc.endMarkedContent();
    doc.x = MARGIN;
    doc.y = y + height;
  };
  const headerCells = headers.map((text) => ({ text, fill: "#D9D9D9", bold: true }));
  const headerHeight = heightOf(headerCells);
  drawRow(headerCells, headerHeight, "TH");
  const bottom = () => doc.page.height - doc.page.margins.bottom;
  for (const r of table.rows) {
    const cells = r.map((c) => ({ text: pdfSafe(c.text, c.rag ? FONT.bold : FONT.regular), fill: c.rag ? `#${RAG_FILL[c.rag]}` : undefined, bold: !!c.rag }));
    const height = heightOf(cells);
    if (doc.y + height > bottom()) {
      doc.addPage();
      drawRow(headerCells, headerHeight, null);
    }
    drawRow(cells, height, "TD");
  }
  tableStruct.end();
  doc.x = MARGIN;
}

/** Starts a new page rather than leave a heading or a table's first row stranded at the foot of one. */
function keepRoom(doc: Doc, points: number): void {
  if (doc.y + points > doc.page.height - doc.page.margins.bottom) doc.addPage();
}

/** The header line and "Page n of m" on every page, as pagination artifacts. */
function stampPages(doc: Doc, headerLine: string): void {
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const bottom = doc.page.margins.bottom;
    // Writing inside the bottom margin would otherwise start a new page.
    doc.page.margins.bottom = 0;
    const width = doc.page.width - 2 * MARGIN;
    doc.markContent("Artifact", { type: "Pagination" });
    doc.font(FONT.regular).fontSize(8).fillColor("#555555");
    doc.text(pdfSafe(headerLine), MARGIN, 24, { width, lineBreak: false, ellipsis: true });
    doc.text(`Page ${i - range.start + 1} of ${range.count}`, MARGIN, doc.page.height - MARGIN, { width, align: "right", lineBreak: false });
    doc.endMarkedContent();
    doc.page.margins.bottom = bottom;
  }
  doc.fillColor("black");
}
