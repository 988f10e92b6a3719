/**
 * Forms generated from the API's own input types, for job types without a hand-written
 * form: each field of the job type's `JobParamsInput` member becomes an input by its
 * GraphQL type (text, number, yes/no, a choice of enum values, a comma-separated list, a
 * date and time, or a group for a nested input), labelled from its name and explained by
 * its description. A job type the server adds is therefore startable from this page at
 * once the page is built against the new schema (see `schema.ts`); a hand-written form
 * (see `registry.ts`) replaces the generated one when wanted. Fields naming WFM records by
 * id (`levelId`, `activityIds` …) offer the records to choose from (see `references.ts`).
 */
import { humanize } from "../../jobs/format";
import { CheckboxField, MultiSelectField, SelectField, TextField, splitList } from "./fields";
import { referenceKind, referenceOptions, useReferences } from "./references";
import type { InputSchema, SchemaTypeInfo, TypeRef } from "./schemaTypes";
import type { FieldErrors, FormProps, JobForm } from "./types";

const SCALARS = ["String", "ID", "UUID", "Int", "Float", "Boolean", "DateTime", "Date", "Time"] as const;
type ScalarName = (typeof SCALARS)[number];

type Leaf =
  | { kind: "scalar"; name: ScalarName }
  | { kind: "enum"; values: { name: string; description: string | null }[] };

type Shape =
  | { kind: "leaf"; leaf: Leaf; list: boolean; required: boolean; nullable: boolean }
  | { kind: "object"; fields: FieldShape[]; required: boolean };

interface FieldShape {
  name: string;
  label: string;
  help: string;
  shape: Shape;
  initial: GeneratedValue;
}

export type GeneratedValue = string | boolean | { [name: string]: GeneratedValue };
type ObjectValue = { [name: string]: GeneratedValue };

/** Input objects nest at most this deep (the API's own inputs nest two levels). */
const MAX_DEPTH = 5;

function shapeOf(type: TypeRef, hasDefault: boolean, schema: InputSchema,
                 depth: number): Shape | null {
  const nullable = type.kind !== "NON_NULL";
  let inner = nullable ? type : type.ofType;
  if (!inner) return null;
  let list = false;
  if (inner.kind === "LIST") {
    list = true;
    inner = inner.ofType?.kind === "NON_NULL" ? inner.ofType.ofType : inner.ofType;
    if (!inner) return null;
  }
  const required = !nullable && !hasDefault;
  if (inner.kind === "SCALAR" && (SCALARS as readonly string[]).includes(inner.name ?? "")) {
    return { kind: "leaf", leaf: { kind: "scalar", name: inner.name as ScalarName }, list,
             required, nullable };
  }
  const named = inner.name ? schema.get(inner.name) : undefined;
  if (inner.kind === "ENUM" && named?.enumValues) {
    return { kind: "leaf", leaf: { kind: "enum", values: named.enumValues }, list, required,
             nullable };
  }
  if (inner.kind === "INPUT_OBJECT" && !list && named?.inputFields && depth < MAX_DEPTH) {
    const fields = fieldsOf(named, schema, depth + 1);
    return fields ? { kind: "object", fields, required: !nullable } : null;
  }
  return null; // JSON, lists of inputs…: no generated input for these
}

function parseDefault(literal: string | null, shape: Shape): GeneratedValue {
  if (shape.kind === "object") {
    return Object.fromEntries(shape.fields.map((field) => [field.name, field.initial]));
  }
  const isBoolean = shape.leaf.kind === "scalar" && shape.leaf.name === "Boolean" && !shape.list;
  if (literal === null || literal === "null") {
    return isBoolean && !shape.nullable ? false : "";
  }
  if (isBoolean) return shape.nullable ? literal : literal === "true";
  if (shape.list) {
    return literal.replace(/^\[|\]$/g, "").split(",")
      .map((item) => item.trim().replace(/^"|"$/g, "")).filter(Boolean).join(", ");
  }
  if (literal.startsWith("\"")) {
    try {
      return String(JSON.parse(literal));
    } catch {
      return literal;
    }
  }
  return literal;
}

function fieldsOf(type: SchemaTypeInfo, schema: InputSchema, depth: number): FieldShape[] | null {
  const fields: FieldShape[] = [];
  for (const field of type.inputFields ?? []) {
    const shape = shapeOf(field.type, field.defaultValue !== null, schema, depth);
    if (!shape) return null;
    fields.push({
      name: field.name,
      label: humanize(field.name),
      help: field.description ?? "",
      shape,
      initial: parseDefault(field.defaultValue, shape),
    });
  }
  return fields;
}

