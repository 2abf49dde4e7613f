/**
 * Export content as a Word file with the `docx` package: real headings (so Word's navigation pane
 * and LibreOffice's outline work), real tables with a repeating header row, and each RAG cell
 * carrying its word as well as its colour, so the file reads the same printed in black and white.
 */
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
  ShadingType,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  WidthType,
} from "docx";
import { RAG_FILL, type ExportContent, type Part, type Run, type Table as TablePart } from "./content.js";

// A4 landscape in twips, with 1.27 cm margins: plans' tables want the width.
const PAGE = { width: 16838, height: 11906, margin: 720 };
const USABLE_WIDTH = PAGE.width - 2 * PAGE.margin;
const HEADINGS = { 1: HeadingLevel.HEADING_1, 2: HeadingLevel.HEADING_2, 3: HeadingLevel.HEADING_3 } as const;

/** The content as a .docx file. */
export async function writeDocx(content: ExportContent): Promise<Buffer> {
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
        children: content.parts.flatMap(renderPart),
      },
    ],
  });
  return Packer.toBuffer(doc);
}

function renderPart(part: Part): (Paragraph | Table)[] {
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
      return [renderTable(part), new Paragraph({ spacing: { after: 120 }, children: [] })];
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

function renderTable(table: TablePart): Table {
  const total = table.widths.reduce((a, b) => a + b, 0);
  const columnWidths = table.widths.map((w) => Math.floor((w / total) * USABLE_WIDTH));
  const cell = (text: string, strong: boolean, fill?: string) =>
    new TableCell({
      shading: fill ? { type: ShadingType.CLEAR, color: "auto", fill } : undefined,
      children: text.split("\n").map((line) => new Paragraph({ style: strong ? "CellStrong" : "Cell", text: line })),
    });
  return new Table({
    width: { size: USABLE_WIDTH, type: WidthType.DXA },
    columnWidths,
    layout: TableLayoutType.FIXED,
    margins: { top: 40, bottom: 40, left: 80, right: 80 },
    rows: [
      new TableRow({ tableHeader: true, children: table.headers.map((h) => cell(h, true, "D9D9D9")) }),
      ...table.rows.map((row) => new TableRow({ cantSplit: true, children: row.map((c) => cell(c.text, !!c.rag, c.rag ? RAG_FILL[c.rag] : undefined)) })),
    ],
  });
}
