/**
 * A script for the page (added with addInitScript, before the app loads): it wraps WebSocket so
 * each Yjs update from the server is timed from arrival until the editor has applied it, React has
 * committed the node views (in the microtasks the update queued), and style and layout are done.
 * Paint and compositing are not included, nor other tasks the browser happens to run in between.
 * Kept as source text: a transpiled function would carry the bundler's helpers into the page.
 */
export const PAGE_PROBE = String.raw`
(() => {
  const bench = { armed: null, samples: [], arm(e) { this.armed = e; } };
  window.__bench = bench;
  // Tiptap queues its portal update as a microtask and React commits in another: a few hops
  // through the microtask queue pass both without yielding to other tasks. The RAG check below
  // fails if React had not committed yet, so a too-early measurement would show.
  const afterRender = async () => {
    for (let i = 0; i < 6; i++) await new Promise((resolve) => queueMicrotask(resolve));
  };
  const check = (e) => {
    const el = document.getElementById("block-" + e.blockId);
    if (!el) return false;
    if (e.text !== undefined && !((el.querySelector(".pe-block-text") || {}).textContent || "").includes(e.text)) return false;
    if (e.rag !== undefined && !el.querySelector('.pe-rag[data-rag="' + e.rag + '"]')) return false;
    return true;
  };
  const Native = window.WebSocket;
  class ProbedWebSocket extends Native {
    set onmessage(handler) {
      super.onmessage = handler && ((ev) => {
        const bytes = ev.data instanceof ArrayBuffer ? new Uint8Array(ev.data, 0, 2) : null;
        // y-websocket: message type 0 (sync), sync type 2 (update). Awareness traffic is not timed.
        const expectation = bench.armed;
        if (!expectation || !bytes || bytes[0] !== 0 || bytes[1] !== 2) return handler(ev);
        bench.armed = null;
        const start = performance.now();
        handler(ev);
        afterRender().then(() => {
          void document.body.offsetHeight;
          bench.samples.push({ ms: performance.now() - start, ok: check(expectation) });
        });
      });
    }
    get onmessage() { return super.onmessage; }
  }
  window.WebSocket = ProbedWebSocket;
})();
`;
