/** createApp(deps): the Hono app and its routes, with no listen, so tests can call app.request(). */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { serveStatic } from "@hono/node-server/serve-static";
import { Hono } from "hono";
import { compress } from "hono/compress";
import { csrfMiddleware, sessionMiddleware } from "./auth/middleware.js";
import { apiBodyLimit } from "./http/bodyLimit.js";
import { clientPage } from "./http/clientPage.js";
import { healthRoutes } from "./http/health.js";
import { noStore, securityHeaders, staticCaching } from "./http/headers.js";
import type { AppDeps, AppEnv } from "./http/context.js";
import { badInputFromDatabase, errorBody, HttpError, PermissionDenied, respondError } from "./http/errors.js";
import { audit } from "./commands/auditLogger.js";
import { authRoutes } from "./routes/auth.js";
import { commentRoutes } from "./routes/comments.js";
import { findingRoutes } from "./routes/findings.js";
import { documentLifecycleRoutes } from "./routes/documentLifecycle.js";
import { notificationRoutes } from "./routes/notifications.js";
import { notificationPreferenceRoutes } from "./routes/notificationPreferences.js";
import { passwordResetRoutes } from "./routes/passwordReset.js";
import { supportRoutes } from "./routes/support.js";
import { progressRoutes } from "./routes/progress.js";
import { exportRoutes } from "./routes/export.js";
import { documentRoutes } from "./routes/documents.js";
import { documentPreviewRoutes } from "./routes/documentPreview.js";
import { documentImportRoutes } from "./routes/documentImport.js";
import { peopleRoutes } from "./routes/people.js";
import { schoolRoutes } from "./routes/schools.js";
import { calendarRoutes } from "./routes/calendar.js";
import { reviewRoutes } from "./routes/reviews.js";
import { rollForwardRoutes } from "./routes/rollForward.js";
import { flagRoutes } from "./routes/flags.js";
import { searchRoutes } from "./routes/search.js";
import { progressEventRoutes } from "./routes/progressEvents.js";

export interface AppOptions {
  /** The built client to serve (dist/client); omitted in API-only tests. */
  clientDir?: string;
  /** Extra API sub-apps, mounted under /api by features that live outside this file. */
  extraRoutes?: Hono<AppEnv>[];
}

export function createApp(deps: AppDeps, options: AppOptions = {}) {
  const app = new Hono<AppEnv>();

  app.use("*", async function injectDeps(c, next) {
    c.set("deps", deps);
    await next();
  });
  app.use("*", securityHeaders());
  app.use("*", compress());

  const api = new Hono<AppEnv>();
  api.use("*", csrfMiddleware());
  api.use("*", sessionMiddleware());
  api.use("*", apiBodyLimit());
  api.use("*", noStore());
  api.route("/", authRoutes);
  api.route("/", schoolRoutes);
  api.route("/", documentRoutes);
  api.route("/", documentPreviewRoutes);
  api.route("/", documentImportRoutes);
  api.route("/", peopleRoutes);
  api.route("/", commentRoutes);
  api.route("/", documentLifecycleRoutes);
  api.route("/", findingRoutes);
  api.route("/", notificationPreferenceRoutes);
  api.route("/", notificationRoutes);
  api.route("/", passwordResetRoutes);
  api.route("/", supportRoutes);
  api.route("/", progressRoutes);
  api.route("/", exportRoutes);
  api.route("/", calendarRoutes);
  api.route("/", reviewRoutes);
  api.route("/", rollForwardRoutes);
  api.route("/", flagRoutes);
  api.route("/", searchRoutes);
  api.route("/", progressEventRoutes);
  for (const extra of options.extraRoutes ?? []) api.route("/", extra);
  api.all("*", (c) => c.json(errorBody("not_found", `No API route for ${c.req.method} ${c.req.path}`), 404));
  app.route("/", healthRoutes);
  app.route("/api", api);

  app.onError(async (err, c) => {
    if (err instanceof PermissionDenied && c.var.actor) {
      await audit(c, "permission.denied", { method: c.req.method, path: c.req.path });
    }
    if (err instanceof HttpError) return respondError(c, err);
    const badInput = badInputFromDatabase(err);
    if (badInput) {
      deps.logger.warn("input refused by the database", { path: c.req.path, method: c.req.method, err: String(err) });
      return respondError(c, badInput);
    }
    deps.logger.error("unhandled error", { path: c.req.path, method: c.req.method, err: err.stack ?? String(err) });
    return c.json(errorBody("internal", "Something went wrong on our side. It has been logged."), 500);
  });

  if (options.clientDir && existsSync(join(options.clientDir, "index.html"))) {
    const clientDir = options.clientDir;
    const page = clientPage(clientDir, app);
    app.use("*", staticCaching());
    // The build writes .br and .gz beside each asset; they are sent as they are (compress() skips them).
    app.use("/assets/*", serveStatic({ root: clientDir, precompressed: true }));
    // The build's manifest is for the server (clientPage), not for browsers.
    app.get("/.vite/*", (c) => c.notFound());
    app.get("/", (c) => page.handle(c));
    app.use("*", serveStatic({ root: clientDir }));
    // Client routes (/trust, /documents/:id, ...) are bookmarked and shared: serve the SPA for them.
    app.get("*", (c) => page.handle(c));
  }

  return app;
}

export type App = ReturnType<typeof createApp>;
