/** A page loaded when first opened, with the app's loading state while its code arrives. */
import { lazy, Suspense, type ComponentType } from "react";
import { Loading } from "./Loading.js";

/** A lazily loaded page; `preload()` starts fetching its code before it is rendered. */
export type LazyPage = ComponentType & { preload: () => void };

export function lazyPage(load: () => Promise<ComponentType>): LazyPage {
  let loading: Promise<ComponentType> | null = null;
  const once = () => (loading ??= load());
  const Page = lazy(async () => ({ default: await once() }));
  function LazyPage() {
    return (
      <Suspense fallback={<Loading label="Loading the page" />}>
        <Page />
      </Suspense>
    );
  }
  return Object.assign(LazyPage, { preload: () => void once().catch(() => {}) });
}
