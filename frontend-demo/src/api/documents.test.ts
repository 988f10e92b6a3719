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
import { formFor } from "../submit/forms/registry";
import { INPUT_SCHEMA } from "../submit/forms/schema";
import * as documents from "./documents";

const SDL = readFileSync(fileURLToPath(new URL("../../../schema.graphql", import.meta.url)), "utf8");
const schema = buildSchema(SDL);
const members = (INPUT_SCHEMA.get("JobParamsInput")?.inputFields ?? []).map((field) => field.name);

/** Every document of documents.ts, by name, as the page sends it (fragments appended). */
const ALL_DOCUMENTS: Record<string, string> = Object.fromEntries(
  Object.entries(documents).filter(([name]) => name !== "JOB_FIELDS")
    .map(([name, document]) => [name, document.toString()]),
);

/** The schema's complaints about `submitJob(input: {params})`, as the server would coerce it. */
function submitErrors(params: Record<string, unknown>): string[] {
  const operation = parse(documents.SUBMIT_JOB_MUTATION.toString()).definitions[0];
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
    ["SUBMIT_JOB_MUTATION", "SubmitJobResult"], ["CANCEL_JOBS_MUTATION", "CancelJobResult"],
    ["RESUBMIT_JOBS_MUTATION", "ResubmitJobResult"], ["DELETE_JOBS_MUTATION", "DeleteJobResult"],
    ["CANCEL_MATCHING_JOBS_MUTATION", "CancelMatchingJobsResult"],
    ["RESUBMIT_MATCHING_JOBS_MUTATION", "ResubmitMatchingJobsResult"],
    ["DELETE_MATCHING_JOBS_MUTATION", "DeleteMatchingJobsResult"],
  ];
  for (const [name, union] of results) {
    it(`${name} reads every member of ${union}, so no refusal goes unexplained`, () => {
      const handled = new Set(handledTypes(ALL_DOCUMENTS[name]!));
      expect(unionMembers(union).filter((member) => !handled.has(member))).toEqual([]);
    });
  }
});

describe("the job forms", () => {
  it("are built from the input types of schema.graphql", () => {
    expect([...INPUT_SCHEMA.values()]).toEqual(inputTypesOf(SDL));
    expect(members).toContain("report");
  });

  it("exist for every job type the schema can submit", () => {
    const missing = members.filter((member) => formFor({ type: member, paramsInput: member }) === null);
    expect(missing).toEqual([]);
  });

  it("EMPLOYEES_MASS_UPDATE: a filled-in form gives parameters the schema accepts", () => {
    const form = formFor({ type: "EMPLOYEES_MASS_UPDATE", paramsInput: "employeesMassUpdate" })!;
    const value = {
      ...(form.create() as Record<string, unknown>),
      filter: { teams: "Night Shift, Sales", skills: "Phone", numbers: "E00001", activeOnly: false },
      changes: { team: "Sales", weeklyContractHours: "32.5", addSkills: "Chat", removeSkills: "Email",
                 active: "false" },
    };
    expect(form.validate(value)).toEqual({});
    expect(submitErrors({ employeesMassUpdate: form.toParams(value) })).toEqual([]);
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
