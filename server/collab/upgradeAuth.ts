/**
 * Who may open /collab/<documentId>: the session cookie on the upgrade request decides, through
 * the same policy module as the HTTP API. A refusal is a plain HTTP response written to the raw
 * socket before any upgrade, so no document byte ever reaches a refused client.
 */
import type { IncomingMessage } from "node:http";
import { STATUS_CODES } from "node:http";
import type { Duplex } from "node:stream";
import { readSessionToken, validateSessionToken } from "../auth/sessions.js";
import type { Db } from "../db/client.js";
import { documentResource, loadDocument } from "../documents/loadDocument.js";
import { loadActor } from "../policies/actor.js";
import { can, type Actor } from "../policies/index.js";

const COLLAB_PATH = /^\/collab\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\/?$/i;

/** A connection the policy let in. */
export interface AdmittedConnection {
  documentId: string;
  schoolId: string;
  actor: Actor;
  canWrite: boolean;
  /** The session it was opened with: signing out closes it. */
  sessionId: string;
}

/** The outcome of checking an upgrade request. */
export type UpgradeDecision =
  | { ok: true; admitted: AdmittedConnection }
  | { ok: false; status: number; message: string; /** The signed-in user refused, for the audit log. */ actorId?: string };

/** The document id in a /collab URL, or null when the path is not a collab path. */
export function collabDocumentId(url: string | undefined): string | null {
  const path = (url ?? "").split("?")[0]!;
  return COLLAB_PATH.exec(path)?.[1]?.toLowerCase() ?? null;
}

/** Whether the upgrade URL is under /collab at all (so other upgrade handlers can skip it). */
export function isCollabPath(url: string | undefined): boolean {
  return (url ?? "").startsWith("/collab/") || url === "/collab";
}

/** Decides whether an upgrade request may join its document's room, and with what rights. */
export async function authorizeUpgrade(db: Db, req: IncomingMessage, publicUrl?: string): Promise<UpgradeDecision> {
  const documentId = collabDocumentId(req.url);
  if (!documentId) return { ok: false, status: 404, message: "No such document" };
  if (!sameOrigin(req, publicUrl)) return { ok: false, status: 403, message: "Cross-site connection refused" };
  const token = readSessionToken(req.headers.cookie);
  const session = token ? await validateSessionToken(db, token) : null;
  if (!session) return { ok: false, status: 401, message: "Sign in to continue" };
  const actor = await loadActor(db, session.user);
  const row = await loadDocument(db, documentId);
  // A document the user may not read answers 404, as over HTTP, so its existence stays private.
  if (!row || !can(actor, "read", documentResource(row.doc))) return { ok: false, status: 404, message: "Document not found", actorId: actor.id };
  const canWrite = can(actor, "update", documentResource(row.doc));
  return { ok: true, admitted: { documentId, schoolId: row.doc.schoolId, actor, canWrite, sessionId: session.session.id } };
}

/** Writes a plain HTTP error to a socket that asked to upgrade, then closes it. */
export function refuseUpgrade(socket: Duplex, status: number, message: string): void {
  if (socket.destroyed) return;
  const body = `${message}\n`;
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ""}\r\n` +
      "Connection: close\r\nContent-Type: text/plain; charset=utf-8\r\n" +
      `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  );
}

/**
 * Refuses cross-site WebSocket hijacking: a browser always sends Origin on a WebSocket
 * handshake, and it must name this host (or PUBLIC_URL). Non-browser clients send none.
 */
function sameOrigin(req: IncomingMessage, publicUrl?: string): boolean {
  const origin = req.headers.origin;
  if (!origin) return true;
  let originHost: string;
  try {
    originHost = new URL(origin).host;
  } catch {
    return false;
  }
  const forwarded = req.headers["x-forwarded-host"];
  const hosts = [req.headers.host, Array.isArray(forwarded) ? forwarded[0] : forwarded];
  if (publicUrl) hosts.push(new URL(publicUrl).host);
  return hosts.includes(originHost);
}
