/** In-app notifications (server/routes/notifications.ts): the badge count, the list, and marking read. */
import { api } from "../../api/client.js";
import type { NotificationChannel, NotificationKind } from "../../../../shared/notifications.js";

/** One notification as GET /api/notifications sends it. */
export interface AppNotification {
  id: string;
  kind: NotificationKind | string;
  /** What happened, in one line; empty on rows older than titles. */
  title: string;
  documentId: string | null;
  documentTitle: string | null;
  threadId: string | null;
  actorName: string | null;
  excerpt: string;
  createdAt: string;
  read: boolean;
  /** The exact place (`/documents/<id>#thread-<id>`, `#block-<id>`, `/schools/<id>`), or null when there is nothing to open. */
  link: string | null;
}

/** The newest notifications and the unread count. */
export const listNotifications = (signal?: AbortSignal) =>
  api.get<{ unread: number; notifications: AppNotification[] }>("/notifications", { signal });

/** Marks one notification read. */
export const markRead = (id: string) => api.post<void>(`/notifications/${encodeURIComponent(id)}/read`);

/** Marks every notification read. */
export const markAllRead = () => api.post<void>("/notifications/read-all");

/** This person's channel for each kind of notification (and the address emails go to). */
export interface NotificationSettings {
  preferences: Record<NotificationKind, NotificationChannel>;
  email: string;
}

/** Reads the settings page's choices. */
export const getPreferences = (signal?: AbortSignal) => api.get<NotificationSettings>("/notifications/preferences", { signal });

/** Saves some choices; answers with all of them. */
export const savePreferences = (choices: Partial<Record<NotificationKind, NotificationChannel>>) =>
  api.put<NotificationSettings>("/notifications/preferences", choices);
