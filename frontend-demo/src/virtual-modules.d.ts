/** Modules the build makes (see vite.config.ts). */
declare module "virtual:jobprocessor/input-types" {
  /** The input objects and enums of schema.graphql. */
  const inputTypes: import("./submit/forms/schemaTypes").SchemaTypeInfo[];
  export default inputTypes;
}
