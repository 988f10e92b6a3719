/**
 * The page's GraphQL types, generated from the repository's schema.graphql and the
 * documents in src/ (`graphql(...)` calls, see src/api/documents.ts) by GraphQL Code
 * Generator's client preset, into src/api/generated/ (checked in).
 *
 * `npm run codegen` writes them; `npm test` first runs `codegen:check`, which fails when
 * they are stale, just as the Python tests fail when schema.graphql is.
 */
import type { CodegenConfig } from "@graphql-codegen/cli";

const config: CodegenConfig = {
  schema: "../schema.graphql",
  documents: ["src/**/*.{ts,tsx}", "!src/api/generated/**", "!src/**/*.test.ts"],
  ignoreNoDocuments: false,
  generates: {
    "src/api/generated/": {
      preset: "client",
      presetConfig: { fragmentMasking: false },
      config: {
        documentMode: "string",
        enumsAsTypes: true,
        useTypeImports: true,
        skipTypename: false,
        avoidOptionals: { field: true, inputValue: false, object: true, defaultValue: false },
        scalars: {
          ID: "string",
          Date: "string",
          DateTime: "string",
          JSON: "unknown",
        },
      },
    },
  },
};

export default config;
