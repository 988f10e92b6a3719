/**
 * Every job type's form, made from its input type in the API schema (schema.graphql, read
 * when the page is built: see `schema.ts`): each field of the job type's `JobParamsInput`
 * member becomes an input by its GraphQL type — text, a number with its unit and range, a
 * yes/no, a choice of enum values, a list, a date, a group for a nested input — labelled
 * and explained in the planner's words (`words.ts`). Fields naming WFM records (`levelId`,
 * `activityIds`, `teams` …) offer the records to choose from (`references.ts`); date
 * fields default to, and stay within, the planning period of the level chosen. A job type
 * the server adds is startable from this page once the page is built against the new
 * schema. What the schema cannot say — a field that only matters for some choices of
 * another, "give at least one change" — a job type states in `registry.ts` as rules.
 */
import { CheckboxField, MultiSelectField, SelectField, TextField, splitList } from "./fields";
import {
  periodOfLevel, referenceKind, referenceOptions, useReferences, type ReferenceData,
  type References,
} from "./references";
import type { InputSchema, SchemaTypeInfo, TypeRef } from "./schemaTypes";
import type { FieldErrors, FormProps, JobForm } from "./types";
import { enumLabel, wordsFor, type Words } from "./words";

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
  words: Words;
  shape: Shape;
  initial: GeneratedValue;
}

export type GeneratedValue = string | boolean | { [name: string]: GeneratedValue };
export type ObjectValue = { [name: string]: GeneratedValue };

/** What a job type's form needs beyond its input type (see `registry.ts`). */
export interface FormRules {
  /** Field path → whether it is shown for the form's current value (hidden: not sent). */
  shownWhen?: Readonly<Record<string, (value: ObjectValue) => boolean>>;
  /** Fields required whenever they are shown, though the schema lets them be left out. */
  requiredWhenShown?: readonly string[];
  /** Group path → the message when none of its fields is given. */
  atLeastOne?: Readonly<Record<string, string>>;
}

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
      words: wordsFor(field.name, field.description),
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

interface Context {
  rules: FormRules;
  root: ObjectValue;
  references: ReferenceData | null;
}

function shown(path: string, context: Context): boolean {
  return context.rules.shownWhen?.[path]?.(context.root) ?? true;
}

function paramsOf(fields: FieldShape[], value: ObjectValue, prefix: string,
                  context: Context): Record<string, unknown> {
  const params: Record<string, unknown> = {};
  for (const field of fields) {
    const path = prefix + field.name;
    if (!shown(path, context)) continue;
    const raw = value[field.name] ?? field.initial;
    if (field.shape.kind === "object") {
      const nested = paramsOf(field.shape.fields, raw as ObjectValue, `${path}.`, context);
      if (field.shape.required || Object.keys(nested).length) params[field.name] = nested;
      continue;
    }
    const param = leafParam(field.shape, raw);
    if (param !== undefined) params[field.name] = param;
  }
  return params;
}

/** The planning period of the group's level field, when one is chosen. */
function groupPeriod(fields: FieldShape[], value: ObjectValue, references: ReferenceData | null) {
  if (!references) return null;
  const level = fields.find((f) => f.shape.kind === "leaf" && !f.shape.list
    && referenceKind(f.name) === "level" && typeof value[f.name] === "string" && value[f.name]);
  return level ? periodOfLevel(String(value[level.name]), references) : null;
}

function checkLeaf(field: FieldShape, shape: Extract<Shape, { kind: "leaf" }>, raw: GeneratedValue,
                   required: boolean): string | null {
  if (typeof raw !== "string") return null;
  const items = shape.list ? splitList(raw) : raw.trim() ? [raw.trim()] : [];
  if (items.length === 0) return required ? `Choose or give the ${field.words.label.toLowerCase()}.` : null;
  if (shape.leaf.kind !== "scalar") return null;
  const { min, max, unit } = field.words;
  for (const item of items) {
    const number = Number(item);
    if (shape.leaf.name === "Int" && !Number.isInteger(number)) return "Give a whole number.";
    if (shape.leaf.name === "Float" && !Number.isFinite(number)) return "Give a number.";
    if ((shape.leaf.name === "Int" || shape.leaf.name === "Float") && min !== null && max !== null
        && (number < min || number > max)) {
      return `Give a number from ${min} to ${max}${unit ? ` ${unit}` : ""}.`;
    }
    if (shape.leaf.name === "DateTime" && Number.isNaN(new Date(item).getTime())) {
      return "Give a date and time.";
    }
  }
  return null;
}

