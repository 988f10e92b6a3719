/**
 * The job forms as a planner meets them: generated from the schema's input types, in the
 * planner's words, with the rules a job type adds, and the server's errors at their field.
 */
import { describe, expect, it } from "vitest";
import type { ReferenceData } from "../../api/model";
import { formFieldPath } from "../SubmitDialog";
import { generatedForm, type ObjectValue } from "./generated";
import { formFor } from "./registry";
import type { InputSchema, SchemaTypeInfo } from "./schemaTypes";
import { wordsFor } from "./words";

const report = formFor({ type: "REPORT", paramsInput: "report" })!;
const massUpdate = formFor({ type: "EMPLOYEES_MASS_UPDATE", paramsInput: "employeesMassUpdate" })!;
const optimization = formFor({ type: "OPTIMIZATION", paramsInput: "optimization" })!;

const DATA: ReferenceData = {
  planningPeriods: [{ id: "1", name: "December 2026", startDate: "2026-11-30", endDate: "2026-12-27",
                      levels: [{ id: "10", name: "Base" }] }],
  activities: [], shiftTemplates: [], shiftSequences: [], teams: ["Sales"],
  employees: { nodes: [] },
};

describe("the report form", () => {
  it("offers all four report kinds", () => {
    const kinds = (report.create() as ObjectValue).report;
    expect(kinds).toBe("EMPLOYEE_LIST");
    expect(report.fieldPaths).toEqual(
      ["report", "team", "activeOnly", "levelId", "startDate", "endDate"]);
  });

  it("sends no level for the employee list, and needs one for a report about a level", () => {
    const list = { ...(report.create() as ObjectValue), levelId: "10" };
    expect(report.toParams(list)).toEqual({ report: "EMPLOYEE_LIST", activeOnly: true });
    const coverage = { ...(report.create() as ObjectValue), report: "STAFFING_COVERAGE" };
    expect(report.validate(coverage)).toEqual({ levelId: "Choose or give the schedule level." });
    expect(report.toParams({ ...coverage, levelId: "10" }))
      .toEqual({ report: "STAFFING_COVERAGE", activeOnly: true, levelId: "10" });
  });

  it("keeps the days within the chosen level's planning period", () => {
    const value = { ...(report.create() as ObjectValue), report: "SCHEDULE", levelId: "10",
                    startDate: "2026-12-10", endDate: "2027-01-05" };
    expect(report.validate(value, DATA)).toEqual({
      endDate: "Give a day within December 2026 (2026-11-30 to 2026-12-27).",
    });
    expect(report.validate({ ...value, endDate: "2026-12-01" }, DATA))
      .toEqual({ endDate: "The last day comes before the first; choose a later one." });
  });
});

describe("the mass update form", () => {
  it("asks for at least one change", () => {
    expect(massUpdate.validate(massUpdate.create())).toEqual({ changes: "Give at least one change." });
  });

  it("refuses contract hours outside the range its description gives", () => {
    const value = massUpdate.create() as ObjectValue;
    const changed = { ...value, changes: { ...(value.changes as ObjectValue), weeklyContractHours: "90" } };
    expect(massUpdate.validate(changed)["changes.weeklyContractHours"])
      .toBe("Give a number from 0 to 80 h.");
  });
});

describe("the planner's words", () => {
  it("name fields as planners do, with the unit and range from the description", () => {
    expect(wordsFor("timeLimitSeconds", "Most seconds to spend searching (1 to 3600)."))
      .toEqual({ label: "Time limit", unit: "s", help: "Most seconds to spend searching. 1 to 3600 s.",
                 min: 1, max: 3600 });
    expect(wordsFor("levelId", "The schedule level to work on (see `planningPeriods`).").help)
      .toBe("The schedule level to work on.");
    expect(optimization.labels).toMatchObject({ levelId: "Schedule level", startDate: "From",
                                                timeLimitSeconds: "Time limit" });
  });
});

describe("server errors", () => {
  it("are shown at the form field they name", () => {
    expect(formFieldPath("params.employeesMassUpdate.changes.weeklyContractHours", "employeesMassUpdate"))
      .toBe("changes.weeklyContractHours");
    expect(formFieldPath("settings.startAt", "report")).toBe("settings.startAt");
  });
});

describe("a generated form", () => {
  const schema: InputSchema = new Map<string, SchemaTypeInfo>([
    ["ThingInput", { kind: "INPUT_OBJECT", name: "ThingInput", description: null, enumValues: null,
      inputFields: [
        { name: "count", description: "How many (1 to 9).", defaultValue: "3",
          type: { kind: "NON_NULL", name: null, ofType: { kind: "SCALAR", name: "Int", ofType: null } } },
        { name: "tags", description: null, defaultValue: null,
          type: { kind: "LIST", name: null, ofType: { kind: "SCALAR", name: "String", ofType: null } } },
      ] }],
  ]);

  it("sends its defaults, lists split at commas, and leaves out what is empty", () => {
    const form = generatedForm("THING", "ThingInput", schema)!;
    expect(form.toParams(form.create())).toEqual({ count: 3 });
    expect(form.toParams({ count: "4", tags: "a, b,," })).toEqual({ count: 4, tags: ["a", "b"] });
    expect(form.validate({ count: "12", tags: "" })).toEqual({ count: "Give a number from 1 to 9." });
  });
});
