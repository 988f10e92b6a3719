/**
 * Every document the page sends is valid against the committed schema.graphql, and every
 * job type the schema can submit has a form whose parameters the schema accepts.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { buildSchema, graphqlSync, parse, validate } from "graphql";
import { getVariableValues } from "graphql/execution/values";
import { describe, expect, it } from "vitest";
import { inputSchemaFrom, type SchemaTypeInfo } from "../submit/forms/generated";
import { massUpdateForm } from "../submit/forms/massUpdate";
import { formFor, HANDWRITTEN } from "../submit/forms/registry";
import {
  CAPABILITIES_SELECTION, capabilitiesFrom, CORE_ONLY, type Capabilities, type CapabilitiesData,
} from "./capabilities";
import * as documents from "./documents";

const SDL = readFileSync(fileURLToPath(new URL("../../../schema.graphql", import.meta.url)), "utf8");
const schema = buildSchema(SDL);

/** Runs an introspection query against the committed schema, as the server would. */
function introspect<T>(query: string): T {
  const result = graphqlSync({ schema, source: query });
  if (result.errors?.length) throw new Error(result.errors.map((e) => e.message).join("; "));
  return result.data as T;
}

const schemaCaps = capabilitiesFrom(introspect<CapabilitiesData>(`{ ${CAPABILITIES_SELECTION} }`));
const inputSchema = inputSchemaFrom(
  introspect<{ __schema: { types: SchemaTypeInfo[] } }>(documents.PARAMS_INPUT_TYPES_QUERY),
);
const members = (inputSchema.get("JobParamsInput")?.inputFields ?? []).map((field) => field.name);

/** REPORT → report, EMPLOYEES_MASS_UPDATE → employeesMassUpdate (the API's member names). */
function memberOf(type: string): string {
  return type.toLowerCase().replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase());
}

function allDocuments(caps: Capabilities): Record<string, string> {
  return {
    signIn: documents.SIGN_IN_QUERY,
    jobTypes: documents.jobTypesQuery(caps),
    users: documents.USERS_QUERY,
    overview: documents.overviewQuery(caps),
    jobEvents: documents.jobEventsSubscription(caps),
    jobUpdated: documents.jobUpdatedSubscription(caps),
    jobDetail: documents.jobDetailQuery(caps),
    submitJob: documents.submitJobMutation(caps),
    cancelJobs: documents.cancelJobsMutation(caps),
    resubmitJobs: documents.resubmitJobsMutation(caps),
    deleteJobs: documents.DELETE_JOBS_MUTATION,
    paramsInputTypes: documents.PARAMS_INPUT_TYPES_QUERY,
  };
}

/** The schema's complaints about `submitJob(input: {params})`, as the server would coerce it. */
function submitErrors(params: Record<string, unknown>): string[] {
  const operation = parse(documents.submitJobMutation(CORE_ONLY)).definitions[0];
  if (operation?.kind !== "OperationDefinition") throw new Error("no operation");
  const { errors } = getVariableValues(schema, operation.variableDefinitions ?? [],
                                       { input: { params, settings: null } });
  return (errors ?? []).map((error) => error.message);
}

describe("the documents the page sends", () => {
  const variants: [string, Capabilities][] = [
    ["core fields only", CORE_ONLY],
    ["with this schema's optional fields", schemaCaps],
  ];
  for (const [variant, caps] of variants) {
    for (const [name, document] of Object.entries(allDocuments(caps))) {
      it(`${name} is valid against schema.graphql, ${variant}`, () => {
        expect(validate(schema, parse(document)).map((error) => error.message)).toEqual([]);
      });
    }
  }
});

describe("the job forms", () => {
  it("exist for every job type the schema can submit (hand-written or generated)", () => {
    const handwritten = new Set(Object.keys(HANDWRITTEN).map(memberOf));
    const missing = members.filter((member) => !handwritten.has(member)
      && formFor({ type: member, feature: "", description: "", paramsInput: member }, inputSchema) === null);
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
      const form = formFor({ type: `generated:${member}`, feature: "", description: "",
                             paramsInput: member }, inputSchema);
      expect(form).not.toBeNull();
      const value = form!.create();
      if (Object.keys(form!.validate(value)).length === 0) {
        expect(submitErrors({ [member]: form!.toParams(value) })).toEqual([]);
      }
    });
  }
});
