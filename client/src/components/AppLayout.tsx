/** The page frame: skip link, header, and the main region that takes focus after each navigation. */
import { useEffect, useRef } from "react";
import { Outlet, useLocation } from "react-router";
import { useSession } from "../session/SessionContext.js";
import { AppHeader } from "./AppHeader.js";

export function AppLayout() {
  // The key changes on every navigation, including sign-in's replace of `/` with `/`.
  const { key } = useLocation();
  const session = useSession();
  const mainRef = useRef<HTMLElement>(null);
  const firstRender = useRef(true);

  // After a client-side navigation, move focus to the new page so keyboard and screen-reader users start at its top.
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    mainRef.current?.focus();
  }, [key]);

  // Until the server says who this is, paint nothing but index.html's bare header (SessionProvider
  // removes it): a header drawn without its navigation grows when the answer comes and pushes the
  // whole page down (Lighthouse counted a 0.13 layout shift).
  if (session.state.status === "unknown") return null;

  return (
    <>
      <a className="skip-link" href="#main">
        Skip to main content
      </a>
      <AppHeader />
      <main id="main" ref={mainRef} tabIndex={-1} className="app-main">
        <Outlet />
      </main>
      <footer className="app-footer">
        <p>Trellis · school-improvement plans for the whole trust</p>
      </footer>
    </>
  );
}
