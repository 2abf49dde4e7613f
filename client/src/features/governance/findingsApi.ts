/** Peer-review findings to actions (server/routes/findings.ts). */
import { api } from "../../api/client.js";
import type { ActionStatus, Rag } from "../../../../shared/enumValues.js";

/** An action made from a finding, with its current RAG and status from the progress tables. */
export interface LinkedAction {
  id: string;
  findingId: string;
  documentId: string;
  text: string;
  rag: Rag;
  status: ActionStatus;
  due: string | null;
  owners: { id: string; name: string }[];
  /** `/documents/<plan>#block-<action>` */
  link: string;
}

/** A finding of a peer review with the actions made from it. */
export interface ReviewFinding {
  id: string;
  text: string;
  area: string | null;
  kind: "strength" | "development" | string;
  actions: LinkedAction[];
  summary: { actions: number; complete: number; red: number };
}

const enc = encodeURIComponent;

/** The review's findings, each with its linked actions. */
export const listFindings = (reviewId: string, signal?: AbortSignal) =>
  api.get<{ findings: ReviewFinding[] }>(`/documents/${enc(reviewId)}/findings`, { signal }).then((r) => r.findings);

/** What the champion chose: the plan, owners, due date, the action's words and the target it serves (null: none). */
export interface TurnIntoActionInput {
  planId: string;
  owners: string[];
  due: string;
  text?: string;
  targetId?: string | null;
}

/** A plan's targets, for "which target does this action serve?" (GET /documents/:id/blocks). */
export const listPlanTargets = (planId: string, signal?: AbortSignal) =>
  api
    .get<{ blocks: { id: string; type: string; text: string }[] }>(`/documents/${enc(planId)}/blocks`, { signal })
    .then((r) => r.blocks.filter((b) => b.type === "target").map((b) => ({ id: b.id, text: b.text })));

/** Inserts an action into the plan's live document, linked to the finding. */
export const turnIntoAction = (reviewId: string, findingId: string, input: TurnIntoActionInput) =>
  api.post<{ actionId: string; planId: string; findingId: string }>(`/documents/${enc(reviewId)}/findings/${enc(findingId)}/actions`, input);
