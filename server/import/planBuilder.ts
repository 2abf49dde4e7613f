/**
 * Turns a Word plan's body (prose from mammoth, tables from the XML grid) into the blocks of a
 * Trellis document. Every value that could not be read, or was read with a caveat, becomes a
 * warning naming its table row; nothing is dropped or guessed silently.
 */
import { defaultBlockAttrs, parseBlockAttrs, type BlockType } from "../../shared/blocks/schema.js";
import type { ImportBlock, ImportResult, ImportWarning, MarkRange } from "../../shared/importPreview.js";
import { joinMarked, oneLineMarked, type Marked } from "./markedText.js";
import { ownerMatcher, type Person } from "./ownerMatcher.js";
import { readRag } from "./ragCells.js";
import { layoutOf, type ColumnRole, type TableLayout } from "./tableColumns.js";
import { readUkDate, type TermCalendar } from "./ukDates.js";
import type { BodyItem } from "./wordBody.js";
import type { GridCell, WordTable } from "./wordTables.js";

/** What the builder needs besides the file. */
export interface BuildOptions {
  academicYear: string;
  people: readonly Person[];
  /** Where term names ("Autumn 2") get their dates. */
  calendar?: TermCalendar;
}

const PRIORITY = /^priority\s*(?:\d+|[a-z]|[ivx]+)?\s*[:.)\-–—]\s*(.+)$/i;
const PRIORITY_ONLY = /^priority\s*\d+$/i;
const TARGET_ROW = /^target\s*\d*\s*[:.)\-–—]\s*(.+)$/i;
const SHORT = 500;
const LONG = 2000;
const oneLine = (s: string) => s.replace(/\s*\n\s*/g, " ").trim();
const excerpt = (s: string) => (s.length > 40 ? `${s.slice(0, 38)}…` : s);
const LABELS: Record<ColumnRole, string> = {
  action: "action", owner: "lead", due: "deadline", rag: "RAG", successCriteria: "success criteria", cost: "cost",
  baseline: "baseline", goal: "target", target: "target", current: "current", text: "text",
};

