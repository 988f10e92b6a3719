/** The form of `REPORT` jobs (Monitoring > Reports), against `ReportParamsInput`. */
import { CheckboxField, SelectField, TextField } from "./fields";
import type { FieldErrors, FormProps, JobForm } from "./types";

export interface ReportValue {
  report: "EMPLOYEE_LIST";
  team: string;
  activeOnly: boolean;
}

const REPORTS = [{ value: "EMPLOYEE_LIST", label: "Employee list" }];

function ReportFields({ value, onChange, errors }: FormProps<ReportValue>) {
  return (
    <>
      <SelectField
        label="Report"
        value={value.report}
        options={REPORTS}
        onChange={(report) => onChange({ ...value, report: report as ReportValue["report"] })}
        help="Every employee with team, skills and weekly contract hours, as CSV and Excel."
        error={errors.report}
      />
      <TextField
        label="Team"
        value={value.team}
        placeholder="All teams"
        onInput={(team) => onChange({ ...value, team })}
        help="Only employees of this team; leave empty for all teams."
        error={errors.team}
      />
      <CheckboxField
        label="Active employees only"
        checked={value.activeOnly}
        onChange={(activeOnly) => onChange({ ...value, activeOnly })}
        error={errors.activeOnly}
      />
    </>
  );
}

export const reportForm: JobForm<ReportValue> = {
  type: "REPORT",
  create: () => ({ report: "EMPLOYEE_LIST", team: "", activeOnly: true }),
  Fields: ReportFields,
  validate: (): FieldErrors => ({}),
  toParams(value) {
    const params: Record<string, unknown> = { report: value.report, activeOnly: value.activeOnly };
    if (value.team.trim()) params.team = value.team.trim();
    return params;
  },
  fieldPaths: ["report", "team", "activeOnly"],
};