function errorsOf(fields: FieldShape[], value: ObjectValue, prefix: string,
                  context: Context): FieldErrors {
  const errors: FieldErrors = {};
  const required = new Set(context.rules.requiredWhenShown ?? []);
  for (const field of fields) {
    const path = prefix + field.name;
    if (!shown(path, context)) continue;
    const raw = value[field.name] ?? field.initial;
    if (field.shape.kind === "object") {
      const nested = raw as ObjectValue;
      Object.assign(errors, errorsOf(field.shape.fields, nested, `${path}.`, context));
      const atLeastOne = context.rules.atLeastOne?.[path];
      if (atLeastOne && Object.keys(paramsOf(field.shape.fields, nested, `${path}.`, context)).length === 0) {
        errors[path] = atLeastOne;
      }
      continue;
    }
    const error = checkLeaf(field, field.shape, raw, field.shape.required || required.has(path));
    if (error) errors[path] = error;
  }
  const period = groupPeriod(fields, value, context.references);
  const start = fields.find((f) => f.name === "startDate");
  const end = fields.find((f) => f.name === "endDate");
  for (const day of [start, end]) {
    const text = day ? String(value[day.name] ?? "") : "";
    if (day && period && text && (text < period.startDate || text > period.endDate)) {
      errors[prefix + day.name] = `Give a day within ${period.name} (${period.startDate} to ${period.endDate}).`;
    }
  }
  if (start && end && value.startDate && value.endDate && String(value.endDate) < String(value.startDate)
      && !errors[`${prefix}endDate`]) {
    errors[`${prefix}endDate`] = "The last day comes before the first; choose a later one.";
  }
  return errors;
}

function pathsOf(fields: FieldShape[], prefix: string): string[] {
  return fields.flatMap((field) => {
    const path = prefix + field.name;
    return field.shape.kind === "object" ? [path, ...pathsOf(field.shape.fields, `${path}.`)] : [path];
  });
}

type LeafField = FieldShape & { shape: Extract<Shape, { kind: "leaf" }> };

function LeafInput({ field, value, onChange, error, required, period }: {
  field: LeafField;
  value: GeneratedValue;
  onChange: (value: GeneratedValue) => void;
  error?: string;
  required: boolean;
  period: { name: string; startDate: string; endDate: string } | null;
}) {
  const { shape, words } = field;
  const label = required ? `${words.label} (required)` : words.label;
  const references: References = useReferences();
  const isId = shape.leaf.kind === "scalar" && (shape.leaf.name === "ID" || shape.leaf.name === "String");
  const kind = isId ? referenceKind(field.name) : null;
  if (kind && references === "loading") {
    // Same place and size as the choice to come, so the form does not jump when it arrives.
    return <SelectField label={label} value="" onChange={onChange} help={words.help} error={error}
                        disabled options={[{ value: "", label: "Loading…" }]} />;
  }
  if (kind && references && references !== "loading" && typeof value === "string") {
    const options = referenceOptions(kind, references);
    if (kind === "team" && !shape.list) {
      // One team: chosen from the teams, or a new one typed (a mass update may create it).
      return <TextField label={label} value={value} onInput={onChange} help={words.help}
                        error={error} suggestions={options.map((o) => o.value)}
                        placeholder="Choose or type a team" />;
    }
    if (shape.list) {
      return <MultiSelectField label={label} values={splitList(value)} options={options}
                               onChange={(ids) => onChange(ids.join(", "))}
                               help={required ? words.help : `${words.help} None chosen: all.`.trim()}
                               error={error} />;
    }
    const choices = [{ value: "", label: required ? "Choose…" : "—" }, ...options];
    return <SelectField label={label} value={value} onChange={onChange} help={words.help}
                        error={error} options={choices} />;
  }
  if (shape.leaf.kind === "scalar" && shape.leaf.name === "Boolean" && !shape.list) {
    if (typeof value === "boolean") {
      return <CheckboxField label={words.label} checked={value} onChange={onChange}
                            help={words.help} error={error} />;
    }
    return <SelectField label={label} value={String(value)} onChange={onChange} help={words.help}
                        error={error} options={[{ value: "", label: "Leave unchanged" },
                          { value: "true", label: "Yes" }, { value: "false", label: "No" }]} />;
  }
  if (shape.leaf.kind === "enum" && !shape.list) {
    const options = shape.leaf.values.map((v) => ({ value: v.name, label: enumLabel(v.name) }));
    if (!shape.required || value === "") options.unshift({ value: "", label: "—" });
    const chosen = shape.leaf.values.find((v) => v.name === value);
    const help = [chosen?.description, words.help].filter(Boolean).join(" ");
    return <SelectField label={label} value={String(value)} onChange={onChange} help={help}
                        error={error} options={options} />;
  }
  const isNumber = shape.leaf.kind === "scalar" && (shape.leaf.name === "Int" || shape.leaf.name === "Float");
  const scalar = shape.leaf.kind === "scalar" ? shape.leaf.name : null;
  const inputType = shape.list ? "text" : isNumber ? "number"
    : scalar === "DateTime" ? "datetime-local" : scalar === "Date" ? "date"
    : scalar === "Time" ? "time" : "text";
  let help = shape.list ? `${words.help} Separate several with commas.`.trim() : words.help;
  if (scalar === "Date" && period) help = `${help} Within ${period.name}: ${period.startDate} to ${period.endDate}.`.trim();
  return (
    <TextField label={label} value={String(value)} onInput={onChange} help={help} error={error}
               type={inputType} unit={words.unit || undefined}
               min={isNumber ? words.min ?? undefined : scalar === "Date" ? period?.startDate : undefined}
               max={isNumber ? words.max ?? undefined : scalar === "Date" ? period?.endDate : undefined}
               step={shape.leaf.kind === "scalar" && shape.leaf.name === "Float" ? "any" : undefined} />
  );
}

