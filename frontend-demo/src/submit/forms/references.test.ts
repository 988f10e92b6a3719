import { describe, expect, it } from "vitest";
import { formFor } from "./registry";
import { nameReferences, referenceKind, referenceOptions, worksOnLevel, type ReferenceData } from "./references";

const DATA: ReferenceData = {
  planningPeriods: [{ id: "1", name: "December 2026", startDate: "2026-11-30", endDate: "2026-12-27",
                      levels: [{ id: "10", name: "Base" }, { id: "11", name: "Draft" }] }],
  activities: [{ id: "5", code: "PHONE", name: "Phone" }],
  shiftTemplates: [{ id: "7", code: "EARLY", name: "Early" }],
  shiftSequences: [{ id: "3", name: "Four on, three off" }],
  teams: ["Sales", "Night Shift"],
  employees: { nodes: [{ id: "21", number: "E00021", name: "Ann Example", team: "Sales" }] },
};

describe("fields naming WFM records by id", () => {
  it("are recognised by their names, whatever prefix they carry", () => {
    expect(["levelId", "sourceLevelId", "targetLevelId", "periodId", "activityId",
            "fromActivityId", "activityIds", "templateIds", "employeeIds", "sequenceId", "teams",
            "timeLimitSeconds", "newLevelName"].map(referenceKind))
      .toEqual(["level", "level", "level", "period", "activity", "activity", "activity",
                "template", "employee", "sequence", "team", null, null]);
  });

  it("offer levels under their planning period's name, and the other records by name and code", () => {
    expect(referenceOptions("level", DATA)).toEqual([
      { value: "10", label: "December 2026 · Base" }, { value: "11", label: "December 2026 · Draft" },
    ]);
    expect(referenceOptions("period", DATA)).toEqual([{ value: "1", label: "December 2026" }]);
    expect(referenceOptions("activity", DATA)).toEqual([{ value: "5", label: "Phone (PHONE)" }]);
    expect(referenceOptions("template", DATA)).toEqual([{ value: "7", label: "Early (EARLY)" }]);
    expect(referenceOptions("employee", DATA)).toEqual([{ value: "21", label: "Ann Example (E00021, Sales)" }]);
    expect(referenceOptions("team", DATA).map((o) => o.value)).toEqual(["Sales", "Night Shift"]);
  });

  it("mark the forms that name a level (the dialog offers the overwrite setting for scheduling ones)", () => {
    const optimization = formFor({ type: "OPTIMIZATION", paramsInput: "optimization" });
    const levelCopy = formFor({ type: "LEVEL_COPY", paramsInput: "levelCopy" });
    const report = formFor({ type: "REPORT", paramsInput: "report" });
    expect(optimization && worksOnLevel(optimization.fieldPaths)).toBe(true);
    expect(levelCopy && worksOnLevel(levelCopy.fieldPaths)).toBe(true);
    expect(report && worksOnLevel(report.fieldPaths)).toBe(true);
    const massUpdate = formFor({ type: "EMPLOYEES_MASS_UPDATE", paramsInput: "employeesMassUpdate" });
    expect(massUpdate && worksOnLevel(massUpdate.fieldPaths)).toBe(false);
  });

  it("send the chosen ids as the API's parameters", () => {
    const form = formFor({ type: "SHIFTS_GENERATE", paramsInput: "shiftsGenerate" });
    if (!form) throw new Error("no form for SHIFTS_GENERATE");
    const value = { ...(form.create() as Record<string, unknown>), levelId: "10", activityIds: "5, 6" };
    expect(form.toParams(value)).toMatchObject({ levelId: "10", activityIds: ["5", "6"] });
  });

  it("are confirmed by the names the form showed, not by bare ids", () => {
    expect(nameReferences({ levelId: "10", activityIds: ["5", "99"], timeLimitSeconds: 60 }, DATA))
      .toEqual({ levelId: "December 2026 · Base", activityIds: ["Phone (PHONE)", "99"],
                 timeLimitSeconds: 60 });
  });
});
