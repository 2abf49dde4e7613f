/**
 * Which column of a plan's table holds what, found from its header and the synonyms schools use
 * ("Lead", "Who", "Responsibility"; "By when", "Timescale"; "Impact", "Success criteria"; …).
 */

/** What a column holds. `target` is a column headed "Target": the target's text or its goal, by context. */
export type ColumnRole = "action" | "owner" | "due" | "rag" | "successCriteria" | "cost" | "baseline" | "goal" | "target" | "current" | "text";

/** Header patterns per role, tried in order; the first that matches wins. */
const SYNONYMS: [ColumnRole, RegExp][] = [
  ["successCriteria", /success criteria|success measure|impact|outcome|evidence of success|how will we know|measure of success/],
  ["owner", /\b(lead|leads|led by|owner|owners|who|responsibility|responsible|person|staff)\b/],
  ["due", /deadline|by when|timescale|time ?frame|\bdue\b|completion date|\bdate\b|\bwhen\b/],
  ["rag", /\brag\b|\bstatus\b|progress|\bevaluation\b|r\/a\/g/],
  ["cost", /\bcost|resources?|budget|funding/],
  ["baseline", /baseline|starting point|start point/],
  ["current", /^current|now\b|latest/],
  ["goal", /\bgoal|aim\b|end point/],
  ["target", /\btargets?\b/],
  ["action", /\bactions?\b|^what\b|\bwhat (will|we)|\btasks?\b|\bsteps?\b|\bactivit|strateg|implementation/],
  ["text", /objective|priority|area|focus|description|intent/],
];

/** The role a header cell names, or null when it names none. */
export function roleOfHeader(header: string): ColumnRole | null {
  const h = header.toLowerCase().replace(/\s+/g, " ").trim();
  if (!h) return null;
  for (const [role, pattern] of SYNONYMS) if (pattern.test(h)) return role;
  return null;
}

/** A table's kind and the grid column of each role (the first column with that role wins). */
export interface TableLayout {
  kind: "actions" | "targets";
  columns: Partial<Record<ColumnRole, number>>;
  /** Columns whose header named nothing we know, with their header text (their cells go to a warning). */
  unknown: { column: number; header: string }[];
}

/**
 * Reads a header row. A table with an action column is a table of actions; one with a baseline,
 * goal or target column (and no action column) is a table of targets; anything else is prose.
 */
export function layoutOf(headers: string[]): TableLayout | null {
  const columns: Partial<Record<ColumnRole, number>> = {};
  const unknown: { column: number; header: string }[] = [];
  headers.forEach((header, column) => {
    if (column > 0 && header === headers[column - 1]) return; // one header merged across columns
    const role = roleOfHeader(header);
    if (role && columns[role] === undefined) columns[role] = column;
    else if (header.trim()) unknown.push({ column, header: header.trim() });
  });
  if (columns.action !== undefined) return { kind: "actions", columns, unknown };
  if (columns.baseline === undefined && columns.goal === undefined && columns.target === undefined) return null;
  // A targets table's text: an objective-like column, else "Target" when a separate goal column exists.
  if (columns.text === undefined) {
    if (columns.target !== undefined && (columns.goal !== undefined || columns.baseline === undefined)) {
      columns.text = columns.target;
      delete columns.target;
    } else {
      const first = unknown.shift();
      if (first) columns.text = first.column;
      else if (columns.target !== undefined) {
        columns.text = columns.target;
        delete columns.target;
      }
    }
  }
  if (columns.target !== undefined && columns.goal === undefined) {
    columns.goal = columns.target;
    delete columns.target;
  }
  return columns.text === undefined ? null : { kind: "targets", columns, unknown };
}
