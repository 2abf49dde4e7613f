/**
 * Tells people when they become an owner of an action or target. A collab extension that
 * watches each open room's blocks for owners added (an `owners` attribute that gained ids, or a
 * block arriving with owners); the extractor is untouched. Work leaves the socket's path at
 * once and is batched briefly, so the block's text, typed just after choosing an owner, is in
 * the notification. A dedupe key per block and person keeps it to one notification even when
 * several processes see the same change.
 */
import * as Y from "yjs";
import type { CollabExtension, RoomContext } from "../collab/extension.js";
import { blockElements, elementText, FRAGMENT_NAME, isBlockElement, isDeleted } from "../progress/blockReader.js";
import type { Notifier } from "./Notifier.js";
import { ownershipNotice } from "./ownershipNotice.js";

const OWNED_TYPES = new Set(["action", "target"]);
const BATCH_MS = 400;

interface Added {
  element: Y.XmlElement;
  owners: Set<string>;
  actorId: string | null;
}

/** The owner ids an attribute value holds (an array, or the JSON of one). */
function ownersOf(value: unknown): string[] {
  let list = value;
  if (typeof list === "string") {
    try {
      list = JSON.parse(list);
    } catch {
      return [];
    }
  }
  return Array.isArray(list) ? list.filter((v): v is string => typeof v === "string").map((v) => v.toLowerCase()) : [];
}

const actorOf = (origin: unknown): string | null => {
  const userId = (origin as { userId?: unknown } | null)?.userId;
  return typeof userId === "string" ? userId : null;
};

/** The extension for createCollab's `extensions`. */
export function createOwnershipListener(notifier: Notifier): CollabExtension {
  const watchers = new Map<string, () => void>();

  function watch(room: RoomContext): () => void {
    const fragment = room.doc.getXmlFragment(FRAGMENT_NAME);
    let pending = new Map<Y.XmlElement, Added>();
    let timer: NodeJS.Timeout | null = null;

    const flush = () => {
      timer = null;
      const batch = pending;
      pending = new Map();
      for (const { element, owners, actorId } of batch.values()) {
        if (isDeleted(element)) continue;
        const blockId = element.getAttribute("id") as string | undefined;
        // Still an owner now: someone added by mistake and removed at once hears nothing.
        const still = new Set(ownersOf(element.getAttribute("owners")));
        const userIds = [...owners].filter((id) => still.has(id));
        if (!userIds.length) continue;
        const block = { documentId: room.documentId, blockId: blockId ?? null, kind: element.nodeName === "target" ? "target" : "action", text: elementText(element) } as const;
        for (const userId of userIds) notifier.later(ownershipNotice(block, userId, actorId));
      }
    };

    const note = (element: Y.XmlElement, owners: string[], actorId: string | null) => {
      if (!owners.length) return;
      const entry = pending.get(element) ?? { element, owners: new Set<string>(), actorId };
      for (const o of owners) entry.owners.add(o);
      entry.actorId = actorId ?? entry.actorId;
      pending.set(element, entry);
      timer ??= setTimeout(flush, BATCH_MS);
    };

    const observer = (events: Y.YEvent<Y.AbstractType<unknown>>[], tx: Y.Transaction) => {
      const actorId = actorOf(tx.origin);
      for (const event of events) {
        const target = event.target;
        if (target instanceof Y.XmlElement && OWNED_TYPES.has(target.nodeName) && (event as Y.YXmlEvent).attributesChanged.has("owners")) {
          const before = new Set(ownersOf(event.changes.keys.get("owners")?.oldValue));
          note(target, ownersOf(target.getAttribute("owners")).filter((o) => !before.has(o)), actorId);
        }
        for (const item of event.changes.added) {
          const content = item.content;
          if (!(content instanceof Y.ContentType) || !(content.type instanceof Y.XmlElement)) continue;
          const el = content.type;
          for (const block of [...(isBlockElement(el) ? [el] : []), ...blockElements(el)]) {
            if (OWNED_TYPES.has(block.nodeName)) note(block, ownersOf(block.getAttribute("owners")), actorId);
          }
        }
      }
    };
    fragment.observeDeep(observer);
    return () => {
      fragment.unobserveDeep(observer);
      if (timer) clearTimeout(timer);
      flush();
    };
  }

  return {
    name: "ownership-notifications",
    onLoad(room) {
      watchers.get(room.documentId)?.();
      watchers.set(room.documentId, watch(room));
    },
    onUnload(room) {
      watchers.get(room.documentId)?.();
      watchers.delete(room.documentId);
    },
  };
}
