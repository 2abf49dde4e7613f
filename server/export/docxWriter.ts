/**
 * Export content as a Word file with the `docx` package: real headings (so Word's navigation pane
 * and LibreOffice's outline work), real tables with a repeating header row, and each RAG cell
 * carrying its word as well as its colour, so the file reads the same printed in black and white.
 * docx lays out everything but the tables; each table is a placeholder paragraph that docxTables.ts
 * replaces with the table's markup once packed, which is most of a 1,000-block plan's cost saved.
 */
import { randomUUID } from "node:crypto";
import {
  AlignmentType,
  Document,
  Footer,
  Header,
  HeadingLevel,
  LevelFormat,
  Packer,
  PageBreak,
  PageNumber,
  PageOrientation,
  Paragraph,
  TextRun,
} from "docx";
import type { ExportContent, Part, Run, Table as TablePart } from "./content.js";
import { spliceTables } from "./docxTables.js";

// A4 landscape in twips, with 1.27 cm margins: plans' tables want the width.
const PAGE = { width: 16838, height: 11906, margin: 720 };
const USABLE_WIDTH = PAGE.width - 2 * PAGE.margin;
const HEADINGS = { 1: HeadingLevel.HEADING_1, 2: HeadingLevel.HEADING_2, 3: HeadingLevel.HEADING_3 } as const;

/** The content as a .docx file. */
export async function writeDocx(content: ExportContent): Promise<Buffer> {
  // A fresh marker per file, so no text in the plan can pass for a placeholder.
  const marker = `trellis-table-${randomUUID()}-`;
  const tables: TablePart[] = [];
  const placeholderFor = (table: TablePart) => new Paragraph({ children: [new TextRun(`${marker}${tables.push(table) - 1}`)] });
  const doc = new Document({
    title: content.meta.title,
    creator: "Trellis",
    description: content.meta.headerLine,
    styles: {
      default: { document: { run: { font: "Arial", size: 20, language: { value: "en-GB" } } } },
      // Table text by style rather than per run: a 1,000-row plan then builds far fewer XML objects.
      paragraphStyles: [
        { id: "Cell", name: "Table text", basedOn: "Normal", run: { size: 18 } },
        { id: "CellStrong", name: "Table text, strong", basedOn: "Cell", run: { size: 18, bold: true } },
      ],
    },
    numbering: {
      config: [{ reference: "ordered", levels: [{ level: 0, format: LevelFormat.DECIMAL, text: "%1.", alignment: AlignmentType.START }] }],
    },
    sections: [
      {
        properties: {
          page: {
            size: { width: PAGE.height, height: PAGE.width, orientation: PageOrientation.LANDSCAPE },
            margin: { top: PAGE.margin, bottom: PAGE.margin, left: PAGE.margin, right: PAGE.margin },
          },
        },
        headers: { default: new Header({ children: [new Paragraph({ children: [new TextRun({ text: content.meta.headerLine, size: 16, color: "555555" })] })] }) },
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                alignment: AlignmentType.RIGHT,
                children: [new TextRun({ size: 16, color: "555555", children: ["Page ", PageNumber.CURRENT, " of ", PageNumber.TOTAL_PAGES] })],
              }),
            ],
          }),
        },
        children: content.parts.flatMap((part) => renderPart(part, placeholderFor)),
      },
    ],
  });
  return spliceTables(await Packer.toBuffer(doc), marker, tables, USABLE_WIDTH);
}

function renderPart(part: Part, placeholderFor: (table: TablePart) => Paragraph): Paragraph[] {
  switch (part.kind) {
    case "heading":
      return [new Paragraph({ heading: HEADINGS[part.level], children: [new TextRun(part.text)] })];
    case "paragraph":
      return [
        new Paragraph({
          spacing: { after: 120 },
          children: textRuns(part.runs, part.style === "muted" ? "444444" : undefined, part.style === "lead" ? 28 : undefined),
        }),
      ];
    case "list":
      return part.items.map(
        (item) =>
          new Paragraph({
            ...(part.ordered ? { numbering: { reference: "ordered", level: 0 } } : { bullet: { level: 0 } }),
            children: [new TextRun(item.trimStart())],
          }),
      );
    case "table":
      return [placeholderFor(part), new Paragraph({ spacing: { after: 120 }, children: [] })];
    case "pageBreak":
      return [new Paragraph({ children: [new PageBreak()] })];
  }
}

/** Runs with a hard break wherever the text has a new line. */
function textRuns(runs: readonly Run[], color?: string, size?: number): TextRun[] {
  return runs.flatMap((run) =>
    run.text.split("\n").map(
      (line, i) => new TextRun({ text: line, bold: run.bold, italics: run.italic, underline: run.underline ? {} : undefined, color, size, break: i > 0 ? 1 : undefined }),
    ),
  );
}
