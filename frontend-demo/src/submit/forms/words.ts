/**
 * A parameter in the planner's words: its label, unit, range and help text, made from the
 * field's name and its description in schema.graphql (which the API writes from the job
 * type's parameter model). The few labels the name alone would not give — "Schedule level"
 * for `levelId`, "From" for `startDate` — come from one glossary by field name, shared by
 * every job type's form.
 */
import { humanize } from "../../jobs/format";

const GLOSSARY: Readonly<Record<string, string>> = {
  levelId: "Schedule level",
  sourceLevelId: "Copy from level",
  targetLevelId: "Copy onto level",
  newLevelName: "Or into a new level named",
  periodId: "Planning period",
  startDate: "From",
  endDate: "To (included)",
  activityId: "Activity",
  activityIds: "Activities",
  fromActivityId: "Replace activity",
  toActivityId: "With activity",
  templateIds: "Shift templates",
  employeeIds: "Employees",
  sequenceId: "Shift sequence",
  activeOnly: "Active employees only",
  onlyQualified: "Only employees qualified for the new activity",
  replaceOpenShifts: "Replace the open shifts of these days",
  replaceExisting: "Replace existing shifts on these days",
  kind: "Which shifts",
  numbers: "Employee numbers",
  filter: "Which employees",
  changes: "What to set",
  team: "Team",
  teams: "Teams",
};

const UNITS: readonly [RegExp, string][] = [
  [/Seconds$/, "s"],
  [/Minutes$/, "min"],
  [/Hours$/, "h"],
];

export interface Words {
  label: string;
  /** The unit the number is in, shown beside the input (`s`, `h`). */
  unit: string;
  help: string;
  min: number | null;
  max: number | null;
}

const RANGE = /\s*\((-?\d+(?:\.\d+)?) to (-?\d+(?:\.\d+)?)\)/;
const API_REFERENCE = /\s*\((?:see|e\.g\.) `[^`]+`\)/g;

/** `timeLimitSeconds` with "Most seconds to spend searching (1 to 3600)." → "Time limit", s, 1–3600. */
export function wordsFor(name: string, description: string | null): Words {
  const unitMatch = UNITS.find(([pattern]) => pattern.test(name));
  const unit = unitMatch?.[1] ?? "";
  const bare = unitMatch && name !== "weeklyContractHours" ? name.replace(unitMatch[0], "") : name;
  const label = GLOSSARY[name] ?? humanize(bare.replace(/Ids?$/, ""));
  const text = description ?? "";
  const range = RANGE.exec(text);
  const help = text.replace(RANGE, "").replace(API_REFERENCE, "").replace(/`/g, "").trim()
    + (range ? ` ${range[1]} to ${range[2]}${unit ? ` ${unit}` : ""}.` : "");
  return {
    label,
    unit,
    help: help.trim(),
    min: range ? Number(range[1]) : null,
    max: range ? Number(range[2]) : null,
  };
}

/** An enum value as people read it: `STAFFING_COVERAGE` → "Staffing coverage". */
export function enumLabel(value: string): string {
  return humanize(value.toLowerCase());
}
