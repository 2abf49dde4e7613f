/** Starts the client: global styles, then the app into #root. */
import { StrictMode, startTransition } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./App.js";
import { preloadPageFor } from "./routes/lazyRoutes.js";
import { prefetchSession } from "./session/SessionContext.js";
import "./styles/app.css";

// Who is signed in, and the code of the page opened, are fetched while the app's own code starts.
prefetchSession();
const pageCode = preloadPageFor(location.pathname);

const root = document.getElementById("root");
if (!root) throw new Error("index.html has no #root element");
// As a transition, the first render yields to the browser in slices instead of holding a phone's
// main thread for the whole page (the page's data is often in the HTML, so it is all drawn at once).
const start = () =>
  startTransition(() =>
    createRoot(root).render(
      <StrictMode>
        <App />
      </StrictMode>,
    ),
  );
// The opened page's code is linked from the HTML, so it is nearly here: waiting for it (half a
// second at most) lets the first render draw the page itself rather than a loading state first.
if (pageCode) void Promise.race([pageCode.catch(() => {}), new Promise((r) => setTimeout(r, 500))]).then(start);
else start();
