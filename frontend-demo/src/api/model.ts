/**
 * Short names for the generated types the page passes around (see documents.ts and
 * generated/, made from schema.graphql by GraphQL Code Generator). Nothing here is written
 * by hand but the names: every shape comes from a document's generated result type.
 */
import type {
  JobOrder as JobOrderInput,
  CancelJobsMutation,
  DeleteJobsMutation,
  JobDetailQuery,
  JobFieldsFragment,
  JobStatisticsQuery,
  JobTypesQuery,
  MeQuery,
  OperationsQuery,
  OverviewEventsSubscription,
  PeriodsQuery,
  ReferenceDataQuery,
  ResubmitJobsMutation,
  SubmitJobMutation,
} from "./generated/graphql";

export type {
  JobEventKind,
  JobFilter,
  JobOrderField,
  JobStatus,
  OrderDirection,
  OverwritePolicy,
  StartBehaviour,
  StatusGroup,
  SubmitJobInput,
} from "./generated/graphql";

/** A sort order as the page keeps it: both parts given (the API defaults them). */
export type JobOrder = Required<JobOrderInput>;
/** A job as the overview, the job dialog and live updates show it. */
export type Job = JobFieldsFragment;
/** A job with everything the job dialog shows. */
export type JobDetail = NonNullable<JobDetailQuery["job"]>;
export type JobResult = NonNullable<Job["result"]>;
export type ResultFile = JobResult["files"][number];
export type Figure = NonNullable<JobDetail["result"]>["figures"][number];
export type AuditEvent = JobDetail["events"][number];
export type UserRef = Job["user"];
export type Viewer = MeQuery["me"];
/** What the viewer may do with a job, as their role decides (whatever its status). */
export type JobRights = Pick<Job, "viewerCanCancel" | "viewerCanResubmit" | "viewerCanDelete">;
export type JobTypeInfo = JobTypesQuery["jobTypes"][number];
export type JobTypePolicy = JobTypeInfo["policy"];
export type JobEvent = OverviewEventsSubscription["jobEvents"];
export type PlanningPeriod = PeriodsQuery["planningPeriods"][number];
export type ReferenceData = ReferenceDataQuery;

export type SubmitJobResult = SubmitJobMutation["submitJob"];
export type CancelJobResult = CancelJobsMutation["cancelJobs"][number];
export type ResubmitJobResult = ResubmitJobsMutation["resubmitJobs"][number];
export type DeleteJobResult = DeleteJobsMutation["deleteJobs"][number];
/** One job's answer to a bulk action. */
export type BulkResult = CancelJobResult | ResubmitJobResult | DeleteJobResult;
export type WorkerInfo = OperationsQuery["workers"][number];
export type QueueInfo = OperationsQuery["queues"][number];
export type JobStatistics = JobStatisticsQuery["jobStatistics"];
export type HourlyFinished = JobStatistics["finishedPerHour"][number];
export type RunTimes = JobStatistics["runTimes"][number];
