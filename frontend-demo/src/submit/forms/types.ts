/**
 * A job type's form: one module per job type, registered in `registry.ts`.
 *
 * A form edits a value of its own shape and turns it into the job type's member of the
 * API's `JobParamsInput` (`toParams`). The submit dialog around it is shared: settings
 * (start now or at a time), the confirmation, the server's validation errors.
 */
import type { JSX } from "preact";
import type { ReferenceData } from "../../api/model";

/** Messages by field path inside the params member, e.g. `changes.weeklyContractHours`. */
export type FieldErrors = Record<string, string>;

export interface FormProps<V> {
  value: V;
  onChange: (value: V) => void;
  errors: FieldErrors;
}

export interface JobForm<V = unknown> {
  /** The job type it submits, e.g. `REPORT`. */
  readonly type: string;
  /** A new value with the defaults filled in. */
  create(): V;
  readonly Fields: (props: FormProps<V>) => JSX.Element;
  /**
   * Checks the page can make before asking the server (which checks everything again);
   * with the WFM records, also that days lie within the chosen level's period.
   */
  validate(value: V, references?: ReferenceData | null): FieldErrors;
  /** The value of the job type's `JobParamsInput` member. */
  toParams(value: V): Record<string, unknown>;
  /** The field paths the form shows errors next to; the dialog shows any others on top. */
  readonly fieldPaths: readonly string[];
  /** Each field's label by its name, for the confirmation. */
  readonly labels: Readonly<Record<string, string>>;
}

/** Erases a form's value type for the registry (each form is used with its own values). */
export function anyForm<V>(form: JobForm<V>): JobForm<unknown> {
  return form as unknown as JobForm<unknown>;
}
