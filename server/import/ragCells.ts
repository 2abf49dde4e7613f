/**
 * A RAG cell's meaning: its word when it has one ("Amber", "G", "Complete"), else its shading.
 * Shading is read by hue, so Word's many reds (Excel's pale FFC7CE as much as FF0000) all count.
 */
import type { ActionStatus, Rag } from "../../shared/enums.js";

/** What a RAG or status cell said. `unread` is the text or colour that meant nothing we know. */
export interface RagReading {
  rag: Rag;
  status: ActionStatus | null;
  source: "word" | "shading" | "empty";
  unread: string | null;
}

const WORDS: [RegExp, Rag, ActionStatus | null][] = [
  [/^(complete|completed|done|achieved|embedded|met)\b/, "blue", "complete"],
  [/^(blue|b)\b/, "blue", "complete"],
  [/^(red|r)\b/, "red", null],
  [/^(amber|a|orange|yellow)\b/, "amber", null],
  [/^(green|g|on track)\b/, "green", null],
];
const STATUS_WORDS: [RegExp, ActionStatus][] = [
  [/^(in progress|ongoing|started|underway|under way)\b/, "in_progress"],
  [/^(not started|not yet started|to do|not begun)\b/, "not_started"],
  [/^(dropped|cancelled|canceled|withdrawn|no longer needed)\b/, "dropped"],
];

/** Word highlight names (w:highlight) that are RAG colours. */
const HIGHLIGHTS: Record<string, Rag> = {
  red: "red", darkRed: "red", yellow: "amber", darkYellow: "amber", green: "green", darkGreen: "green",
  blue: "blue", darkBlue: "blue", cyan: "blue", darkCyan: "blue",
};

/** The RAG a shading colour shows, or null for white, greys and colours that are not RAG (purple, pink). */
export function ragFromFill(fill: string): Rag | null {
  if (!/^[0-9A-F]{6}$/i.test(fill)) return HIGHLIGHTS[fill] ?? null;
  const [r, g, b] = [0, 2, 4].map((i) => Number.parseInt(fill.slice(i, i + 2), 16) / 255) as [number, number, number];
  const max = Math.max(r, g, b);
  const min = Math.min(r, g, b);
  const light = (max + min) / 2;
  const chroma = max - min;
  const saturation = chroma === 0 ? 0 : chroma / (1 - Math.abs(2 * light - 1));
  if (saturation < 0.25 || light > 0.95 || light < 0.08 || chroma < 0.08) return null;
  let hue = max === r ? ((g - b) / chroma) % 6 : max === g ? (b - r) / chroma + 2 : (r - g) / chroma + 4;
  hue = (hue * 60 + 360) % 360;
  if (hue >= 340 || hue < 15) return "red";
  if (hue < 66) return "amber";
  if (hue < 170) return "green";
  if (hue < 255) return "blue";
  return null;
}

/** Reads a RAG/status cell from its text, falling back to its shading where the text gives no RAG. */
export function readRag(text: string, fill: string | null): RagReading {
  const word = text.trim().toLowerCase().replace(/[^a-z ]+/g, " ").replace(/\s+/g, " ").trim();
  let status: ActionStatus | null = null;
  if (word) {
    for (const [pattern, rag, s] of WORDS) if (pattern.test(word)) return { rag, status: s, source: "word", unread: null };
    for (const [pattern, s] of STATUS_WORDS) if (pattern.test(word)) status = s;
  }
  if (fill) {
    const rag = ragFromFill(fill);
    if (rag) return { rag, status: status ?? (rag === "blue" ? "complete" : null), source: "shading", unread: null };
    return { rag: "none", status, source: "shading", unread: word && !status ? `"${text.trim()}" shaded ${fill}` : `shading ${fill}` };
  }
  if (!word) return { rag: "none", status: null, source: "empty", unread: null };
  return { rag: "none", status, source: "word", unread: status ? null : `"${text.trim()}"` };
}
