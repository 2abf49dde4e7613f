/** Starts the client: global styles, then the app into #root. */
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./App.js";
import { preloadPageFor } from "./routes/lazyRoutes.js";
import { prefetchSession } from "./session/SessionContext.js";
import "./styles/app.css";

// Who is signed in, and the code of the page opened, are fetched while the app's own code starts.
prefetchSession();
preloadPageFor(location.pathname);

const root = document.getElementById("root");
if (!root) throw new Error("index.html has no #root element");
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
