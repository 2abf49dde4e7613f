/** The API calls the editor makes before it opens: who you are, the document and its school's people. */
import type { Person } from "./PlanContext.js";

export interface EditorData {
  me: { id: string; name: string };
  roles: { role: string; label: string; schoolId: string | null }[];
  document: { id: string; schoolId: string; kind: string; title: string; framework: string | null; status: string };
  abilities: { update?: boolean; comment?: boolean };
  people: Person[];
}

async function getJson<T>(path: string): Promise<T> {
  const res = await fetch(path, { credentials: "same-origin", headers: { accept: "application/json" } });
  if (res.ok) return (await res.json()) as T;
  const body = (await res.json().catch(() => null)) as { error?: { message?: string } } | null;
  if (res.status === 401) throw new Error("Sign in to open this document.");
  throw new Error(body?.error?.message ?? `The document could not be opened (${res.status}).`);
}

/** The document and the caller's abilities, as GET /api/documents/:id returns them. */
export type DocumentWithAbilities = Pick<EditorData, "document" | "abilities">;

/** Who the editor is for, as GET /api/me returns it. */
export type EditorPerson = { user: EditorData["me"]; roles: EditorData["roles"] };

/**
 * Fetches everything in parallel where it can; a page that already has the document, or the
 * signed-in person, passes them in (after a refusal both are read again, as a role may have changed).
 */
export async function loadEditorData(documentId: string, preloaded?: DocumentWithAbilities, person?: EditorPerson): Promise<EditorData> {
  const [me, doc] = await Promise.all([
    person ?? getJson<EditorPerson>("/api/me"),
    preloaded ?? getJson<DocumentWithAbilities>(`/api/documents/${encodeURIComponent(documentId)}`),
  ]);
  const { people } = await getJson<{ people: { id: string; name: string; roleLabel: string }[] }>(
    `/api/schools/${encodeURIComponent(doc.document.schoolId)}/people`,
  );
  return { me: me.user, roles: me.roles, document: doc.document, abilities: doc.abilities, people };
}

const withArticle = (label: string) => `${/^[aeiou]/i.test(label) ? "an" : "a"} ${label.toLowerCase()}`;

/** Why this person cannot change the text, in words for the banner; null when they can. */
export function readOnlyReason({ abilities, document, roles }: Pick<EditorData, "abilities" | "document" | "roles">): string | null {
  if (abilities.update) return null;
  if (document.status === "approved") return "This document is approved and locked. It can be edited again when a new revision starts.";
  if (document.status === "archived") return "This document is archived, so its text can no longer change.";
  const role = roles.find((r) => r.schoolId === document.schoolId) ?? roles.find((r) => r.schoolId === null);
  const who = role ? `As ${withArticle(role.label)}, you` : "You";
  return `${who} can read this document${abilities.comment ? " and comment on it" : ""}, but only the school's leaders and the trust can change its text.`;
}
