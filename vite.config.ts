import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import { defineConfig, type Plugin } from "vite";
import react from "@vitejs/plugin-react";

/**
 * Writes a brotli (.br) and a gzip (.gz) copy beside each built script and stylesheet, which the
 * server sends as they are (serveStatic's `precompressed`): brotli at its best is about a fifth
 * smaller than the gzip compressed per request, and costs the server nothing per request.
 */
function precompress(): Plugin {
  return {
    name: "trellis-precompress",
    apply: "build",
    writeBundle(options, bundle) {
      for (const file of Object.keys(bundle)) {
        if (!/\.(js|css|svg)$/.test(file) || !options.dir) continue;
        const path = join(options.dir, file);
        const data = readFileSync(path);
        if (data.length < 1024) continue;
        writeFileSync(`${path}.br`, brotliCompressSync(data, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: data.length } }));
        writeFileSync(`${path}.gz`, gzipSync(data, { level: 9 }));
      }
    },
  };
}

/** The client build: client/ is the Vite root, output lands in dist/client for the server to serve. */
export default defineConfig({
  root: "client",
  plugins: [react(), precompress()],
  resolve: { alias: { "@shared": new URL("./shared", import.meta.url).pathname } },
  build: {
    outDir: "../dist/client",
    emptyOutDir: true,
    // Source maps would publish the source; a production build ships none.
    sourcemap: false,
    // dist/client/.vite/manifest.json: which files each page's code is, for the server to name
    // in a page's HTML (server/http/clientPage.ts) so they download with it.
    manifest: true,
    // The editor chunk (ProseMirror, Tiptap, Yjs) is ~540 kB minified and loads only on /documents;
    // its real budget is gzipped route weight, which bench/editor measures.
    chunkSizeWarningLimit: 600,
  },
  server: {
    proxy: {
      "/api": "http://localhost:3000",
      "/collab": { target: "ws://localhost:3000", ws: true },
    },
  },
});
