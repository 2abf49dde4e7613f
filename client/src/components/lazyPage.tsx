/** A page loaded when first opened, with the app's loading state while its code arrives. */
import { lazy, Suspense, useState, type ComponentType } from "react";
import { Loading } from "./Loading.js";

/** A lazily loaded page; `preload()` starts fetching its code before it is rendered. */
export type LazyPage = ComponentType & { preload: () => Promise<void> };

export function lazyPage(load: () => Promise<ComponentType>): LazyPage {
  let loading: Promise<ComponentType> | null = null;
  // Set once the code is here: a page rendered after that draws at once, with no loading state.
  let loaded: ComponentType | null = null;
  const once = () =>
    (loading ??= load().then((page) => {
      loaded = page;
      return page;
    }));
  const Page = lazy(async () => ({ default: await once() }));
  function LazyPage() {
    // Chosen once for each mount, so the code arriving later never swaps (and remounts) the page.
    const [Loaded] = useState(() => loaded);
    if (Loaded) return <Loaded />;
    return (
      <Suspense fallback={<Loading label="Loading the page" />}>
        <Page />
      </Suspense>
    );
  }
  return Object.assign(LazyPage, { preload: () => once().then(() => undefined) });
}
