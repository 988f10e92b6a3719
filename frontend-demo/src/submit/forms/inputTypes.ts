/**
 * Reading the input types out of schema.graphql, when the page is built (the Vite plugin in
 * vite.config.ts) and in the tests. Not part of the page itself: it needs graphql-js.
 */
import { buildSchema, graphqlSync } from "graphql";
import type { SchemaTypeInfo } from "./schemaTypes";

/** The introspection query whose answer generated forms read. */
export const INPUT_TYPES_QUERY = `
  query InputTypes {
    __schema {
      types {
        kind name description
        inputFields {
          name description defaultValue
          type { kind name ofType { kind name ofType { kind name ofType { kind name } } } }
        }
        enumValues { name description }
      }
    }
  }
`;

/** The input objects and enums of the schema written in `sdl` (the API's own types only). */
export function inputTypesOf(sdl: string): SchemaTypeInfo[] {
  const result = graphqlSync({ schema: buildSchema(sdl), source: INPUT_TYPES_QUERY });
  if (result.errors?.length) throw new Error(result.errors.map((e) => e.message).join("; "));
  const { types } = (result.data as { __schema: { types: SchemaTypeInfo[] } }).__schema;
  return types.filter((type) => (type.kind === "INPUT_OBJECT" || type.kind === "ENUM")
    && !type.name.startsWith("__"));
}