interface GroupProps {
  fields: FieldShape[];
  value: ObjectValue;
  onChange: (value: ObjectValue) => void;
  errors: FieldErrors;
  prefix: string;
  context: Context;
}

function FieldGroup({ fields, value, onChange, errors, prefix, context }: GroupProps) {
  const required = new Set(context.rules.requiredWhenShown ?? []);
  const period = groupPeriod(fields, value, context.references);
  return (
    <>
      {fields.map((field) => {
        const path = prefix + field.name;
        if (!shown(path, context)) return null;
        const current = value[field.name] ?? field.initial;
        const set = (next: GeneratedValue) => {
          const changed: ObjectValue = { ...value, [field.name]: next };
          // A level chosen: its period's days become the default range.
          if (referenceKind(field.name) === "level" && typeof next === "string" && context.references) {
            const newPeriod = periodOfLevel(next, context.references);
            const oldPeriod = period;
            for (const [name, key] of [["startDate", "startDate"], ["endDate", "endDate"]] as const) {
              const has = fields.some((f) => f.name === name);
              const was = String(value[name] ?? "");
              if (has && newPeriod && (!was || (oldPeriod && was === oldPeriod[key]))) {
                changed[name] = newPeriod[key];
              }
            }
          }
          onChange(changed);
        };
        if (field.shape.kind === "object") {
          return (
            <fieldset class="fieldset" key={path}>
              <legend>{field.words.label}</legend>
              {field.words.help && field.words.help.replace(/\.$/, "").toLowerCase()
                !== field.words.label.toLowerCase() && <p class="fieldset__help">{field.words.help}</p>}
              {errors[path] && <p class="field__error" role="alert">{errors[path]}</p>}
              <FieldGroup fields={field.shape.fields} value={current as ObjectValue}
                          onChange={set} errors={errors} prefix={`${path}.`} context={context} />
            </fieldset>
          );
        }
        return <LeafInput key={path} field={field as LeafField} value={current} onChange={set}
                          error={errors[path]} period={period}
                          required={field.shape.required || required.has(path)} />;
      })}
    </>
  );
}

/**
 * A form for `jobType` generated from the input type `inputTypeName`, or `null` when one of
 * its fields has a type no generated input can edit.
 */
export function generatedForm(jobType: string, inputTypeName: string, schema: InputSchema,
                              rules: FormRules = {}): JobForm<ObjectValue> | null {
  const type = schema.get(inputTypeName);
  if (!type || type.kind !== "INPUT_OBJECT") return null;
  const fields = fieldsOf(type, schema, 0);
  if (!fields) return null;
  const initial = () => Object.fromEntries(fields.map((f) => [f.name, f.initial])) as ObjectValue;
  const context = (root: ObjectValue, references: ReferenceData | null = null): Context =>
    ({ rules, root, references });
  return {
    type: jobType,
    create: initial,
    Fields: ({ value, onChange, errors }: FormProps<ObjectValue>) => {
      const references = useReferences();
      return (
        <FieldGroup fields={fields} value={value} onChange={onChange} errors={errors} prefix=""
                    context={context(value, references === "loading" ? null : references)} />
      );
    },
    validate: (value, references = null) => errorsOf(fields, value, "", context(value, references)),
    toParams: (value) => paramsOf(fields, value, "", context(value)),
    fieldPaths: pathsOf(fields, ""),
    labels: Object.fromEntries(fields.flatMap(function labelled(f): [string, string][] {
      return f.shape.kind === "object"
        ? [[f.name, f.words.label], ...f.shape.fields.flatMap(labelled)]
        : [[f.name, f.words.label]];
    })),
  };
}

/** The name of the input type of `JobParamsInput.<member>`, e.g. `ReportParamsInput`. */
export function paramsInputTypeName(member: string, schema: InputSchema): string | null {
  const field = schema.get("JobParamsInput")?.inputFields?.find((f) => f.name === member);
  let type: TypeRef | null = field?.type ?? null;
  while (type && type.kind === "NON_NULL") type = type.ofType;
  return type?.kind === "INPUT_OBJECT" ? type.name : null;
}
