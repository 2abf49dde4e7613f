/** A page loaded when first opened, with the app's loading state while its code arrives. */
import { lazy, Suspense, type ComponentType } from "react";
import { Loading } from "./Loading.js";

export function lazyPage(load: () => Promise<ComponentType>): ComponentType {
  const Page = lazy(async () => ({ default: await load() }));
  return function LazyPage() {
    return (
      <Suspense fallback={<Loading label="Loading the page" />}>
        <Page />
      </Suspense>
    );
  };
}
