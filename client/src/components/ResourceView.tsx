/** Renders a useResource result: the loading line, the error with a retry, or the children with the data. */
import type { ReactNode } from "react";
import type { Resource } from "../api/useResource.js";
import { ErrorNotice } from "./ErrorNotice.js";
import { Loading } from "./Loading.js";

export function ResourceView<T>({
  resource,
  loadingLabel,
  errorTitle,
  children,
}: {
  resource: Resource<T>;
  loadingLabel: string;
  errorTitle?: string;
  children: (data: T) => ReactNode;
}) {
  if (resource.status === "loading") return <Loading label={loadingLabel} />;
  if (resource.status === "error") return <ErrorNotice error={resource.error} title={errorTitle} onRetry={resource.reload} />;
  return <>{children(resource.data)}</>;
}
