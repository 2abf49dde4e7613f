/** Renders a useResource result: the loading line, the error (with a retry when that could help), or the children with the data. */
import type { ReactNode } from "react";
import { Link } from "react-router";
import { ApiError } from "../api/client.js";
import type { Resource } from "../api/useResource.js";
import { ErrorNotice } from "./ErrorNotice.js";
import { Loading } from "./Loading.js";

/** Network trouble, server errors and rate limits may pass; a 403 or 404 will not, so no retry button for those. */
export function isRetryable(error: unknown): boolean {
  if (!(error instanceof ApiError)) return true;
  return error.status === 0 || error.status >= 500 || error.status === 408 || error.status === 429;
}

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
  if (resource.status === "error") {
    const retryable = isRetryable(resource.error);
    return (
      <>
        <ErrorNotice error={resource.error} title={errorTitle} onRetry={retryable ? resource.reload : undefined} />
        {retryable ? null : (
          <p>
            <Link to="/">Go to your home page</Link>
          </p>
        )}
      </>
    );
  }
  return <>{children(resource.data)}</>;
}
