/** In-app notifications (server/routes/notifications.ts): the badge count, the list, and marking read. */
import { api } from "../../api/client.js";

/** One notification as GET /api/notifications sends it. */
export interface AppNotification {
  id: string;
  kind: "mention" | string;
  documentId: string | null;
  documentTitle: string | null;
  threadId: string | null;
  actorName: string | null;
  excerpt: string;
  createdAt: string;
  read: boolean;
  /** `/documents/<id>#thread-<id>`, or null when the notification is about nothing openable. */
  link: string | null;
}

/** The newest notifications and the unread count. */
export const listNotifications = (signal?: AbortSignal) =>
  api.get<{ unread: number; notifications: AppNotification[] }>("/notifications", { signal });

/** Marks one notification read. */
export const markRead = (id: string) => api.post<void>(`/notifications/${encodeURIComponent(id)}/read`);

/** Marks every notification read. */
export const markAllRead = () => api.post<void>("/notifications/read-all");
