/**
 * The form of `EMPLOYEES_MASS_UPDATE` jobs (Administration > Scheduling > Employees >
 * Mass Update), against `EmployeesMassUpdateParamsInput`: which employees, what to set.
 */
import { CheckboxField, SelectField, TextField, splitList } from "./fields";
import type { FieldErrors, FormProps, JobForm } from "./types";

export interface MassUpdateValue {
  teams: string;
  skills: string;
  numbers: string;
  activeOnly: boolean;
  newTeam: string;
  weeklyContractHours: string;
  addSkills: string;
  removeSkills: string;
  active: "" | "true" | "false";
}

const ACTIVE_CHOICES = [
  { value: "", label: "Leave unchanged" },
  { value: "true", label: "Activate" },
  { value: "false", label: "Deactivate" },
];

function MassUpdateFields({ value, onChange, errors }: FormProps<MassUpdateValue>) {
  const set = (changes: Partial<MassUpdateValue>) => onChange({ ...value, ...changes });
  return (
    <>
      <fieldset class="fieldset">
        <legend>Which employees</legend>
        <p class="fieldset__help">Conditions combine: employees must match all that you fill in.</p>
        <TextField label="Teams" value={value.teams} placeholder="All teams"
                   onInput={(teams) => set({ teams })}
                   help="Employees of any of these teams, separated by commas."
                   error={errors["filter.teams"]} />
        <TextField label="Skills" value={value.skills} placeholder="Any skills"
                   onInput={(skills) => set({ skills })}
                   help="Employees having all of these skills, separated by commas."
                   error={errors["filter.skills"]} />
        <TextField label="Employee numbers" value={value.numbers} placeholder="Any employee"
                   onInput={(numbers) => set({ numbers })}
                   help="For example E00012, E00013."
                   error={errors["filter.numbers"]} />
        <CheckboxField label="Active employees only" checked={value.activeOnly}
                       onChange={(activeOnly) => set({ activeOnly })}
                       error={errors["filter.activeOnly"]} />
      </fieldset>
      <fieldset class="fieldset">
        <legend>What to set</legend>
        {errors.changes && <p class="field__error" role="alert">{errors.changes}</p>}
        <TextField label="Move to team" value={value.newTeam} placeholder="Keep their teams"
                   onInput={(newTeam) => set({ newTeam })} error={errors["changes.team"]} />
        <TextField label="Weekly contract hours" type="number" min={0} max={80} step="0.5"
                   value={value.weeklyContractHours} placeholder="Keep their hours"
                   onInput={(weeklyContractHours) => set({ weeklyContractHours })}
                   help="0 to 80." error={errors["changes.weeklyContractHours"]} />
        <TextField label="Add skills" value={value.addSkills} placeholder="None"
                   onInput={(addSkills) => set({ addSkills })}
                   help="Separated by commas." error={errors["changes.addSkills"]} />
        <TextField label="Remove skills" value={value.removeSkills} placeholder="None"
                   onInput={(removeSkills) => set({ removeSkills })}
                   help="Separated by commas." error={errors["changes.removeSkills"]} />
        <SelectField label="Active" value={value.active} options={ACTIVE_CHOICES}
                     onChange={(active) => set({ active: active as MassUpdateValue["active"] })}
                     error={errors["changes.active"]} />
      </fieldset>
    </>
  );
}

function changesOf(value: MassUpdateValue): Record<string, unknown> {
  const changes: Record<string, unknown> = {};
  if (value.newTeam.trim()) changes.team = value.newTeam.trim();
  if (value.weeklyContractHours.trim()) changes.weeklyContractHours = Number(value.weeklyContractHours);
  if (splitList(value.addSkills).length) changes.addSkills = splitList(value.addSkills);
  if (splitList(value.removeSkills).length) changes.removeSkills = splitList(value.removeSkills);
  if (value.active) changes.active = value.active === "true";
  return changes;
}

export const massUpdateForm: JobForm<MassUpdateValue> = {
  type: "EMPLOYEES_MASS_UPDATE",
  create: () => ({
    teams: "", skills: "", numbers: "", activeOnly: true,
    newTeam: "", weeklyContractHours: "", addSkills: "", removeSkills: "", active: "",
  }),
  Fields: MassUpdateFields,
  validate(value) {
    const errors: FieldErrors = {};
    const hours = value.weeklyContractHours.trim();
    if (hours) {
      const number = Number(hours);
      if (!Number.isFinite(number) || number < 0 || number > 80) {
        errors["changes.weeklyContractHours"] = "Give a number of hours from 0 to 80.";
      }
    }
    if (Object.keys(changesOf(value)).length === 0) {
      errors.changes = "Give at least one change.";
    }
    return errors;
  },
  toParams(value) {
    const filter: Record<string, unknown> = { activeOnly: value.activeOnly };
    if (splitList(value.teams).length) filter.teams = splitList(value.teams);
    if (splitList(value.skills).length) filter.skills = splitList(value.skills);
    if (splitList(value.numbers).length) filter.numbers = splitList(value.numbers);
    return { filter, changes: changesOf(value) };
  },
  fieldPaths: [
    "filter.teams", "filter.skills", "filter.numbers", "filter.activeOnly", "changes",
    "changes.team", "changes.weeklyContractHours", "changes.addSkills",
    "changes.removeSkills", "changes.active",
  ],
};
