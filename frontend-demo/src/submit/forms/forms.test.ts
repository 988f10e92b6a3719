import { describe, expect, it } from "vitest";
import { formFieldPath } from "../SubmitDialog";
import { generatedForm } from "./generated";
import { massUpdateForm } from "./massUpdate";
import { reportForm } from "./report";
import type { InputSchema, SchemaTypeInfo } from "./schemaTypes";

describe("the report form", () => {
  it("leaves the team out when none is given, so every team is reported", () => {
    expect(reportForm.toParams(reportForm.create())).toEqual({ report: "EMPLOYEE_LIST", activeOnly: true });
    expect(reportForm.toParams({ ...reportForm.create(), team: " Sales " }))
      .toEqual({ report: "EMPLOYEE_LIST", activeOnly: true, team: "Sales" });
  });
});

describe("the mass update form", () => {
  it("asks for at least one change", () => {
    expect(massUpdateForm.validate(massUpdateForm.create())).toEqual({ changes: "Give at least one change." });
  });

  it("refuses contract hours outside 0 to 80", () => {
    const value = { ...massUpdateForm.create(), weeklyContractHours: "90" };
    expect(massUpdateForm.validate(value)["changes.weeklyContractHours"])
      .toBe("Give a number of hours from 0 to 80.");
  });

  it("turns lists and choices into the API's parameters", () => {
    const value = { ...massUpdateForm.create(), teams: "Sales, Night Shift,", addSkills: "Chat",
                    active: "true" as const };
    expect(massUpdateForm.toParams(value)).toEqual({
      filter: { activeOnly: true, teams: ["Sales", "Night Shift"] },
      changes: { addSkills: ["Chat"], active: true },
    });
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
  const named = (name: string) => ({ kind: "NON_NULL", name: null, ofType: { kind: "SCALAR", name, ofType: null } });
  const optional = (name: string, kind = "SCALAR") => ({ kind, name, ofType: null });
  const types: SchemaTypeInfo[] = [
    {
      kind: "INPUT_OBJECT", name: "ShiftParamsInput", description: null, enumValues: null,
      inputFields: [
        { name: "planningUnit", description: "Which unit.", defaultValue: null, type: named("String") },
        { name: "weeks", description: null, defaultValue: "4", type: named("Int") },
        { name: "mode", description: null, defaultValue: "FAST", type: optional("Mode", "ENUM") },
        { name: "fromDay", description: null, defaultValue: null, type: optional("DateTime") },
        { name: "skills", description: null, defaultValue: null,
          type: { kind: "LIST", name: null, ofType: named("String") } },
        { name: "dryRun", description: null, defaultValue: "false", type: named("Boolean") },
        { name: "firstDay", description: null, defaultValue: null, type: optional("Date") },
      ],
    },
    { kind: "ENUM", name: "Mode", description: null, inputFields: null,
      enumValues: [{ name: "FAST", description: null }, { name: "THOROUGH", description: null }] },
  ];
  const schema: InputSchema = new Map(types.map((type) => [type.name, type]));
  const form = generatedForm("SHIFT", "ShiftParamsInput", schema)!;

  it("starts from the schema's defaults and requires what has none", () => {
    expect(form.create()).toEqual({ planningUnit: "", weeks: "4", mode: "FAST", fromDay: "",
                                    skills: "", dryRun: false, firstDay: "" });
    expect(form.validate(form.create())).toEqual({ planningUnit: "Required." });
  });

  it("converts each input to its GraphQL type", () => {
    const value = { ...form.create(), planningUnit: "North", weeks: "6", skills: "Phone, Chat",
                    fromDay: "2026-02-01T06:00", firstDay: "2026-02-02" };
    expect(form.validate(value)).toEqual({});
    expect(form.toParams(value)).toEqual({
      planningUnit: "North", weeks: 6, mode: "FAST", skills: ["Phone", "Chat"], dryRun: false,
      fromDay: new Date("2026-02-01T06:00").toISOString(), firstDay: "2026-02-02",
    });
  });

  it("refuses a fraction where a whole number is needed", () => {
    expect(form.validate({ ...form.create(), planningUnit: "N", weeks: "1.5" }))
      .toEqual({ weeks: "Give a whole number." });
  });

  it("is not offered for inputs it cannot edit", () => {
    const json: SchemaTypeInfo = { kind: "INPUT_OBJECT", name: "RawInput", description: null, enumValues: null,
      inputFields: [{ name: "data", description: null, defaultValue: null, type: named("JSON") }] };
    expect(generatedForm("RAW", "RawInput", new Map([["RawInput", json]]))).toBeNull();
  });
});
