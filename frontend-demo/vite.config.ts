/**
 * Build and test configuration of JobProcessor's web page.
 *
 * `npm run build` writes `dist/`, which the API server serves at `/` (api/frontend.py).
 * `npm run dev` serves the page with hot reload and forwards the API's paths to a
 * server running on 127.0.0.1:8000 (`scripts/run`).
 *
 * The plugin below gives the page the API's input types, read from the repository's
 * schema.graphql (see src/submit/forms/schema.ts for why not from the server).
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { Plugin } from "vite";
import { defineConfig } from "vitest/config";
import { inputTypesOf } from "./src/submit/forms/inputTypes.ts";

const API = "http://127.0.0.1:8000";
const SCHEMA_FILE = fileURLToPath(new URL("../schema.graphql", import.meta.url));
const INPUT_TYPES_MODULE = "virtual:jobprocessor/input-types";

/** `import inputTypes from "virtual:jobprocessor/input-types"`: schema.graphql's input types. */
function schemaInputTypes(): Plugin {
  const resolved = `\0${INPUT_TYPES_MODULE}`;
  return {
    name: "jobprocessor-schema-input-types",
    resolveId: (source) => (source === INPUT_TYPES_MODULE ? resolved : null),
    load(id) {
      if (id !== resolved) return null;
      this.addWatchFile(SCHEMA_FILE);
      const types = inputTypesOf(readFileSync(SCHEMA_FILE, "utf8"));
      return `export default ${JSON.stringify(types)};`;
    },
  };
}

export default defineConfig({
  plugins: [schemaInputTypes()],
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
