/**
 * Which form starts which job type: a hand-written form where there is one, otherwise a
 * form generated from the job type's input type in the API schema.
 *
 * To hand-write a form for a job type: add a module next to this one exporting a
 * `JobForm` (see `report.tsx`) and list it in `HANDWRITTEN`.
 */
import type { JobTypeInfo } from "../../api/types";
import { generatedForm, paramsInputTypeName, type InputSchema } from "./generated";
import { massUpdateForm } from "./massUpdate";
import { reportForm } from "./report";
import { anyForm, type JobForm } from "./types";

export const HANDWRITTEN: Readonly<Record<string, JobForm<unknown>>> = {
  [reportForm.type]: anyForm(reportForm),
  [massUpdateForm.type]: anyForm(massUpdateForm),
};

/** The form for `jobType`, or `null` when there is none and none can be generated. */
export function formFor(jobType: JobTypeInfo, schema: InputSchema | null): JobForm<unknown> | null {
  const handwritten = HANDWRITTEN[jobType.type];
  if (handwritten) return handwritten;
  if (!schema) return null;
  const inputType = paramsInputTypeName(jobType.paramsInput, schema);
  const generated = inputType ? generatedForm(jobType.type, inputType, schema) : null;
  return generated ? anyForm(generated) : null;
}
