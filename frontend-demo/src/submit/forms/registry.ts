/**
 * Which form starts which job type: every form is generated from the job type's input
 * type in the API schema (`generated.tsx`); what the schema cannot say, a job type states
 * here as rules, named by the fields of its generated input type (so a renamed field fails
 * the type check, not the planner).
 */
import type {
  EmployeesMassUpdateParamsInput,
  JobParamsInput,
  ReportKind,
  ReportParamsInput,
} from "../../api/generated/graphql";
import type { JobTypeInfo } from "../../api/model";
import { generatedForm, paramsInputTypeName, type FormRules, type ObjectValue } from "./generated";
import { INPUT_SCHEMA } from "./schema";
import type { InputSchema } from "./schemaTypes";
import { anyForm, type JobForm } from "./types";

/** Rules whose field paths are fields of the generated input type `T`. */
type RulesFor<T> = FormRules & {
  shownWhen?: Partial<Record<Extract<keyof T, string>, (value: ObjectValue) => boolean>>;
  requiredWhenShown?: readonly Extract<keyof T, string>[];
  atLeastOne?: Partial<Record<Extract<keyof T, string>, string>>;
};

/** The reports about one schedule level (the others need none). */
const LEVEL_REPORTS: readonly ReportKind[] = ["STAFFING_COVERAGE", "SCHEDULE", "TARGET_WORK_ACCOUNTS"];
const onLevel = (value: ObjectValue) => LEVEL_REPORTS.includes(value.report as ReportKind);

const REPORT_RULES: RulesFor<ReportParamsInput> = {
  shownWhen: { levelId: onLevel, startDate: onLevel, endDate: onLevel },
  requiredWhenShown: ["levelId"],
};

const MASS_UPDATE_RULES: RulesFor<EmployeesMassUpdateParamsInput> = {
  atLeastOne: { changes: "Give at least one change." },
};

/** Rules by `JobParamsInput` member. */
export const FORM_RULES: Partial<Record<keyof JobParamsInput, FormRules>> = {
  report: REPORT_RULES,
  employeesMassUpdate: MASS_UPDATE_RULES,
};

/** The form for `jobType`, or `null` when none can be generated. */
export function formFor(
  jobType: Pick<JobTypeInfo, "type" | "paramsInput">, schema: InputSchema = INPUT_SCHEMA,
): JobForm<unknown> | null {
  const inputType = paramsInputTypeName(jobType.paramsInput, schema);
  const rules = FORM_RULES[jobType.paramsInput as keyof JobParamsInput];
  const generated = inputType ? generatedForm(jobType.type, inputType, schema, rules) : null;
  return generated ? anyForm(generated) : null;
}
