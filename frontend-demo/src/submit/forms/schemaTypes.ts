/** The API schema's input types as generated forms read them (GraphQL introspection's shape). */

export interface TypeRef {
  kind: string;
  name: string | null;
  ofType: TypeRef | null;
}

export interface InputFieldInfo {
  name: string;
  description: string | null;
  defaultValue: string | null;
  type: TypeRef;
}

export interface SchemaTypeInfo {
  kind: string;
  name: string;
  description: string | null;
  inputFields: InputFieldInfo[] | null;
  enumValues: { name: string; description: string | null }[] | null;
}

/** The schema's input objects and enums, by name. */
export type InputSchema = ReadonlyMap<string, SchemaTypeInfo>;

export function inputSchemaFrom(types: readonly SchemaTypeInfo[]): InputSchema {
  return new Map(types.map((type) => [type.name, type]));
}
