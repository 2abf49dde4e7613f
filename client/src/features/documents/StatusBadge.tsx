/** A document's status as a word in a quiet badge ("Draft", "Approved"). */
import type { DocumentStatus } from "../../../../shared/enumValues.js";
import { statusLabel } from "./labels.js";

export function StatusBadge({ status }: { status: DocumentStatus | string }) {
  return <span className={`badge status status-${status}`}>{statusLabel(status)}</span>;
}
