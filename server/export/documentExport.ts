/** One document's export: its live Yjs state read in document order, with owners' names and its approval. */
import { desc, eq, inArray } from "drizzle-orm";
import * as Y from "yjs";
import { DOCUMENT_KIND_LABELS, type DocumentKind } from "../../shared/enums.js";
import { DEFAULT_FRAMEWORK, isFrameworkKey } from "../../shared/frameworks/index.js";
import { loadDocumentState } from "../collab/documentStore.js";
import { APPROVAL_BODY_LABELS } from "../commands/documentStatusChanger.js";
import type { Db } from "../db/client.js";
import { type documents, documentVersions, users } from "../db/schema/index.js";
import type { AppHooks } from "../http/context.js";
import { para, type ExportContent, type Part } from "./content.js";
import { documentParts, ownerIdsOf } from "./documentParts.js";
import { capitalise, fileSlug, ukDay } from "./format.js";

type DocumentRow = typeof documents.$inferSelect;

/** How a document's status reads on paper. */
export const STATUS_WORDS: Record<string, string> = { draft: "Draft", in_review: "In review", approved: "Approved", archived: "Archived" };

/** The latest approval of a document, with the approver's name. */
export interface Approval {
  versionId: string;
  name: string;
  approvedOn: string;
  approvedBy: string | null;
  body: string;
  blocks: unknown[];
}

/** Reads a document's current state: the open room's (with edits not yet stored) when there is one, else the stored log. */
export async function readDocumentState(db: Db, hooks: AppHooks, documentId: string): Promise<Y.Doc> {
  if (!hooks.documentState) return loadDocumentState(db, documentId);
  const doc = new Y.Doc();
  Y.applyUpdate(doc, await hooks.documentState(documentId));
  return doc;
}

/** Names of the given users, in one query. */
export async function userNames(db: Db, ids: readonly string[]): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  if (!ids.length) return names;
  for (const u of await db.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, [...ids]))) names.set(u.id, u.name);
  return names;
}

/** The most recent approval of the document, or null when it has never been approved. */
export async function latestApproval(db: Db, documentId: string): Promise<Approval | null> {
  const [row] = await db
    .select({ id: documentVersions.id, name: documentVersions.name, approvedOn: documentVersions.approvedOn, body: documentVersions.approvalBody, by: users.name, blocks: documentVersions.blocks })
    .from(documentVersions)
    .leftJoin(users, eq(users.id, documentVersions.approvedBy))
    .where(eq(documentVersions.documentId, documentId))
    .orderBy(desc(documentVersions.createdAt))
    .limit(1);
  if (!row) return null;
  const body = APPROVAL_BODY_LABELS[row.body as keyof typeof APPROVAL_BODY_LABELS] ?? row.body;
  return { versionId: row.id, name: row.name, approvedOn: row.approvedOn, approvedBy: row.by, body, blocks: row.blocks };
}

/** "Approved 18 Dec 2026 by Ann Lee (Local Governing Board)", or "Not yet approved". */
export function approvalWords(approval: Approval | null): string {
  if (!approval) return "Not yet approved";
  return `Approved ${ukDay(approval.approvedOn)}${approval.approvedBy ? ` by ${approval.approvedBy}` : ""} (${approval.body})`;
}

/** "Single Plan, Autumn 2026/27" */
export function kindAndTerm(doc: Pick<DocumentRow, "kind" | "term" | "academicYear">): string {
  const kind = DOCUMENT_KIND_LABELS[doc.kind as DocumentKind] ?? doc.kind;
  return `${kind}, ${doc.term ? `${capitalise(doc.term)} ` : ""}${doc.academicYear}`;
}

/** A document's parts from its state: title, a facts line, then its content. */
export async function documentBody(db: Db, doc: DocumentRow, ydoc: Y.Doc, approval: Approval | null): Promise<Part[]> {
  const names = await userNames(db, ownerIdsOf(ydoc));
  const framework = isFrameworkKey(doc.framework) ? doc.framework : DEFAULT_FRAMEWORK;
  return [
    { kind: "heading", level: 1, text: doc.title },
    para(`${kindAndTerm(doc)} · ${STATUS_WORDS[doc.status] ?? doc.status} · ${approvalWords(approval)}`, "muted"),
    ...documentParts(ydoc, { framework, names }),
  ];
}

/** The export of one document (callers have checked the actor may read it). */
export async function exportDocument(db: Db, hooks: AppHooks, doc: DocumentRow, schoolName: string): Promise<ExportContent> {
  const approval = await latestApproval(db, doc.id);
  const ydoc = await readDocumentState(db, hooks, doc.id);
  let parts: Part[];
  try {
    parts = await documentBody(db, doc, ydoc, approval);
  } finally {
    ydoc.destroy();
  }
  // Demo and imported titles often start with the school's name already.
  const title = doc.title.startsWith(schoolName) ? doc.title : `${schoolName}: ${doc.title}`;
  const headerLine = [title, STATUS_WORDS[doc.status] ?? doc.status, approvalWords(approval)].join(" · ");
  const kind = DOCUMENT_KIND_LABELS[doc.kind as DocumentKind] ?? doc.kind;
  return {
    meta: { title, schoolName, headerLine, fileStem: fileSlug(schoolName, kind, doc.term, doc.academicYear) },
    parts,
  };
}
