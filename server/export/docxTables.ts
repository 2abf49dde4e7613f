/**
 * The export's tables as WordprocessingML written straight to text, spliced into the file the
 * `docx` package packs. A 1,000-block plan is nearly all table cells, and docx builds, copies and
 * walks a dozen objects for each one (most of a second and a lot of garbage collection for 6,000
 * cells); the markup is small and fixed, so writing it directly is a string per cell. The output
 * is what docx itself wrote for the same table: fixed layout, single borders, a repeated header row,
 * rows that never split across pages, and the "Cell" and "CellStrong" paragraph styles.
 */
import JSZip from "jszip";
import { RAG_FILL, type Table } from "./content.js";

const BORDER = 'w:val="single" w:color="auto" w:sz="4"';
const TABLE_PROPERTIES = (width: number) =>
  `<w:tblPr><w:tblW w:type="dxa" w:w="${width}"/><w:tblBorders><w:top ${BORDER}/><w:left ${BORDER}/><w:bottom ${BORDER}/><w:right ${BORDER}/><w:insideH ${BORDER}/><w:insideV ${BORDER}/></w:tblBorders>` +
  '<w:tblLayout w:type="fixed"/><w:tblCellMar><w:top w:type="dxa" w:w="40"/><w:left w:type="dxa" w:w="80"/><w:bottom w:type="dxa" w:w="40"/><w:right w:type="dxa" w:w="80"/></w:tblCellMar></w:tblPr>';

// XML 1.0 allows no control characters but tab and line ends: one in a cell would make Word refuse the whole file.
const NOT_XML = /[^\P{Cc}\t\n\r]/gu;
const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" };

/** Text as XML character data. */
export function xmlText(text: string): string {
  return text.replace(NOT_XML, "").replace(/[&<>"]/g, (c) => ESCAPES[c]!);
}

function cellXml(text: string, width: number, strong: boolean, fill?: string): string {
  const shading = fill ? `<w:shd w:fill="${fill}" w:color="auto" w:val="clear"/>` : "";
  const style = `<w:pPr><w:pStyle w:val="${strong ? "CellStrong" : "Cell"}"/></w:pPr>`;
  const paragraphs = text
    .split("\n")
    .map((line) => (line ? `<w:p>${style}<w:r><w:t xml:space="preserve">${xmlText(line)}</w:t></w:r></w:p>` : `<w:p>${style}</w:p>`))
    .join("");
  return `<w:tc><w:tcPr><w:tcW w:type="dxa" w:w="${width}"/>${shading}</w:tcPr>${paragraphs}</w:tc>`;
}

/** One table as a w:tbl element `width` twips wide, its columns in proportion to the table's widths. */
export function tableXml(table: Table, width: number): string {
  const total = table.widths.reduce((a, b) => a + b, 0);
  const columns = table.widths.map((w) => Math.floor((w / total) * width));
  const parts = [TABLE_PROPERTIES(width), `<w:tblGrid>${columns.map((w) => `<w:gridCol w:w="${w}"/>`).join("")}</w:tblGrid>`];
  parts.push(`<w:tr><w:trPr><w:tblHeader/></w:trPr>${table.headers.map((h, i) => cellXml(h, columns[i]!, true, "D9D9D9")).join("")}</w:tr>`);
  for (const row of table.rows) {
    parts.push(`<w:tr><w:trPr><w:cantSplit/></w:trPr>${row.map((c, i) => cellXml(c.text, columns[i] ?? 0, !!c.rag, c.rag ? RAG_FILL[c.rag] : undefined)).join("")}</w:tr>`);
  }
  return `<w:tbl>${parts.join("")}</w:tbl>`;
}

/** The paragraph docx writes for a placeholder run `${marker}${n}`; the marker holds only letters, digits and dashes. */
const placeholder = (marker: string) => new RegExp(`<w:p><w:r><w:t xml:space="preserve">${marker}(\\d+)</w:t></w:r></w:p>`, "g");

/** Replaces each placeholder paragraph in the packed file's body with its table. */
export async function spliceTables(packed: Buffer, marker: string, tables: readonly Table[], width: number): Promise<Buffer> {
  if (!tables.length) return packed;
  const zip = await JSZip.loadAsync(packed);
  const body = zip.file("word/document.xml");
  if (!body) throw new Error("the packed Word file has no document body");
  let found = 0;
  const xml = (await body.async("string")).replace(placeholder(marker), (_, n: string) => {
    found++;
    return tableXml(tables[Number(n)]!, width);
  });
  // A placeholder docx wrote differently would leave its marker in the file: better no file than that.
  if (found !== tables.length) throw new Error(`only ${found} of ${tables.length} tables could be placed in the Word file`);
  zip.file("word/document.xml", xml);
  return zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE", compressionOptions: { level: 6 } });
}
