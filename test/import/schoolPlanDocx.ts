/**
 * Real .docx files built with the `docx` package the way schools write their plans: a heading
 * per priority, prose, and an action table whose RAG column is shaded with no word in it, with a
 * Lead cell merged down two rows and a full-width priority row merged across.
 */
import {
  Document,
  HeadingLevel,
  Packer,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableRow,
  TextRun,
  VerticalMergeType,
  WidthType,
} from "docx";

/** A cell: text, and optionally its shading, a span across columns, or a vertical merge. */
export interface CellSpec {
  text?: string;
  fill?: string;
  span?: number;
  merge?: "restart" | "continue";
}

const cell = (spec: CellSpec | string) => {
  const s = typeof spec === "string" ? { text: spec } : spec;
  return new TableCell({
    children: (s.text ?? "").split("\n").map((line) => new Paragraph(line)),
    shading: s.fill ? { fill: s.fill, type: ShadingType.CLEAR, color: "auto" } : undefined,
    columnSpan: s.span,
    verticalMerge: s.merge === "restart" ? VerticalMergeType.RESTART : s.merge === "continue" ? VerticalMergeType.CONTINUE : undefined,
  });
};

/** A table from rows of cell specs; the first row is the header. */
export const table = (rows: (CellSpec | string)[][]) =>
  new Table({ width: { size: 100, type: WidthType.PERCENTAGE }, rows: rows.map((r, i) => new TableRow({ tableHeader: i === 0, children: r.map(cell) })) });

/** Packs sections of paragraphs and tables into .docx bytes. */
export async function packDocx(children: (Paragraph | Table)[]): Promise<Buffer> {
  return Packer.toBuffer(new Document({ sections: [{ children }] }));
}

export const heading = (text: string, level: 1 | 2 | 3 = 2) =>
  new Paragraph({ text, heading: [HeadingLevel.HEADING_1, HeadingLevel.HEADING_2, HeadingLevel.HEADING_3][level - 1] });
export const para = (text: string) => new Paragraph({ children: [new TextRun(text)] });
export const bullet = (text: string) => new Paragraph({ text, bullet: { level: 0 } });

/** Word's own RAG fills, as schools pick them from the palette (no words in the cells). */
export const FILLS = { red: "FF0000", amber: "FFC000", green: "00B050", blue: "00B0F0", paleRed: "FFC7CE", purple: "7030A0" } as const;

/** The plan the import tests read: `lead` is matched by name, "Mrs Okafor" is nobody in Trellis. */
export async function schoolPlanDocx(lead: { name: string; initials: string }): Promise<Buffer> {
  return packDocx([
    heading("Oakfield Primary School Improvement Plan 2026/27", 1),
    para("This plan sets out our priorities for the year, agreed with governors in September."),
    heading("Priority 1: Improve early reading"),
    para("Too few pupils in Year 1 meet the expected standard in phonics."),
    bullet("Daily phonics in Reception and Year 1"),
    bullet("Reading fluency sessions in Year 2"),
    table([
      ["Action", "Lead", "By when", "RAG", "Success criteria"],
      ["Train all staff in the new phonics scheme", { text: lead.name, merge: "restart" }, "18/12/2026", { fill: FILLS.green }, "All staff observed teaching phonics with fidelity"],
      ["Weekly phonics assessments for the lowest 20%", { merge: "continue" }, "Autumn 2", { fill: FILLS.amber }, "Gaps closed by half term"],
      ["Reading ambassadors in every class", "Mrs Okafor", "end of Spring term", { fill: FILLS.red }, "Library borrowing up 30%"],
      [{ text: "Priority 2: Attendance", span: 5 }],
      ["First-day calling for every absence", lead.initials, "18 Dec 2026", { fill: FILLS.blue }, "Persistent absence below 12%"],
      ["Attendance clinics for families", lead.name, "Summer 2027", { fill: FILLS.purple }, "Clinics held each half term"],
      ["Termly awards assembly", lead.name, "ongoing", "Amber", "Attendance above 96%"],
    ]),
  ]);
}
