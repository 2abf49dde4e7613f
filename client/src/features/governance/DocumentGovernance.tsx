/**
 * Everything the document page shares about review, comments and findings: the document and what
 * this person may do with it, the school's people, and the server's live push. Wraps the page
 * (editor included), so the comments margin and the finding blocks can read it.
 */
import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from "react";
import type { DocumentDetail, Me } from "../../api/types.js";
import { useMe } from "../../session/SessionContext.js";
import { listSchoolPeople, type MentionablePerson } from "../comments/commentsApi.js";
import { CommentsProvider } from "../comments/CommentsContext.js";
import { FindingsProvider } from "./FindingsContext.js";
import { useDocumentEvents, type DocumentEventHub } from "./useDocumentEvents.js";

/** What the document page shares with its governance parts. */
export interface DocumentGovernanceValue {
  detail: DocumentDetail;
  me: Me;
  people: readonly MentionablePerson[];
  events: DocumentEventHub;
  /** Reads the document again (its status and this person's abilities), after a move here or elsewhere. */
  reload(): void;
}

const GovernanceContext = createContext<DocumentGovernanceValue | null>(null);

/** The page's document context; null outside a document page. */
export function useDocumentGovernance(): DocumentGovernanceValue | null {
  return useContext(GovernanceContext);
}

/** Provides the document context, its comments and (for peer reviews) its findings to the page. */
export function DocumentGovernance({ detail, onChanged, children }: { detail: DocumentDetail; onChanged: () => void; children: ReactNode }) {
  const me = useMe();
  const { document: doc, abilities } = detail;
  const events = useDocumentEvents(doc.id);
  const [people, setPeople] = useState<readonly MentionablePerson[]>([]);

  // Someone else sent it for review, approved it or started a new revision: show it at once.
  useEffect(() => events.subscribe("status", onChanged), [events, onChanged]);

  useEffect(() => {
    const controller = new AbortController();
    listSchoolPeople(doc.schoolId, controller.signal).then(setPeople, () => undefined);
    return () => controller.abort();
  }, [doc.schoolId]);

  const commentsMe = useMemo(() => ({ id: me.user.id, isAdmin: me.roles.some((r) => r.role === "trust_admin") }), [me]);
  const value = useMemo(() => ({ detail, me, people, events, reload: onChanged }), [detail, me, people, events, onChanged]);

  const content = doc.kind === "peer_review" ? <FindingsProvider reviewId={doc.id} schoolId={doc.schoolId}>{children}</FindingsProvider> : children;
  return (
    <GovernanceContext.Provider value={value}>
      <CommentsProvider documentId={doc.id} canComment={!!abilities.comment} me={commentsMe} people={people} events={events}>
        {content}
      </CommentsProvider>
    </GovernanceContext.Provider>
  );
}
