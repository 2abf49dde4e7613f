/** Review and approval: status moves, named versions, and "changes since approval". */
import { and, desc, eq } from "drizzle-orm";
import { Hono } from "hono";
import { z } from "zod";
import { audit } from "../commands/auditLogger.js";
import { APPROVAL_BODY_LABELS, changeDocumentStatus, checkApproval, statusChangeSchema, transitionAbility } from "../commands/documentStatusChanger.js";
import { documentVersions, users } from "../db/schema/index.js";
import { requireDocument } from "../documents/requireDocument.js";
import { diffProseStates } from "../documents/proseDiff.js";
import { diffVersions, type VersionBlock } from "../documents/versionDiff.js";
import type { AppEnv } from "../http/context.js";
import { HttpError } from "../http/errors.js";
import { parseBody, parseQuery, uuidParam } from "../http/validate.js";
import { authorize } from "../policies/index.js";
import { openChallenges } from "../documents/openChallenges.js";
import { notifyPlanStatus } from "../notifications/planNotifications.js";
import { approvalBodyFor } from "../policies/index.js";
import { todayInEngland } from "../progress/queries/filters.js";

type VersionRow = typeof documentVersions.$inferSelect;

function presentVersion(v: Omit<VersionRow, "state" | "blocks">, approvedByName: string | null) {
  return {
    id: v.id,
    documentId: v.documentId,
    name: v.name,
    approvalBody: v.approvalBody,
    approvalBodyLabel: APPROVAL_BODY_LABELS[v.approvalBody as keyof typeof APPROVAL_BODY_LABELS] ?? v.approvalBody,
    approvedOn: v.approvedOn,
    approvedBy: v.approvedBy ? { id: v.approvedBy, name: approvedByName } : null,
    minuteReference: v.minuteReference,
    // What was still open when the board approved it: approving over a challenge stays on record.
    openThreads: v.openThreads,
    openWarnings: v.openWarnings,
    createdAt: v.createdAt.toISOString(),
  };
}

const versionColumns = {
  id: documentVersions.id, documentId: documentVersions.documentId, name: documentVersions.name,
  approvalBody: documentVersions.approvalBody, approvedBy: documentVersions.approvedBy,
  approvedOn: documentVersions.approvedOn, createdAt: documentVersions.createdAt, approvedByName: users.name,
  minuteReference: documentVersions.minuteReference, openThreads: documentVersions.openThreads, openWarnings: documentVersions.openWarnings,
};

export const documentLifecycleRoutes = new Hono<AppEnv>()
  .post("/documents/:id/status", async (c) => {
    const id = uuidParam(c, "id");
    const change = await parseBody(c, statusChangeSchema);
    const { actor, doc, resource } = await requireDocument(c, id, "read");
    authorize(actor, transitionAbility(doc.status, change.status), resource);
    checkApproval(change, resource, todayInEngland());
    const { captureVersion, onDocumentStatusChanged, lockWriters } = c.var.deps.hooks;
    if (change.status === "approved" && !captureVersion) {
      throw new HttpError(503, "unavailable", "Versions cannot be taken right now");
    }
    const capture = async () => {
      // Open editors turn read-only, on every process, and what they had sent is stored, before the version is taken.
      await lockWriters?.(doc.id);
      return captureVersion!(doc.id);
    };
    const open = change.status === "approved" ? await openChallenges(c.var.deps.db, doc.id) : null;
    const counts = { threads: open?.threads.length ?? 0, warnings: open?.warnings.length ?? 0 };
    const { versionId } = await changeDocumentStatus(c.var.deps.db, doc, change, actor.id, capture, counts).catch(async (err: unknown) => {
      // A failed approval lifts the lock: the re-check finds the document as it still is.
      await onDocumentStatusChanged?.(doc.id);
      throw err;
    });
    await onDocumentStatusChanged?.(doc.id);
    await audit(c, change.status === "approved" ? "document.approved" : "document.status_changed", { from: doc.status, ...change, versionId }, actor.id, { type: "document", id: doc.id });
    c.var.deps.events.publish({ type: "status", documentId: doc.id, subjectId: change.status });
    await notifyPlanStatus(c.var.deps.db, c.var.deps.notifier, {
      doc, tier: resource.type === "document" ? (resource.tier ?? null) : null, from: doc.status, to: change.status, actor,
      note: change.status === "draft" ? change.note : undefined,
      approval: change.status === "approved" ? { body: change.approvalBody, approvedOn: change.approvedOn, minuteReference: change.minuteReference } : undefined,
    });
    return c.json({ status: change.status, versionId });
  })
  // What the approval form shows first: the body that approves, and what is still open on the plan.
  .get("/documents/:id/approval-check", async (c) => {
    const { doc, resource } = await requireDocument(c, uuidParam(c, "id"), "read");
    const open = await openChallenges(c.var.deps.db, doc.id);
    return c.json({ approvalBody: resource.type === "document" ? approvalBodyFor(resource) : null, openThreads: open.threads, warnings: open.warnings });
  })
  .get("/documents/:id/versions", async (c) => {
    const { doc } = await requireDocument(c, uuidParam(c, "id"), "read");
    const rows = await c.var.deps.db
      .select(versionColumns)
      .from(documentVersions)
      .leftJoin(users, eq(users.id, documentVersions.approvedBy))
      .where(eq(documentVersions.documentId, doc.id))
      .orderBy(desc(documentVersions.createdAt));
    return c.json({ versions: rows.map((r) => presentVersion(r, r.approvedByName)) });
  })
  .get("/documents/:id/versions/:versionId", async (c) => {
    const { doc } = await requireDocument(c, uuidParam(c, "id"), "read");
    const versionId = uuidParam(c, "versionId");
    const [row] = await c.var.deps.db
      .select({ version: documentVersions, approvedByName: users.name })
      .from(documentVersions)
      .leftJoin(users, eq(users.id, documentVersions.approvedBy))
      .where(and(eq(documentVersions.id, versionId), eq(documentVersions.documentId, doc.id)))
      .limit(1);
    if (!row) throw new HttpError(404, "not_found", "Version not found");
    return c.json({
      version: {
        ...presentVersion(row.version, row.approvedByName),
        // The Yjs state, so the client can open the version read-only in the same editor.
        state: Buffer.from(row.version.state).toString("base64"),
        blocks: row.version.blocks,
      },
    });
  })
  .get("/documents/:id/changes", async (c) => {
    const { doc } = await requireDocument(c, uuidParam(c, "id"), "read");
    const { since } = parseQuery(c, z.object({ since: z.string().uuid().optional() }));
    const { db, hooks } = c.var.deps;
    const [version] = await db
      .select({ id: documentVersions.id, name: documentVersions.name, blocks: documentVersions.blocks, state: documentVersions.state })
      .from(documentVersions)
      .where(since ? and(eq(documentVersions.id, since), eq(documentVersions.documentId, doc.id)) : eq(documentVersions.documentId, doc.id))
      .orderBy(desc(documentVersions.createdAt))
      .limit(1);
    if (!version) throw new HttpError(404, "not_found", since ? "Version not found" : "This document has no approved version yet");
    if (!hooks.captureVersion) throw new HttpError(503, "unavailable", "The current document cannot be read right now");
    const current = await hooks.captureVersion(doc.id);
    const changes = [...diffVersions(version.blocks as VersionBlock[], current.blocks), ...diffProseStates(version.state, current.state)];
    return c.json({ since: { id: version.id, name: version.name }, changes });
  });
