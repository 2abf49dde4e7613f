/**
 * The targets of the open document, for an action's "linked target" picker. One index per editor,
 * refreshed after edits settle, so a thousand action blocks do not each walk the document.
 */
import type { Node as PMNode } from "@tiptap/pm/model";

export interface TargetOption {
  id: string;
  label: string;
}

export class TargetIndex {
  private options: TargetOption[] = [];
  private labels = new Map<string, string>();
  private listeners = new Set<() => void>();

  /** Re-reads the targets from the document; listeners hear only when something changed. */
  refresh(doc: PMNode): void {
    const next: TargetOption[] = [];
    doc.descendants((node) => {
      if (node.type.name === "target" && typeof node.attrs.id === "string") {
        next.push({ id: node.attrs.id, label: node.textContent.trim() || "Untitled target" });
      }
      return node.isBlock && !node.isTextblock;
    });
    const same = next.length === this.options.length && next.every((t, i) => t.id === this.options[i]!.id && t.label === this.options[i]!.label);
    if (same) return;
    this.options = next;
    this.labels = new Map(next.map((t) => [t.id, t.label]));
    for (const l of this.listeners) l();
  }

  list(): readonly TargetOption[] {
    return this.options;
  }

  label(id: string | null): string | null {
    return id ? this.labels.get(id) ?? null : null;
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };
}
