/** The block deleted last from the menu, held so "Undo" can put it back; one per editor. */
import type { DeletedBlock } from "./blockCommands.js";

export interface DeletedEntry {
  label: string;
  deleted: DeletedBlock;
}

export class DeletedBlocks {
  private entry: DeletedEntry | null = null;
  private listeners = new Set<() => void>();

  push(entry: DeletedEntry): void {
    this.entry = entry;
    this.emit();
  }

  /** Takes the entry (Undo, or the toast dismissed), so it is restored at most once. */
  take(): DeletedEntry | null {
    const entry = this.entry;
    this.entry = null;
    if (entry) this.emit();
    return entry;
  }

  current = (): DeletedEntry | null => this.entry;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  private emit(): void {
    for (const l of this.listeners) l();
  }
}
