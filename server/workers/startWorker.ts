/**
 * Starts a worker thread from its bundle in production, or from its TypeScript source under tsx
 * and vitest. Callers spell their URLs as `new URL("./x.mjs", import.meta.url)` literals, so the
 * bundle keeps the name it is started by.
 */
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";

/** A worker for `url` with a heap limit; a .ts source is loaded through tsx's API. */
export function startWorker(url: URL, maxOldGenerationSizeMb: number): Worker {
  const resourceLimits = { maxOldGenerationSizeMb };
  if (!url.pathname.endsWith(".ts")) return new Worker(url, { resourceLimits });
  // Node 20 does not run --import hooks in a worker's execArgv, so the worker registers tsx itself.
  const api = pathToFileURL(join(dirname(createRequire(import.meta.url).resolve("tsx/package.json")), "dist/esm/api/index.mjs")).href;
  const source = `import(${JSON.stringify(api)}).then((tsx) => tsx.tsImport(${JSON.stringify(url.href)}, ${JSON.stringify(url.href)}))`;
  return new Worker(source, { eval: true, resourceLimits });
}
