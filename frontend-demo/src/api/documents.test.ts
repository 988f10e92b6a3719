/**
 * Every document the page sends is valid against the committed schema.graphql, and every
 * job type the schema can submit has a form whose parameters the schema accepts.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { buildSchema, parse, validate } from "graphql";
import { getVariableValues } from "graphql/execution/values";
import { describe, expect, it } from "vitest";
import { inputTypesOf } from "../submit/forms/inputTypes";
import { massUpdateForm } from "../submit/forms/massUpdate";
import { formFor, HANDWRITTEN } from "../submit/forms/registry";
import { INPUT_SCHEMA } from "../submit/forms/schema";
import * as documents from "./documents";

const SDL = readFileSync(fileURLToPath(new URL("../../../schema.graphql", import.meta.url)), "utf8");
const schema = buildSchema(SDL);
const members = (INPUT_SCHEMA.get("JobParamsInput")?.inputFields ?? []).map((field) => field.name);

/** REPORT → report, EMPLOYEES_MASS_UPDATE → employeesMassUpdate (the API's member names). */
function memberOf(type: string): string {
  return type.toLowerCase().replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase());
}

const ALL_DOCUMENTS: Record<string, string> = {
  me: documents.ME_QUERY,
  jobTypes: documents.JOB_TYPES_QUERY,
  users: documents.USERS_QUERY,
  overview: documents.OVERVIEW_QUERY,
  jobEvents: documents.JOB_EVENTS_SUBSCRIPTION,
  jobUpdated: documents.JOB_UPDATED_SUBSCRIPTION,
  jobDetail: documents.JOB_DETAIL_QUERY,
  submitJob: documents.SUBMIT_JOB_MUTATION,
  cancelJobs: documents.CANCEL_JOBS_MUTATION,
  resubmitJobs: documents.RESUBMIT_JOBS_MUTATION,
  deleteJobs: documents.DELETE_JOBS_MUTATION,
  referenceData: documents.REFERENCE_DATA_QUERY,
};

/** The schema's complaints about `submitJob(input: {params})`, as the server would coerce it. */
function submitErrors(params: Record<string, unknown>): string[] {
  const operation = parse(documents.SUBMIT_JOB_MUTATION).definitions[0];
  if (operation?.kind !== "OperationDefinition") throw new Error("no operation");
  const { errors } = getVariableValues(schema, operation.variableDefinitions ?? [],
                                       { input: { params, settings: null } });
  return (errors ?? []).map((error) => error.message);
}

/** The members of a union type in the schema. */
function unionMembers(name: string): string[] {
  const type = schema.getType(name);
  if (!type || !("getTypes" in type)) throw new Error(`${name} is not a union`);
  return type.getTypes().map((member) => member.name).sort();
}

/** The types a document's selection of one field handles with `... on Type`. */
function handledTypes(document: string): string[] {
  return [...document.matchAll(/\.\.\. on (\w+)/g)].map((match) => match[1]!).sort();
}

describe("the documents the page sends", () => {
  for (const [name, document] of Object.entries(ALL_DOCUMENTS)) {
    it(`${name} is valid against schema.graphql`, () => {
      expect(validate(schema, parse(document)).map((error) => error.message)).toEqual([]);
    });
  }

  it("use no introspection, which production servers refuse", () => {
    for (const document of Object.values(ALL_DOCUMENTS)) expect(document).not.toMatch(/__(schema|type)\b/);
  });

  const results: [string, string][] = [
    ["submitJob", "SubmitJobResult"], ["cancelJobs", "CancelJobResult"],
    ["resubmitJobs", "ResubmitJobResult"], ["deleteJobs", "DeleteJobResult"],
  ];
  for (const [name, union] of results) {
    it(`${name} reads every member of ${union}, so no refusal goes unexplained`, () => {
      expect(handledTypes(ALL_DOCUMENTS[name]!)).toEqual(unionMembers(union));
    });
  }
});

describe("the job forms", () => {
  it("are built from the input types of schema.graphql", () => {
    expect([...INPUT_SCHEMA.values()]).toEqual(inputTypesOf(SDL));
    expect(members).toContain("report");
  });

  it("exist for every job type the schema can submit (hand-written or generated)", () => {
    const handwritten = new Set(Object.keys(HANDWRITTEN).map(memberOf));
    const missing = members.filter((member) => !handwritten.has(member)
      && formFor({ type: member, paramsInput: member }) === null);
    expect(missing).toEqual([]);
  });

  for (const [type, form] of Object.entries(HANDWRITTEN)) {
    it(`${type}: the hand-written form's defaults are parameters the schema accepts`, () => {
      const value = form.create();
      if (Object.keys(form.validate(value)).length === 0) {
        expect(submitErrors({ [memberOf(type)]: form.toParams(value) })).toEqual([]);
      }
    });
  }

  it("EMPLOYEES_MASS_UPDATE: a filled-in form gives parameters the schema accepts", () => {
    const value = {
      ...massUpdateForm.create(), teams: "Night Shift, Sales", skills: "Phone", numbers: "E00001",
      activeOnly: false, newTeam: "Sales", weeklyContractHours: "32.5", addSkills: "Chat",
      removeSkills: "Email", active: "false" as const,
    };
    expect(massUpdateForm.validate(value)).toEqual({});
    expect(submitErrors({ employeesMassUpdate: massUpdateForm.toParams(value) })).toEqual([]);
  });

  for (const member of members) {
    it(`${member}: a generated form's defaults are parameters the schema accepts`, () => {
      const form = formFor({ type: `generated:${member}`, paramsInput: member });
      expect(form).not.toBeNull();
      const value = form!.create();
      if (Object.keys(form!.validate(value)).length === 0) {
        expect(submitErrors({ [member]: form!.toParams(value) })).toEqual([]);
      }
    });
  }
});
