/**
 * Build and test configuration of JobProcessor's web page.
 *
 * `npm run build` writes `dist/`, which the API server serves at `/` (api/frontend.py).
 * `npm run dev` serves the page with hot reload and forwards the API's paths to a
 * server running on 127.0.0.1:8000 (`scripts/run`).
 */
import { defineConfig } from "vitest/config";

const API = "http://127.0.0.1:8000";

export default defineConfig({
  oxc: { jsx: { runtime: "automatic", importSource: "preact" } },
  build: { outDir: "dist", emptyOutDir: true, sourcemap: true, target: "es2022" },
  server: {
    proxy: {
      "/graphql": { target: API, ws: true },
      "/files": API,
      "/demo-tokens": API,
      "/healthz": API,
    },
  },
  test: { include: ["src/**/*.test.ts"], environment: "node" },
});
