// Preloaded into the server child with SOAK_PROBE=1: prints process.memoryUsage() every 15 s
// to stderr, after a full GC when --expose-gc is on, so heap growth shows apart from RSS.
const every = Number(process.env.SOAK_PROBE_SECONDS ?? 15) * 1000;
setInterval(() => {
  globalThis.gc?.();
  const m = process.memoryUsage();
  const f = (n) => `${Math.round(n / 1048576)}`;
  process.stderr.write(`MEM rss=${f(m.rss)} heapUsed=${f(m.heapUsed)} heapTotal=${f(m.heapTotal)} external=${f(m.external)} arrayBuffers=${f(m.arrayBuffers)}\n`);
}, every).unref();