/** Builds the document's blocks and warnings. */
export function buildPlan(body: BodyItem[], tables: WordTable[], options: BuildOptions): Omit<ImportResult, "people"> {
  const blocks: ImportBlock[] = [];
  const warnings: ImportWarning[] = [];
  const matchOwners = ownerMatcher(options.people);
  const warn = (block: number | null, row: string | null, message: string) => warnings.push({ block, row, message });
  const unmatchedOwners: string[] = [];

  const pushText = (text: string, marks: readonly MarkRange[] = []) => {
    const priority = PRIORITY.exec(text);
    if (priority) blocks.push(structured("priority", oneLine(priority[1]!), {}));
    else if (PRIORITY_ONLY.test(text)) blocks.push(structured("priority", text, {}));
    else {
      let at = 0;
      for (const line of text.split("\n")) {
        const from = at + (line.length - line.trimStart().length);
        at += line.length + 1;
        const trimmed = line.trim();
        if (!trimmed) continue;
        const to = from + trimmed.length;
        // Each line is its own paragraph: its marks, clipped to it and counted from its start.
        const mine = marks.filter((m) => m.to > from && m.from < to).map((m) => ({ ...m, from: Math.max(m.from, from) - from, to: Math.min(m.to, to) - from }));
        blocks.push({ type: "paragraph", text: trimmed, attrs: {}, ...(mine.length ? { marks: mine } : {}) });
      }
    }
  };

  for (let i = 0; i < body.length; i++) {
    const item = body[i]!;
    if (item.kind === "heading") {
      if (PRIORITY.test(item.text) || PRIORITY_ONLY.test(item.text)) pushText(item.text);
      else blocks.push(withMarks({ type: "heading", text: item.text, attrs: { level: item.level } }, item.marks));
    } else if (item.kind === "paragraph") pushText(item.text, item.marks);
    else if (item.kind === "listItem") {
      const items: Marked[] = [];
      const ordered = item.ordered;
      for (let next = body[i]; next?.kind === "listItem" && next.ordered === ordered; next = body[++i]) items.push(oneLineMarked(next));
      i--;
      // The items' marks count through the block's text, the items joined by line breaks.
      const joined = joinMarked(items, "\n");
      blocks.push(withMarks({ type: ordered ? "orderedList" : "bulletList", text: joined.text, attrs: { items: items.map((it) => it.text) } }, joined.marks));
    } else {
      const table = tables[item.index];
      if (!table) warn(null, `Table ${item.index + 1}`, `Table ${item.index + 1} could not be read from the file, so it was left out`);
      else readTable(table, item.index + 1);
    }
  }

  const unmatched = [...new Set(unmatchedOwners)];
  if (unmatched.length) {
    warn(null, null, `These owners are not people of this school in Trellis, so they stayed as text in their actions: ${unmatched.join(", ")}`);
  }
  return { blocks, warnings };

  function readTable(table: WordTable, number: number) {
    const headerAt = table.slice(0, 3).findIndex((row) => layoutOf(row.map((c) => c.text)) !== null);
    if (headerAt < 0) {
      for (const row of table) {
        const { text, marks } = joinMarked(distinct(row).map(oneLineMarked).filter((c) => c.text), " | ");
        if (text) pushText(text, marks);
      }
      warn(null, `Table ${number}`, `Table ${number} has no action or target column, so its rows came across as text`);
      return;
    }
    const layout = layoutOf(table[headerAt]!.map((c) => c.text))!;
    for (const row of table.slice(0, headerAt)) sectionRow(row);
    for (const { header } of layout.unknown) {
      warn(null, `Table ${number}`, `Table ${number}: the column "${header}" has no place in ${layout.kind === "actions" ? "an action" : "a target"}, so its cells were added to the ${layout.kind === "actions" ? "success criteria" : "measure"}`);
    }
    let previous: number | null = null;
    for (let r = headerAt + 1; r < table.length; r++) {
      const row = table[r]!;
      const label = `Table ${number}, row ${r + 1}`;
      const cells = distinct(row).filter((c) => c.text || c.fill);
      if (!cells.length) continue;
      if (cells.length === 1 && cells[0]!.span >= Math.max(2, row.length - 1) && !cells[0]!.fill) {
        sectionRow(row);
        previous = null;
        continue;
      }
      previous = dataRow(row, layout, label, previous);
    }
  }

  /** A full-width row: a priority ("Priority 2: Attendance"), a target, or a sub-heading. */
  function sectionRow(row: GridCell[]) {
    const { text, marks } = oneLineMarked(joinMarked(distinct(row).filter((c) => c.text), " "));
    if (!text) return;
    const target = TARGET_ROW.exec(text);
    if (target) blocks.push(structured("target", target[1]!, {}));
    else if (PRIORITY.test(text) || PRIORITY_ONLY.test(text)) pushText(text);
    else blocks.push(withMarks({ type: "heading", text, attrs: { level: 3 } }, marks));
  }

  /** One row of actions or targets; returns the index of the block it wrote or continued. */
  function dataRow(row: GridCell[], layout: TableLayout, label: string, previous: number | null): number | null {
    const { columns } = layout;
    const type: BlockType = layout.kind === "actions" ? "action" : "target";
    const textColumn = (layout.kind === "actions" ? columns.action : columns.text)!;
    const rowWarnings: string[] = [];
    const value = (role: ColumnRole): GridCell | null => {
      const column = columns[role];
      if (column === undefined) return null;
      const cell = row[column];
      if (!cell) return null;
      if (cell.origin !== column) {
        const owner = (Object.entries(columns) as [ColumnRole, number][]).find(([, c]) => c === cell.origin);
        if (owner) {
          if (cell.text) rowWarnings.push(`the cell spans the ${LABELS[owner[0]]} and ${LABELS[role]} columns, so it was read as the ${LABELS[owner[0]]} only`);
          return null;
        }
      }
      return cell;
    };
    const textCell = row[textColumn];
    const continues = textCell?.continued === true && previous !== null;
    const text = oneLine(textCell?.text ?? "");
    const name = `${label}${text ? ` ("${excerpt(text)}")` : ""}`;
    const attrs: Record<string, unknown> = {};
    const extras: string[] = [];
    let shownText = text;

    const owner = value("owner");
    if (owner?.text) {
      const reading = matchOwners(owner.text);
      attrs.owners = reading.ids;
      for (const n of reading.unmatched) rowWarnings.push(`the lead "${n}" is not one of the school's people, so it stays as text`);
      unmatchedOwners.push(...reading.unmatched);
      if (reading.unmatched.length) shownText = `${shownText} (Lead: ${reading.unmatched.join(", ")})`.trim();
    }
    const due = value("due");
    if (due?.text) {
      const date = readUkDate(due.text, options.academicYear, options.calendar);
      if (!date) rowWarnings.push(`the deadline "${oneLine(due.text)}" is not a date or a term, so there is no due date`);
      else {
        attrs.due = date.due;
        if (date.start && type === "action") attrs.start = date.start;
        if (date.note) rowWarnings.push(`the deadline ${date.note}`);
      }
    }
    const ragCell = value("rag");
    if (ragCell && (ragCell.text || ragCell.fill)) {
      const reading = readRag(ragCell.text, ragCell.fill);
      attrs.rag = reading.rag;
      if (reading.status && type === "action") attrs.status = reading.status;
      if (reading.unread) rowWarnings.push(`the RAG ${reading.unread} is not red, amber, green or blue, so it is not rated`);
    }
    const criteria = value("successCriteria")?.text ?? "";
    const extra = (role: ColumnRole, heading: string) => {
      const cell = value(role);
      if (cell?.text) extras.push(`${heading}: ${oneLine(cell.text)}`);
    };
    if (type === "action") {
      extra("baseline", "Baseline");
      extra("current", "Current");
      extra("goal", "Target");
      extra("target", "Target");
      const cost = value("cost")?.text;
      if (cost) attrs.cost = clip(oneLine(cost), SHORT, "cost", rowWarnings);
    } else {
      for (const role of ["baseline", "goal", "current"] as const) {
        const cell = value(role)?.text;
        if (cell) attrs[role] = clip(oneLine(cell), SHORT, LABELS[role], rowWarnings);
      }
      extra("cost", "Cost");
    }
    for (const { column, header } of layout.unknown) {
      const cell = row[column];
      if (cell?.text && cell.origin === column) extras.push(`${header}: ${oneLine(cell.text)}`);
    }
    const detail = [criteria.trim(), ...extras].filter(Boolean).join("\n");
    if (detail) {
      if (type === "action") attrs.successCriteria = clip(detail, LONG, "success criteria", rowWarnings);
      else attrs.measure = clip(oneLine(detail), SHORT, "measure", rowWarnings);
    }

    if (continues) {
      // The text cell is merged down from the row above: this row adds to that block.
      const target = blocks[previous!]!;
      for (const [key, v] of Object.entries(attrs)) {
        const current = target.attrs[key];
        const empty = current === null || current === "" || current === "none" || (Array.isArray(current) && !current.length);
        if (empty) target.attrs[key] = v;
        else if (JSON.stringify(current) !== JSON.stringify(v)) rowWarnings.push(`its ${key} was not used: the merged ${type} above already has one`);
      }
      for (const w of rowWarnings) warn(previous, label, `${name}: ${w}`);
      return previous;
    }
    if (!text) rowWarnings.push(`the row has no ${type} text, so it came across as an empty ${type}`);
    const index = blocks.length;
    blocks.push(structured(type, shownText, attrs, rowWarnings));
    for (const w of rowWarnings) warn(index, label, `${name}: ${w}`);
    return index;
  }

  function structured(type: BlockType, text: string, raw: Record<string, unknown>, rowWarnings: string[] = []): ImportBlock {
    const { attrs, warnings: invalid } = parseBlockAttrs(type, { ...defaultBlockAttrs(type), ...raw });
    for (const w of invalid) rowWarnings.push(w.message);
    return { type, text: clip(text, LONG, "text", rowWarnings), attrs: attrs as unknown as Record<string, unknown> };
  }
}

/** The block with its marks, left off when there are none (as the preview shows plain blocks). */
function withMarks(block: ImportBlock, marks: readonly MarkRange[]): ImportBlock {
  return marks.length ? { ...block, marks: [...marks] } : block;
}

/** The distinct physical cells of a row, in order (a merged cell once). */
function distinct(row: GridCell[]): GridCell[] {
  return row.filter((c, i) => row.indexOf(c) === i);
}

function clip(text: string, max: number, what: string, rowWarnings: string[]): string {
  if (text.length <= max) return text;
  rowWarnings.push(`the ${what} was longer than ${max} characters and was cut short`);
  return `${text.slice(0, max - 1)}…`;
}
