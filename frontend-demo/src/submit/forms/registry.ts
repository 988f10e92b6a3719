/**
 * Which form starts which job type: a hand-written form where there is one, otherwise a
 * form generated from the job type's input type in the API schema.
 *
 * To hand-write a form for a job type: add a module next to this one exporting a
 * `JobForm` (see `report.tsx`) and list it in `HANDWRITTEN`.
 */
import type { JobTypeInfo } from "../../api/types";
import { generatedForm, paramsInputTypeName } from "./generated";
import { massUpdateForm } from "./massUpdate";
import { reportForm } from "./report";
import { INPUT_SCHEMA } from "./schema";
import type { InputSchema } from "./schemaTypes";
import { anyForm, type JobForm } from "./types";

export const HANDWRITTEN: Readonly<Record<string, JobForm<unknown>>> = {
  [reportForm.type]: anyForm(reportForm),
  [massUpdateForm.type]: anyForm(massUpdateForm),
};

/** The form for `jobType`, or `null` when there is none and none can be generated. */
export function formFor(
  jobType: Pick<JobTypeInfo, "type" | "paramsInput">, schema: InputSchema = INPUT_SCHEMA,
): JobForm<unknown> | null {
  const handwritten = HANDWRITTEN[jobType.type];
  if (handwritten) return handwritten;
  const inputType = paramsInputTypeName(jobType.paramsInput, schema);
  const generated = inputType ? generatedForm(jobType.type, inputType, schema) : null;
  return generated ? anyForm(generated) : null;
}
