/**
 * A peer review's findings with their linked actions, and the plans a finding can become an
 * action in (the school's Single Plans, ADPs and action plans that this person may change).
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from "react";
import type { TrellisDocument } from "../../api/types.js";
import { getDocument, listDocuments } from "../documents/documentsApi.js";
import { listFindings, turnIntoAction, type ReviewFinding, type TurnIntoActionInput } from "./findingsApi.js";

const PLAN_KINDS = new Set(["single_plan", "adp", "action_plan"]);
const LOCKED = new Set(["approved", "archived"]);

/** What the findings context offers the finding blocks. */
export interface FindingsValue {
  reviewId: string;
  findings: ReviewFinding[] | null;
  /** Plans this person may add an action to; null while loading. Empty hides "Turn into action". */
  plans: TrellisDocument[] | null;
  refresh(): void;
  /** Creates the action; the finding's list of actions follows once the progress tables have it. */
  turnIntoAction(findingId: string, input: TurnIntoActionInput): Promise<{ actionId: string; planId: string }>;
}

const FindingsContext = createContext<FindingsValue | null>(null);

/** The findings of the page's peer review, or null on any other page or document kind. */
export function useFindings(): FindingsValue | null {
  return useContext(FindingsContext);
}

/** Loads the review's findings and the plans this person may add actions to. */
export function FindingsProvider({ reviewId, schoolId, children }: { reviewId: string; schoolId: string; children: ReactNode }) {
  const [findings, setFindings] = useState<ReviewFinding[] | null>(null);
  const [plans, setPlans] = useState<TrellisDocument[] | null>(null);
  const alive = useRef(true);

  const refresh = useCallback(() => {
    listFindings(reviewId).then(
      (list) => alive.current && setFindings(list),
      () => undefined,
    );
  }, [reviewId]);

  useEffect(() => {
    alive.current = true;
    refresh();
    // RAG changes happen in the plans: look again when the person comes back to this tab.
    const onFocus = () => refresh();
    window.addEventListener("focus", onFocus);
    return () => {
      alive.current = false;
      window.removeEventListener("focus", onFocus);
    };
  }, [refresh]);

  useEffect(() => {
    const controller = new AbortController();
    (async () => {
      const docs = await listDocuments({ schoolId }, controller.signal);
      const candidates = docs.filter((d) => PLAN_KINDS.has(d.kind) && !LOCKED.has(d.status));
      // The server decides who may change a plan; ask it per plan rather than copying the rules here.
      const details = await Promise.all(candidates.map((d) => getDocument(d.id, controller.signal).catch(() => null)));
      setPlans(candidates.filter((_, i) => details[i]?.abilities.update));
    })().catch(() => {
      if (!controller.signal.aborted) setPlans([]);
    });
    return () => controller.abort();
  }, [schoolId]);

  const value = useMemo<FindingsValue>(
    () => ({
      reviewId,
      findings,
      plans,
      refresh,
      async turnIntoAction(findingId, input) {
        const created = await turnIntoAction(reviewId, findingId, input);
        // Extraction into the progress tables is debounced: keep looking until the action is listed.
        void (async () => {
          for (let attempt = 0; attempt < 20 && alive.current; attempt++) {
            await new Promise((r) => setTimeout(r, 300 + attempt * 150));
            const list = await listFindings(reviewId).catch(() => null);
            if (list && alive.current) setFindings(list);
            if (list?.some((f) => f.actions.some((a) => a.id === created.actionId))) return;
          }
        })();
        return created;
      },
    }),
    [reviewId, findings, plans, refresh],
  );
  return <FindingsContext.Provider value={value}>{children}</FindingsContext.Provider>;
}
