/**
 * The API's types as this page reads them (see schema.graphql at the repository root).
 *
 * Written by hand for the fields the page selects; `documents.test.ts` checks every
 * document against the committed schema, so a renamed field fails the tests.
 */

export type JobStatus =
  | "SUBMITTED"
  | "RUNNING"
  | "CANCELLING"
  | "COMPLETED"
  | "FAILED"
  | "CANCELLED";

export type StatusGroup = "ALL" | "PROCESSED" | "UNPROCESSED";

export type JobOrderField =
  | "ID"
  | "TYPE"
  | "STATUS"
  | "USER"
  | "SUBMITTED_AT"
  | "STARTED_AT"
  | "FINISHED_AT"
  | "PROGRESS";

export type OrderDirection = "ASC" | "DESC";

export interface JobOrder {
  field: JobOrderField;
  direction: OrderDirection;
}

export interface JobFilter {
  statusGroup: StatusGroup;
  userIds?: string[] | null;
}

export interface UserRef {
  id: string;
  username: string;
  name: string;
}

export interface Viewer extends UserRef {
  role: string;
}

export interface ResultFile {
  name: string;
  contentType: string;
  size: number;
  downloadUrl: string;
}

export interface JobResult {
  summary: string;
  files: ResultFile[];
  data?: unknown;
}

/** What the viewer may do with a job, as their role decides (whatever its status). */
export interface JobRights {
  viewerCanCancel: boolean;
  viewerCanResubmit: boolean;
  viewerCanDelete: boolean;
}

/** A job as the overview and the job dialog show it. */
export interface Job extends JobRights {
  id: string;
  type: string;
  feature: string;
  status: JobStatus;
  progress: number;
  progressMessage: string;
  submittedAt: string;
  startAt: string | null;
  startedAt: string | null;
  finishedAt: string | null;
  attempt: number;
  user: UserRef;
  result: JobResult | null;
  error: string | null;
}

export interface AuditEvent {
  at: string;
  kind: string;
  message: string;
  actor: UserRef | null;
}

/** A job with everything the detail view shows. */
export interface JobDetail extends Job {
  params: Record<string, unknown>;
  settings: { startAt: string | null };
  resubmittedFromId: string | null;
  events: AuditEvent[];
}

export type StartBehaviour = "IMMEDIATELY" | "DELAYED" | "DAILY_AT";

/** How jobs of a type start, as an administrator set it. */
export interface JobTypePolicy {
  start: StartBehaviour;
  delayMinutes: number;
  timeOfDay: string | null;
  timezone: string;
  /** Whether the viewer may choose their own start time. */
  allowOverride: boolean;
  /** When a job submitted now would start by default (null: at once). */
  nextDefaultStartAt: string | null;
}

export interface JobTypeInfo {
  type: string;
  feature: string;
  description: string;
  paramsInput: string;
  /** Whether the viewer's role may submit it (false also for types the API cannot submit). */
  viewerCanSubmit: boolean;
  policy: JobTypePolicy;
}

export interface PageInfo {
  hasNextPage: boolean;
  endCursor: string | null;
}

export interface JobConnection {
  edges: { cursor: string; node: Job }[];
  pageInfo: PageInfo;
}

export type JobEventKind = "CREATED" | "UPDATED" | "DELETED";

export interface JobEvent {
  kind: JobEventKind;
  matchesFilter: boolean;
  job: Job;
}

// ------------------------------------------------------------------ mutation results

export type JobResultMember = { __typename: "Job" } & Job;

export interface JobNotFound {
  __typename: "JobNotFound";
  id: string;
  message: string;
}

export interface JobStateProblem {
  __typename: "JobNotCancellable" | "JobAlreadyStarted" | "JobNotDeletable";
  id: string;
  status: JobStatus;
  message: string;
}

export interface NotAllowed {
  __typename: "NotAllowed";
  jobId: string | null;
  message: string;
}

export interface ValidationError {
  __typename: "ValidationError";
  field: string;
  message: string;
  jobId?: string | null;
}

/** A start time the job type's policy does not let users choose. */
export interface SettingsOverrideNotAllowed {
  __typename: "SettingsOverrideNotAllowed";
  field: string;
  jobType: string;
  message: string;
  jobId?: string | null;
}

/** A waiting job of the same type and schedule level that may not be replaced. */
export interface WaitingJobProtected {
  __typename: "WaitingJobProtected";
  waitingJobId: string;
  message: string;
}

export interface DeletedJob {
  __typename: "DeletedJob";
  id: string;
}

export type SubmitJobResult =
  | JobResultMember | ValidationError | SettingsOverrideNotAllowed | WaitingJobProtected
  | NotAllowed;
export type CancelJobResult = JobResultMember | JobNotFound | JobStateProblem | NotAllowed;
export type ResubmitJobResult =
  | JobResultMember | JobNotFound | ValidationError | SettingsOverrideNotAllowed
  | WaitingJobProtected | NotAllowed;
export type DeleteJobResult = DeletedJob | JobNotFound | JobStateProblem | NotAllowed;
export type BulkResult = CancelJobResult | ResubmitJobResult | DeleteJobResult;

/** What `submitJob` takes: one member of `JobParamsInput`, and the settings. */
export interface SubmitJobInput {
  params: Record<string, Record<string, unknown>>;
  settings: { startAt: string } | null;
}
