/**
 * The Word writer's tables, written as markup and spliced into the packed file: LibreOffice must
 * open the result and read every cell, whatever characters the plan's text holds.
 */
import { describe, expect, it } from "vitest";
import type { ExportContent } from "../../server/export/content.js";
import { writeDocx } from "../../server/export/docxWriter.js";
import { libreOfficeText } from "./tools.js";

describe("Word tables written as markup", () => {
  it("opens in LibreOffice with every cell in place, escaped text, control characters dropped and two tables in order", async () => {
    const content: ExportContent = {
      meta: { title: "Plan", schoolName: "Oakfield", headerLine: "Oakfield · Draft", fileStem: "plan" },
      parts: [
        { kind: "heading", level: 1, text: "Plan" },
        // Text that looks like a placeholder is only text: each file's marker is new.
        { kind: "paragraph", runs: [{ text: "trellis-table-0" }] },
        {
          kind: "table", caption: "Actions", headers: ["Action", "Owners", "RAG"], widths: [3, 2, 1],
          rows: [
            [{ text: 'Fix <b>&</b> "quotes"' }, { text: "Zoë Brontë" }, { text: "Green", rag: "green" }],
            [{ text: "Bell\u0007 in\u0001 text\nsecond line" }, { text: "" }, { text: "Red", rag: "red" }],
          ],
        },
        { kind: "paragraph", runs: [{ text: "Between the tables" }] },
        { kind: "table", caption: "Targets", headers: ["Target"], widths: [1], rows: [[{ text: "KS2 writing 70%" }]] },
      ],
    };
    const bytes = await writeDocx(content);
    const lines = (await libreOfficeText(bytes)).split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
    expect(lines).toEqual([
      "Plan",
      "trellis-table-0",
      "Action", "Owners", "RAG",
      'Fix <b>&</b> "quotes"', "Zoë Brontë", "Green",
      "Bell in text", "second line", "Red",
      "Between the tables",
      "Target",
      "KS2 writing 70%",
    ]);
  }, 120_000);
});
