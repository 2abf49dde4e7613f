/**
 * The signed-in person's notifications: fetched now, again whenever the server pushes that
 * there are new ones, when the tab regains focus, and every few minutes in case a push was lost.
 */
import { useCallback, useEffect, useRef, useState } from "react";
import { listNotifications, markAllRead, markRead, type AppNotification } from "./notificationsApi.js";

const POLL_MS = 180_000;

/** The notifications and what can be done with them. */
export interface NotificationsState {
  unread: number;
  items: AppNotification[];
  refresh(): void;
  read(id: string): Promise<void>;
  readAll(): Promise<void>;
}

/** Listens and polls while `enabled` (signed in). */
export function useNotifications(enabled: boolean): NotificationsState {
  const [unread, setUnread] = useState(0);
  const [items, setItems] = useState<AppNotification[]>([]);
  const generation = useRef(0);

  const refresh = useCallback(() => {
    if (!enabled) return;
    const mine = ++generation.current;
    listNotifications().then(
      (r) => {
        if (mine !== generation.current) return;
        setUnread(r.unread);
        setItems(r.notifications);
      },
      // A missed poll is not worth an error on every page; the next one will try again.
      () => undefined,
    );
  }, [enabled]);

  useEffect(() => {
    if (!enabled) return;
    refresh();
    const timer = setInterval(() => {
      if (document.visibilityState === "visible") refresh();
    }, POLL_MS);
    const onVisible = () => {
      if (document.visibilityState === "visible") refresh();
    };
    window.addEventListener("focus", refresh);
    document.addEventListener("visibilitychange", onVisible);
    const source = typeof EventSource === "undefined" ? null : new EventSource("/api/notifications/events");
    source?.addEventListener("notifications", refresh);
    // "ready" comes on every connect; after a reconnect, fetch what was pushed while the stream was down.
    let connectedBefore = false;
    source?.addEventListener("ready", () => {
      if (connectedBefore) refresh();
      connectedBefore = true;
    });
    return () => {
      source?.close();
      clearInterval(timer);
      window.removeEventListener("focus", refresh);
      document.removeEventListener("visibilitychange", onVisible);
    };
  }, [enabled, refresh]);

  const read = useCallback(
    async (id: string) => {
      const wasUnread = items.some((n) => n.id === id && !n.read);
      setItems((list) => list.map((n) => (n.id === id ? { ...n, read: true } : n)));
      if (wasUnread) setUnread((n) => Math.max(0, n - 1));
      generation.current++;
      await markRead(id).catch(() => refresh());
    },
    [items, refresh],
  );

  const readAll = useCallback(async () => {
    setItems((list) => list.map((n) => ({ ...n, read: true })));
    setUnread(0);
    generation.current++;
    await markAllRead().catch(() => refresh());
  }, [refresh]);

  return { unread, items, refresh, read, readAll };
}
