/**
 * "Changes since approval" for the prose around the blocks: the document read as sections, each a
 * heading and the paragraphs under it, compared section by section. A governor who approved "our
 * context" wants to hear that its words moved, and where, not a character diff.
 */
import * as Y from "yjs";
import { isBlockType } from "../../shared/blocks/schema.js";
import type { BlockChange } from "./versionDiff.js";

export interface ProseSection {
  /** The heading's text with its occurrence ("Context#1"), so two headings of the same name stay apart. */
  key: string;
  /** The heading as written; "" for the text before the first heading. */
  heading: string;
  /** The section's prose, paragraph by paragraph, without the structured blocks inside it. */
  paragraphs: string[];
}

/** The prose of one node, leaving out structured blocks (which diffVersions compares) wherever they sit. */
function proseText(node: Y.XmlElement | Y.XmlText): string {
  if (node instanceof Y.XmlText) {
    let out = "";
    for (const op of node.toDelta() as { insert: unknown }[]) if (typeof op.insert === "string") out += op.insert;
    return out;
  }
  if (isBlockType(node.nodeName)) return "";
  const parts: string[] = [];
  for (const child of node.toArray()) {
    if (child instanceof Y.XmlElement || child instanceof Y.XmlText) {
      const text = proseText(child);
      if (text) parts.push(text);
    }
  }
  // Inline text runs join as they are; paragraphs inside a list or quote become lines.
  return node.toArray().some((c) => c instanceof Y.XmlElement && c.nodeName !== "hardBreak") ? parts.join("\n") : parts.join("");
}

/** The document's prose as sections under its headings, in order. */
export function proseSections(doc: Y.Doc): ProseSection[] {
  const seen = new Map<string, number>();
  const open = (heading: string): ProseSection => {
    const n = (seen.get(heading) ?? 0) + 1;
    seen.set(heading, n);
    return { key: `${heading}#${n}`, heading, paragraphs: [] };
  };
  const sections: ProseSection[] = [open("")];
  for (const child of doc.getXmlFragment("default").toArray()) {
    if (!(child instanceof Y.XmlElement)) continue;
    if (child.nodeName === "heading") {
      sections.push(open(proseText(child).trim()));
      continue;
    }
    const text = proseText(child).trim();
    if (text) sections.at(-1)!.paragraphs.push(text);
  }
  return sections.filter((s) => s.heading !== "" || s.paragraphs.length > 0);
}

/** Cuts long prose down to what moved: the differing middle, with a few words either side. */
export function changedExcerpt(from: string, to: string, context = 6): { from: string; to: string } {
  const a = from.split(/\s+/).filter(Boolean);
  const b = to.split(/\s+/).filter(Boolean);
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let end = 0;
  while (end < a.length - start && end < b.length - start && a[a.length - 1 - end] === b[b.length - 1 - end]) end++;
  const cut = (words: string[]) => {
    const lo = Math.max(0, start - context);
    const hi = Math.min(words.length, words.length - end + context);
    return `${lo > 0 ? "…" : ""}${words.slice(lo, hi).join(" ")}${hi < words.length ? "…" : ""}`;
  };
  return { from: cut(a), to: cut(b) };
}

const sectionName = (s: ProseSection) => s.heading || "Opening text";
/** The first words of a new section, enough to recognise it. */
const lead = (text: string, words = 24) => {
  const all = text.split(/\s+/).filter(Boolean);
  return all.length > words ? `${all.slice(0, words).join(" ")}…` : all.join(" ");
};

/** Sections added, removed or reworded, as changes of type "prose" in the order they appear now. */
export function diffProse(before: ProseSection[], after: ProseSection[]): BlockChange[] {
  const old = new Map(before.map((s) => [s.key, s]));
  const now = new Set(after.map((s) => s.key));
  const changes: BlockChange[] = [];
  for (const section of after) {
    const prior = old.get(section.key);
    const text = section.paragraphs.join("\n");
    if (!prior) {
      changes.push({ id: `prose:${section.key}`, type: "prose", text: sectionName(section), change: "added", fields: text ? [{ field: "text", from: null, to: lead(text) }] : [] });
      continue;
    }
    const was = prior.paragraphs.join("\n");
    if (was === text) continue;
    const excerpt = changedExcerpt(was, text);
    changes.push({ id: `prose:${section.key}`, type: "prose", text: sectionName(section), change: "changed", fields: [{ field: "text", from: excerpt.from || null, to: excerpt.to || null }] });
  }
  for (const section of before) {
    if (!now.has(section.key)) changes.push({ id: `prose:${section.key}`, type: "prose", text: sectionName(section), change: "removed", fields: [] });
  }
  return changes;
}

/** The prose changes between two Yjs states. */
export function diffProseStates(before: Uint8Array, after: Uint8Array): BlockChange[] {
  const read = (state: Uint8Array) => {
    const doc = new Y.Doc();
    try {
      Y.applyUpdate(doc, state);
      return proseSections(doc);
    } finally {
      doc.destroy();
    }
  };
  return diffProse(read(before), read(after));
}