function leafParam(shape: Extract<Shape, { kind: "leaf" }>, raw: GeneratedValue): unknown {
  if (typeof raw === "boolean") return raw;
  if (typeof raw !== "string") return undefined;
  const convert = (text: string): unknown => {
    if (shape.leaf.kind === "enum") return text;
    switch (shape.leaf.name) {
      case "Int":
      case "Float":
        return Number(text);
      case "Boolean":
        return text === "true";
      case "DateTime":
        return new Date(text).toISOString();
      default:
        return text; // Date ("2026-01-31") and Time ("08:00") go as the inputs give them
    }
  };
  if (shape.list) {
    const items = splitList(raw);
    return items.length ? items.map(convert) : undefined;
  }
  const text = raw.trim();
  return text ? convert(text) : undefined;
}

function paramsOf(fields: FieldShape[], value: ObjectValue): Record<string, unknown> {
  const params: Record<string, unknown> = {};
  for (const field of fields) {
    const raw = value[field.name] ?? field.initial;
    if (field.shape.kind === "object") {
      const nested = paramsOf(field.shape.fields, raw as ObjectValue);
      if (field.shape.required || Object.keys(nested).length) params[field.name] = nested;
      continue;
    }
    const param = leafParam(field.shape, raw);
    if (param !== undefined) params[field.name] = param;
  }
  return params;
}

function checkLeaf(shape: Extract<Shape, { kind: "leaf" }>, raw: GeneratedValue): string | null {
  if (typeof raw !== "string") return null;
  const items = shape.list ? splitList(raw) : raw.trim() ? [raw.trim()] : [];
  if (items.length === 0) return shape.required ? "Required." : null;
  if (shape.leaf.kind !== "scalar") return null;
  for (const item of items) {
    if (shape.leaf.name === "Int" && !Number.isInteger(Number(item))) return "Give a whole number.";
    if (shape.leaf.name === "Float" && !Number.isFinite(Number(item))) return "Give a number.";
    if (shape.leaf.name === "DateTime" && Number.isNaN(new Date(item).getTime())) {
      return "Give a date and time.";
    }
  }
  return null;
}

function errorsOf(fields: FieldShape[], value: ObjectValue, prefix: string): FieldErrors {
  const errors: FieldErrors = {};
  for (const field of fields) {
    const path = prefix + field.name;
    const raw = value[field.name] ?? field.initial;
    if (field.shape.kind === "object") {
      Object.assign(errors, errorsOf(field.shape.fields, raw as ObjectValue, `${path}.`));
      continue;
    }
    const error = checkLeaf(field.shape, raw);
    if (error) errors[path] = error;
  }
  return errors;
}

function pathsOf(fields: FieldShape[], prefix: string): string[] {
  return fields.flatMap((field) => {
    const path = prefix + field.name;
    return field.shape.kind === "object" ? [path, ...pathsOf(field.shape.fields, `${path}.`)] : [path];
  });
}

interface GroupProps {
  fields: FieldShape[];
  value: ObjectValue;
  onChange: (value: ObjectValue) => void;
  errors: FieldErrors;
  prefix: string;
}

