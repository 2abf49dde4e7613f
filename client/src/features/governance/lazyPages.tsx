/**
 * The governance pages (versions, findings report, tier scheme, audit log), each loaded when first
 * opened, so the document page and sign-in do not carry their code.
 */
import { lazyPage } from "../../components/lazyPage.js";

/** `/documents/:id/versions/:versionId` */
export const VersionPage = lazyPage(() => import("./VersionPage.js").then((m) => m.VersionPage));
/** `/documents/:id/report` */
export const FindingsReportPage = lazyPage(() => import("./FindingsReportPage.js").then((m) => m.FindingsReportPage));
/** `/tiers` */
export const TiersPage = lazyPage(() => import("./TiersPage.js").then((m) => m.TiersPage));
/** `/audit` */
export const AuditPage = lazyPage(() => import("./AuditPage.js").then((m) => m.AuditPage));
