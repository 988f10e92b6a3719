/**
 * Which optional parts of the API this server has, read once at sign-in by introspection.
 *
 * The page works with servers that do not have every field yet: rights (`Job.viewerCan…`,
 * `JobTypeInfo.viewerCanSubmit`) arrive with the rights model. The documents select an
 * optional field only when the server has it, because a server rejects a query that names
 * a field it does not know.
 */

/** Fields of `Job` that say whether the viewer may act on it. */
export const JOB_RIGHT_FIELDS = ["viewerCanCancel", "viewerCanResubmit", "viewerCanDelete"] as const;
/** Fields of `JobTypeInfo` that say whether the viewer may submit it. */
export const JOB_TYPE_RIGHT_FIELDS = ["viewerCanSubmit"] as const;

export interface Capabilities {
  /** The `Job` rights fields this server has. */
  jobRightFields: string[];
  /** The `JobTypeInfo` rights fields this server has. */
  jobTypeRightFields: string[];
}

/** A server without any optional field (the documents then select only the core). */
export const CORE_ONLY: Capabilities = { jobRightFields: [], jobTypeRightFields: [] };

export const CAPABILITIES_SELECTION = `
  jobFields: __type(name: "Job") { fields { name } }
  jobTypeFields: __type(name: "JobTypeInfo") { fields { name } }
`;

interface TypeFields {
  fields: { name: string }[] | null;
}

export interface CapabilitiesData {
  jobFields: TypeFields | null;
  jobTypeFields: TypeFields | null;
}

/** The capabilities an introspection answer (see {@link CAPABILITIES_SELECTION}) shows. */
export function capabilitiesFrom(data: CapabilitiesData): Capabilities {
  const names = (type: TypeFields | null) => new Set((type?.fields ?? []).map((f) => f.name));
  const job = names(data.jobFields);
  const jobType = names(data.jobTypeFields);
  return {
    jobRightFields: JOB_RIGHT_FIELDS.filter((name) => job.has(name)),
    jobTypeRightFields: JOB_TYPE_RIGHT_FIELDS.filter((name) => jobType.has(name)),
  };
}