function LeafInput({ field, value, onChange, error }: {
  field: FieldShape & { shape: Extract<Shape, { kind: "leaf" }> };
  value: GeneratedValue;
  onChange: (value: GeneratedValue) => void;
  error?: string;
}) {
  const { shape } = field;
  const label = shape.required ? `${field.label} (required)` : field.label;
  const references = useReferences();
  const kind = shape.leaf.kind === "scalar" && shape.leaf.name === "ID" ? referenceKind(field.name) : null;
  if (kind && references === "loading") {
    // Same place and size as the choice to come, so the form does not jump when it arrives.
    return <SelectField label={label} value="" onChange={onChange} help={field.help} error={error}
                        disabled options={[{ value: "", label: "Loading…" }]} />;
  }
  if (kind && references && references !== "loading" && typeof value === "string") {
    const options = referenceOptions(kind, references);
    if (shape.list) {
      return <MultiSelectField label={label} values={splitList(value)} options={options}
                               onChange={(ids) => onChange(ids.join(", "))} help={field.help}
                               error={error} />;
    }
    const choices = [{ value: "", label: shape.required ? "Choose…" : "—" }, ...options];
    return <SelectField label={label} value={value} onChange={onChange} help={field.help}
                        error={error} options={choices} />;
  }
  if (shape.leaf.kind === "scalar" && shape.leaf.name === "Boolean" && !shape.list) {
    if (typeof value === "boolean") {
      return <CheckboxField label={field.label} checked={value} onChange={onChange}
                            help={field.help} error={error} />;
    }
    return <SelectField label={label} value={String(value)} onChange={onChange} help={field.help}
                        error={error} options={[{ value: "", label: "Leave unset" },
                          { value: "true", label: "Yes" }, { value: "false", label: "No" }]} />;
  }
  if (shape.leaf.kind === "enum" && !shape.list) {
    const options = shape.leaf.values.map((v) => ({ value: v.name, label: humanize(v.name.toLowerCase()) }));
    if (!shape.required || value === "") options.unshift({ value: "", label: "—" });
    return <SelectField label={label} value={String(value)} onChange={onChange} help={field.help}
                        error={error} options={options} />;
  }
  const isNumber = shape.leaf.kind === "scalar" && (shape.leaf.name === "Int" || shape.leaf.name === "Float");
  const scalar = shape.leaf.kind === "scalar" ? shape.leaf.name : null;
  const inputType = shape.list ? "text" : isNumber ? "number"
    : scalar === "DateTime" ? "datetime-local" : scalar === "Date" ? "date"
    : scalar === "Time" ? "time" : "text";
  const help = shape.list ? `${field.help} Separate several with commas.`.trim() : field.help;
  return (
    <TextField label={label} value={String(value)} onInput={onChange} help={help} error={error}
               type={inputType}
               step={shape.leaf.kind === "scalar" && shape.leaf.name === "Float" ? "any" : undefined} />
  );
}

function FieldGroup({ fields, value, onChange, errors, prefix }: GroupProps) {
  return (
    <>
      {fields.map((field) => {
        const path = prefix + field.name;
        const current = value[field.name] ?? field.initial;
        const set = (next: GeneratedValue) => onChange({ ...value, [field.name]: next });
        if (field.shape.kind === "object") {
          return (
            <fieldset class="fieldset" key={path}>
              <legend>{field.label}</legend>
              {field.help && <p class="fieldset__help">{field.help}</p>}
              {errors[path] && <p class="field__error" role="alert">{errors[path]}</p>}
              <FieldGroup fields={field.shape.fields} value={current as ObjectValue}
                          onChange={set} errors={errors} prefix={`${path}.`} />
            </fieldset>
          );
        }
        return <LeafInput key={path} field={field as FieldShape & { shape: Extract<Shape, { kind: "leaf" }> }}
                          value={current} onChange={set} error={errors[path]} />;
      })}
    </>
  );
}

/**
 * A form for `jobType` generated from the input type `inputTypeName`, or `null` when one of
 * its fields has a type no generated input can edit.
 */
export function generatedForm(jobType: string, inputTypeName: string,
                              schema: InputSchema): JobForm<ObjectValue> | null {
  const type = schema.get(inputTypeName);
  if (!type || type.kind !== "INPUT_OBJECT") return null;
  const fields = fieldsOf(type, schema, 0);
  if (!fields) return null;
  const initial = () => Object.fromEntries(fields.map((f) => [f.name, f.initial])) as ObjectValue;
  return {
    type: jobType,
    create: initial,
    Fields: ({ value, onChange, errors }: FormProps<ObjectValue>) => (
      <FieldGroup fields={fields} value={value} onChange={onChange} errors={errors} prefix="" />
    ),
    validate: (value) => errorsOf(fields, value, ""),
    toParams: (value) => paramsOf(fields, value),
    fieldPaths: pathsOf(fields, ""),
  };
}

/** The name of the input type of `JobParamsInput.<member>`, e.g. `ReportParamsInput`. */
export function paramsInputTypeName(member: string, schema: InputSchema): string | null {
  const field = schema.get("JobParamsInput")?.inputFields?.find((f) => f.name === member);
  let type: TypeRef | null = field?.type ?? null;
  while (type && type.kind === "NON_NULL") type = type.ofType;
  return type?.kind === "INPUT_OBJECT" ? type.name : null;
}
