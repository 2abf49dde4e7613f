/** What every block's node view needs to know about the document it sits in. */
import { createContext, useContext } from "react";
import type { FrameworkKey } from "../../../shared/frameworks/index.js";
import type { DeletedBlocks } from "./deletedBlocks.js";
import type { TargetIndex } from "./targetIndex.js";

/** Someone who can own a target or an action: a person of the document's school. */
export interface Person {
  id: string;
  name: string;
  roleLabel?: string;
}

export interface PlanContextValue {
  framework: FrameworkKey;
  people: readonly Person[];
  peopleById: ReadonlyMap<string, Person>;
  /** Blocks render, controls are disabled (governors, viewers, approved documents). */
  readOnly: boolean;
  targets: TargetIndex;
  /** The block last deleted from a block menu, for Undo. */
  deletedBlocks?: DeletedBlocks;
}

export const PlanContext = createContext<PlanContextValue | null>(null);

/** The plan context; node views are rendered through portals inside it. */
export function usePlan(): PlanContextValue {
  const value = useContext(PlanContext);
  if (!value) throw new Error("usePlan outside PlanContext");
  return value;
}
