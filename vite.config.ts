import { defineConfig } from "vite";
import react from "@vitejs/plugin-react";

/** The client build: client/ is the Vite root, output lands in dist/client for the server to serve. */
export default defineConfig({
  root: "client",
  plugins: [react()],
  resolve: { alias: { "@shared": new URL("./shared", import.meta.url).pathname } },
  build: {
    outDir: "../dist/client",
    emptyOutDir: true,
    // Source maps would publish the source; a production build ships none.
    sourcemap: false,
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
