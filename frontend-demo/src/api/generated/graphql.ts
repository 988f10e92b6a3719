/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
/** Parameters of an `ACTIVITY_EXCHANGE` job (Scheduling > SchedulePro > Planning/Scheduling Periods > Activity/Exchange). */
export type ActivityExchangeParamsInput = {
  /** Only these employees' shifts (everyone's, and open shifts, by default). */
  employeeIds?: Array<string> | null | undefined;
  /** The last day to work on, included (the period's last by default). */
  endDate?: string | null | undefined;
  /** The activity to replace. */
  fromActivityId: string;
  /** The schedule level to work on (see `planningPeriods`). */
  levelId: string;
  /** Change nothing (the job fails, saying why) if the exchange would make shifts break a scheduling rule. */
  onlyIfNoNewViolations?: boolean;
  /** Leave the shifts of employees without the new activity's skill unchanged. */
  onlyQualified?: boolean;
  /** The first day to work on (the planning period's first by default). */
  startDate?: string | null | undefined;
  /** The activity to put instead. */
  toActivityId: string;
};

/** What to set on the selected employees; give at least one change. */
export type EmployeeChangesInput = {
  /** Activate (true) or deactivate (false) them. */
  active?: boolean | null | undefined;
  /** Give them these skills. */
  addSkills?: Array<string> | null | undefined;
  /** Take these skills away. */
  removeSkills?: Array<string> | null | undefined;
  /** Move them to this team. */
  team?: string | null | undefined;
  /** Set their weekly contract hours (0 to 80). */
  weeklyContractHours?: number | null | undefined;
};

/** Which employees to change; conditions combine with AND. Empty means everyone. */
export type EmployeeFilterInput = {
  /** Only active employees. */
  activeOnly?: boolean;
  /** Employees with these employee numbers. */
  numbers?: Array<string> | null | undefined;
  /** Employees having all of these skills. */
  skills?: Array<string> | null | undefined;
  /** Employees of any of these teams. */
  teams?: Array<string> | null | undefined;
};

/** Parameters of an `EMPLOYEES_MASS_UPDATE` job (Administration > Scheduling > Employees > Mass Update). */
export type EmployeesMassUpdateParamsInput = {
  /** What to set. */
  changes: EmployeeChangesInput;
  /** Which employees (all active employees when omitted). */
  filter?: EmployeeFilterInput | null | undefined;
  /** Change nothing (the job fails, saying why) if the change would make planned shifts break a scheduling rule. */
  onlyIfNoNewViolations?: boolean;
};

/** Parameters of an `INSERT_SHIFT_SEQUENCES` job (Scheduling > SchedulePro > Insert Shift Sequences). */
export type InsertShiftSequencesParamsInput = {
  /** The shifts' activity (each employee's first skilled activity by default). */
  activityId?: string | null | undefined;
  /** Whom to insert it for. */
  employeeIds: Array<string>;
  /** The last day to work on, included (the period's last by default). */
  endDate?: string | null | undefined;
  /** The schedule level to work on (see `planningPeriods`). */
  levelId: string;
  /** Replace unlocked shifts on the pattern's days (skip those days by default). */
  replaceExisting?: boolean;
  /** The rotation to insert. */
  sequenceId: string;
  /** The day the pattern's first day falls on. */
  startDate: string;
};

/** What happened to a job, in a `jobEvents` stream. */
export type JobEventKind =
  /** The job was submitted. */
  | 'CREATED'
  /** It was deleted (by a user, or by retention cleanup). */
  | 'DELETED'
  /** Its status, progress or result changed. */
  | 'UPDATED';

/** Which jobs to show. Conditions combine with AND; omit any. */
export type JobFilter = {
  /** Only jobs on these schedule levels (see `Job.level`, `planningPeriods`). */
  levelIds?: Array<string> | null | undefined;
  /** Only jobs on these planning periods (see `Job.planningPeriod`). */
  planningPeriodIds?: Array<string> | null | undefined;
  /** Only jobs whose type, title, subject or parameter values contain every word of this text, ignoring case (e.g. `base optimization`; at most 8 words). */
  search?: string | null | undefined;
  /** Waiting/running jobs, finished jobs, or all. */
  statusGroup?: StatusGroup;
  /** Only these statuses (within the status group). */
  statuses?: Array<JobStatus> | null | undefined;
  /** Only jobs submitted at or after this time (with a timezone, e.g. `Z`). */
  submittedFrom?: string | null | undefined;
  /** Only jobs submitted before this time (with a timezone, e.g. `Z`). */
  submittedTo?: string | null | undefined;
  /** Only these job types (see `jobTypes`). */
  types?: Array<string> | null | undefined;
  /** Only jobs submitted by these users (see `users`). */
  userIds?: Array<string> | null | undefined;
};

/** How to sort jobs. Ties are broken by the job id. */
export type JobOrder = {
  /** The direction (newest first by default). */
  direction?: OrderDirection;
  /** The column to sort by. */
  field?: JobOrderField;
};

/** A column to sort jobs by. Ties are always broken by the job id, in the same direction. */
export type JobOrderField =
  /** When it finished. Unfinished jobs count as later than every finish. */
  | 'FINISHED_AT'
  /** The job number. */
  | 'ID'
  /** Progress, 0 to 1. */
  | 'PROGRESS'
  /** When it started. Jobs not started yet count as later than every start. */
  | 'STARTED_AT'
  /** The status name, alphabetically. */
  | 'STATUS'
  /** When it was submitted. */
  | 'SUBMITTED_AT'
  /** The job type's name, alphabetically. */
  | 'TYPE'
  /** The submitting user, by user id: groups each user's jobs together (not alphabetical, so that it stays index-backed on millions of jobs). */
  | 'USER';

/** The job to run: give exactly one member, named for the job type. */
export type JobParamsInput =
  {   /** Replaces one activity by another in the shifts of a level within a date range, optionally only for some employees. (`ACTIVITY_EXCHANGE`) */
  activityExchange: ActivityExchangeParamsInput; employeesMassUpdate?: never; insertShiftSequences?: never; levelCopy?: never; levelDelete?: never; optimization?: never; report?: never; shiftsAssign?: never; shiftsGenerate?: never; shiftsLottery?: never; targetWorkAccountCalculate?: never; }
  |  { activityExchange?: never;   /** Sets team, contract hours, skills or activity on the employees a filter selects. (`EMPLOYEES_MASS_UPDATE`) */
  employeesMassUpdate: EmployeesMassUpdateParamsInput; insertShiftSequences?: never; levelCopy?: never; levelDelete?: never; optimization?: never; report?: never; shiftsAssign?: never; shiftsGenerate?: never; shiftsLottery?: never; targetWorkAccountCalculate?: never; }
  |  { activityExchange?: never; employeesMassUpdate?: never;   /** Applies a repeating shift pattern (rotation) to chosen employees from a start date. (`INSERT_SHIFT_SEQUENCES`) */
  insertShiftSequences: InsertShiftSequencesParamsInput; levelCopy?: never; levelDelete?: never; optimization?: never; report?: never; shiftsAssign?: never; shiftsGenerate?: never; shiftsLottery?: never; targetWorkAccountCalculate?: never; }
  |  { activityExchange?: never; employeesMassUpdate?: never; insertShiftSequences?: never;   /** Copies a schedule level's shifts into another level of the same period, or into a new level. (`LEVEL_COPY`) */
  levelCopy: LevelCopyParamsInput; levelDelete?: never; optimization?: never; report?: never; shiftsAssign?: never; shiftsGenerate?: never; shiftsLottery?: never; targetWorkAccountCalculate?: never; }
  |  { activityExchange?: never; employeesMassUpdate?: never; insertShiftSequences?: never; levelCopy?: never;   /** Deletes a schedule level with its shifts and target work accounts. (`LEVEL_DELETE`) */
  levelDelete: LevelDeleteParamsInput; optimization?: never; report?: never; shiftsAssign?: never; shiftsGenerate?: never; shiftsLottery?: never; targetWorkAccountCalculate?: never; }
  |  { activityExchange?: never; employeesMassUpdate?: never; insertShiftSequences?: never; levelCopy?: never; levelDelete?: never;   /** Improves a schedule level so staffing matches demand per 15-minute interval, respecting skills, availability, contract hours and rest rules (OR-Tools CP-SAT, within a time limit). (`OPTIMIZATION`) */
  optimization: OptimizationParamsInput; report?: never; shiftsAssign?: never; shiftsGenerate?: never; shiftsLottery?: never; targetWorkAccountCalculate?: never; }
  |  { activityExchange?: never; employeesMassUpdate?: never; insertShiftSequences?: never; levelCopy?: never; levelDelete?: never; optimization?: never;   /** Writes a report (employee list, staffing coverage with a chart, schedule per employee, target work accounts) as CSV and Excel files to download. (`REPORT`) */
  report: ReportParamsInput; shiftsAssign?: never; shiftsGenerate?: never; shiftsLottery?: never; targetWorkAccountCalculate?: never; }
  |  { activityExchange?: never; employeesMassUpdate?: never; insertShiftSequences?: never; levelCopy?: never; levelDelete?: never; optimization?: never; report?: never;   /** Assigns open shifts to employees, respecting skills, availability, contract hours, rest time and most days in a row; reports what could not be assigned and why. (`SHIFTS_ASSIGN`) */
  shiftsAssign: ShiftsAssignParamsInput; shiftsGenerate?: never; shiftsLottery?: never; targetWorkAccountCalculate?: never; }
  |  { activityExchange?: never; employeesMassUpdate?: never; insertShiftSequences?: never; levelCopy?: never; levelDelete?: never; optimization?: never; report?: never; shiftsAssign?: never;   /** Creates the open shifts needed to cover a planning period's demand, from shift templates. (`SHIFTS_GENERATE`) */
  shiftsGenerate: ShiftsGenerateParamsInput; shiftsLottery?: never; targetWorkAccountCalculate?: never; }
  |  { activityExchange?: never; employeesMassUpdate?: never; insertShiftSequences?: never; levelCopy?: never; levelDelete?: never; optimization?: never; report?: never; shiftsAssign?: never; shiftsGenerate?: never;   /** Distributes unpopular (or popular) open shifts fairly among eligible employees by a reproducible draw; the seed is recorded. (`SHIFTS_LOTTERY`) */
  shiftsLottery: ShiftsLotteryParamsInput; targetWorkAccountCalculate?: never; }
  |  { activityExchange?: never; employeesMassUpdate?: never; insertShiftSequences?: never; levelCopy?: never; levelDelete?: never; optimization?: never; report?: never; shiftsAssign?: never; shiftsGenerate?: never; shiftsLottery?: never;   /** Calculates each employee's target hours against the hours planned in a level, with the running balance week by week. (`TARGET_WORK_ACCOUNT_CALCULATE`) */
  targetWorkAccountCalculate: TargetWorkAccountCalculateParamsInput; };

/** How to run the job. */
export type JobSettingsInput = {
  /** For jobs on a schedule level: may a later submission of the same type for the same level replace this job while it still waits? `PROTECT` (the default) refuses such a submission with `WaitingJobProtected`. */
  overwrite?: OverwritePolicy | null | undefined;
  /** Start no earlier than this time (with a timezone, e.g. `2030-01-31T08:00:00Z`); omit to start as soon as possible. */
  startAt?: string | null | undefined;
};

/** Where a job is in its life. */
export type JobStatus =
  /** Withdrawn before it started, or stopped after a cancel. */
  | 'CANCELLED'
  /** Cancel was requested while running; the job stops at its next checkpoint. */
  | 'CANCELLING'
  /** Finished successfully; see its result. */
  | 'COMPLETED'
  /** Finished with an error; see its error. */
  | 'FAILED'
  /** A worker is running the job. */
  | 'RUNNING'
  /** Waiting for a worker (or for its start time). */
  | 'SUBMITTED';

/** Parameters of a `LEVEL_COPY` job (Scheduling > SchedulePro > Planning/Scheduling Periods > Level/Copy). Give `targetLevelId` (its shifts are replaced by the copy) or `newLevelName`. */
export type LevelCopyParamsInput = {
  /** The name of a new level to copy into. */
  newLevelName?: string | null | undefined;
  /** The level to copy. */
  sourceLevelId: string;
  /** An existing level of the same period whose shifts are replaced by the copy. */
  targetLevelId?: string | null | undefined;
};

/** Parameters of a `LEVEL_DELETE` job (Scheduling > SchedulePro > Planning/Scheduling Periods > Level/Delete). */
export type LevelDeleteParamsInput = {
  /** The level to delete. */
  levelId: string;
};

/** What a shift lottery draws; fairness is counted per kind. */
export type LotteryKind =
  /** Shifts everybody wants: each person's count evens out. */
  | 'POPULAR'
  /** Shifts nobody wants: each person's count evens out. */
  | 'UNPOPULAR';

/** Parameters of an `OPTIMIZATION` job (Scheduling > SchedulePro > Optimization). */
export type OptimizationParamsInput = {
  /** The last day to work on, included (the period's last by default). */
  endDate?: string | null | undefined;
  /** The schedule level to work on (see `planningPeriods`). */
  levelId: string;
  /** The first day to work on (the planning period's first by default). */
  startDate?: string | null | undefined;
  /** Re-plan only these teams' employees (everyone by default; the others' shifts count as given). */
  teams?: Array<string> | null | undefined;
  /** Most seconds to spend, building the model and searching (1 to 3600). */
  timeLimitSeconds?: number;
};

/** Sort direction. */
export type OrderDirection =
  /** Smallest (or earliest) first. */
  | 'ASC'
  /** Largest (or latest) first. */
  | 'DESC';

/** May a later submission of the same job type for the same schedule level replace this job while it still waits to start? */
export type OverwritePolicy =
  /** Yes: the later submission replaces it (the newest request wins). */
  | 'ALLOW'
  /** No: a later submission is refused while this job waits. */
  | 'PROTECT';

/** Which report a report job produces. */
export type ReportKind =
  /** Every employee with team, skills and weekly contract hours. */
  | 'EMPLOYEE_LIST'
  /** A level's schedule: a row per employee, a column per day. */
  | 'SCHEDULE'
  /** Demand against planned staff per 15-minute interval of a level (CSV, Excel and a chart image). */
  | 'STAFFING_COVERAGE'
  /** The target work accounts calculated for a level, week by week. */
  | 'TARGET_WORK_ACCOUNTS';

/** Parameters of a `REPORT` job (Monitoring > Reports). */
export type ReportParamsInput = {
  /** Leave out inactive employees. */
  activeOnly?: boolean;
  /** Last day to report on, included. */
  endDate?: string | null | undefined;
  /** The schedule level (needed by STAFFING_COVERAGE, SCHEDULE and TARGET_WORK_ACCOUNTS). */
  levelId?: string | null | undefined;
  /** Which report to produce. */
  report?: ReportKind;
  /** First day to report on (the level's period by default). */
  startDate?: string | null | undefined;
  /** Only employees of this team (all teams when omitted). */
  team?: string | null | undefined;
};

/** Parameters of a `SHIFTS_ASSIGN` job (Scheduling > SchedulePro > Planning/Scheduling Periods > Shifts/Assign). */
export type ShiftsAssignParamsInput = {
  /** The last day to work on, included (the period's last by default). */
  endDate?: string | null | undefined;
  /** The schedule level to work on (see `planningPeriods`). */
  levelId: string;
  /** The first day to work on (the planning period's first by default). */
  startDate?: string | null | undefined;
  /** Assign only to these teams' employees (everyone by default). */
  teams?: Array<string> | null | undefined;
};

/** Parameters of a `SHIFTS_GENERATE` job (Scheduling > SchedulePro > Planning/Scheduling Periods > Shifts/Generate). */
export type ShiftsGenerateParamsInput = {
  /** Only for these activities (all by default). */
  activityIds?: Array<string> | null | undefined;
  /** The last day to work on, included (the period's last by default). */
  endDate?: string | null | undefined;
  /** The schedule level to work on (see `planningPeriods`). */
  levelId: string;
  /** Remove the range's open shifts first, instead of adding to them. */
  replaceOpenShifts?: boolean;
  /** The first day to work on (the planning period's first by default). */
  startDate?: string | null | undefined;
  /** Only from these shift templates (all by default). */
  templateIds?: Array<string> | null | undefined;
};

/** Parameters of a `SHIFTS_LOTTERY` job (Scheduling > SchedulePro > Planning/Scheduling Periods > Shifts/Lottery). */
export type ShiftsLotteryParamsInput = {
  /** The last day to work on, included (the period's last by default). */
  endDate?: string | null | undefined;
  /** What is drawn; fairness counts per kind. */
  kind?: LotteryKind;
  /** The schedule level to work on (see `planningPeriods`). */
  levelId: string;
  /** Draw with this seed to repeat a draw (a new one, shown in the result, by default). */
  seed?: number | null | undefined;
  /** The first day to work on (the planning period's first by default). */
  startDate?: string | null | undefined;
  /** Only these teams take part (everyone by default). */
  teams?: Array<string> | null | undefined;
  /** Draw the open shifts of these templates. */
  templateIds: Array<string>;
};

/** When a job starts if its user does not say. */
export type StartBehaviour =
  /** At the next `timeOfDay` in `timezone` (e.g. overnight). */
  | 'DAILY_AT'
  /** `delayMinutes` after it was submitted. */
  | 'DELAYED'
  /** As soon as a worker is free. */
  | 'IMMEDIATELY';

/** The overview's status filter. */
export type StatusGroup =
  /** Every job. */
  | 'ALL'
  /** Finished jobs: completed, failed or cancelled. */
  | 'PROCESSED'
  /** Jobs still waiting or running (including cancelling). */
  | 'UNPROCESSED';

/** A job to submit. */
export type SubmitJobInput = {
  /** The job type and its parameters. */
  params: JobParamsInput;
  /** How to run it (start now when omitted). */
  settings?: JobSettingsInput | null | undefined;
};

/** Parameters of a `TARGET_WORK_ACCOUNT_CALCULATE` job (Scheduling > SchedulePro > Planning/Scheduling Periods > Target Work Account/Calculate). */
export type TargetWorkAccountCalculateParamsInput = {
  /** The schedule level to work on (see `planningPeriods`). */
  levelId: string;
  /** Only these teams' employees (everyone by default). */
  teams?: Array<string> | null | undefined;
};

export type JobFieldsFragment = { id: string, type: string, title: string, subject: string, feature: string, status: JobStatus, progress: number, progressMessage: string, submittedAt: string, startAt: string | null, startedAt: string | null, finishedAt: string | null, attempt: number, version: number, error: string | null, viewerCanCancel: boolean, viewerCanResubmit: boolean, viewerCanDelete: boolean, user: { id: string, username: string, name: string }, result: { summary: string, headline: string, files: Array<{ name: string, contentType: string, size: number, downloadUrl: string }> } | null };

export type MeQueryVariables = Exact<{ [key: string]: never; }>;


export type MeQuery = { me: { id: string, username: string, name: string, role: string } };

export type JobTypesQueryVariables = Exact<{ [key: string]: never; }>;


export type JobTypesQuery = { jobTypes: Array<{ type: string, title: string, feature: string, category: string, description: string, paramsInput: string, viewerCanSubmit: boolean, policy: { start: StartBehaviour, delayMinutes: number, timeOfDay: string | null, timezone: string, allowOverride: boolean, nextDefaultStartAt: string | null } }> };

export type UsersQueryVariables = Exact<{ [key: string]: never; }>;


export type UsersQuery = { users: Array<{ id: string, username: string, name: string, role: string }> };

export type PeriodsQueryVariables = Exact<{ [key: string]: never; }>;


export type PeriodsQuery = { planningPeriods: Array<{ id: string, name: string, startDate: string, endDate: string, levels: Array<{ id: string, name: string }> }> };

export type OverviewQueryVariables = Exact<{
  filter?: JobFilter | null | undefined;
  orderBy?: JobOrder | null | undefined;
  first: number;
  after?: string | null | undefined;
}>;


export type OverviewQuery = { jobs: { edges: Array<{ cursor: string, node: { id: string, type: string, title: string, subject: string, feature: string, status: JobStatus, progress: number, progressMessage: string, submittedAt: string, startAt: string | null, startedAt: string | null, finishedAt: string | null, attempt: number, version: number, error: string | null, viewerCanCancel: boolean, viewerCanResubmit: boolean, viewerCanDelete: boolean, user: { id: string, username: string, name: string }, result: { summary: string, headline: string, files: Array<{ name: string, contentType: string, size: number, downloadUrl: string }> } | null } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type JobsCountQueryVariables = Exact<{
  filter?: JobFilter | null | undefined;
}>;


export type JobsCountQuery = { jobs: { totalCount: number } };

export type OverviewEventsSubscriptionVariables = Exact<{
  filter?: JobFilter | null | undefined;
}>;


export type OverviewEventsSubscription = { jobEvents: { kind: JobEventKind, matchesFilter: boolean, job: { id: string, type: string, title: string, subject: string, feature: string, status: JobStatus, progress: number, progressMessage: string, submittedAt: string, startAt: string | null, startedAt: string | null, finishedAt: string | null, attempt: number, version: number, error: string | null, viewerCanCancel: boolean, viewerCanResubmit: boolean, viewerCanDelete: boolean, user: { id: string, username: string, name: string }, result: { summary: string, headline: string, files: Array<{ name: string, contentType: string, size: number, downloadUrl: string }> } | null } } };

export type FollowJobSubscriptionVariables = Exact<{
  id: string;
}>;


export type FollowJobSubscription = { jobUpdated: { id: string, type: string, title: string, subject: string, feature: string, status: JobStatus, progress: number, progressMessage: string, submittedAt: string, startAt: string | null, startedAt: string | null, finishedAt: string | null, attempt: number, version: number, error: string | null, viewerCanCancel: boolean, viewerCanResubmit: boolean, viewerCanDelete: boolean, user: { id: string, username: string, name: string }, result: { summary: string, headline: string, files: Array<{ name: string, contentType: string, size: number, downloadUrl: string }> } | null } };

export type JobDetailQueryVariables = Exact<{
  id: string;
}>;


export type JobDetailQuery = { job: { params: unknown, resubmittedFromId: string | null, id: string, type: string, title: string, subject: string, feature: string, status: JobStatus, progress: number, progressMessage: string, submittedAt: string, startAt: string | null, startedAt: string | null, finishedAt: string | null, attempt: number, version: number, error: string | null, viewerCanCancel: boolean, viewerCanResubmit: boolean, viewerCanDelete: boolean, settings: { startAt: string | null }, level: { id: string, name: string } | null, planningPeriod: { id: string, name: string, startDate: string, endDate: string } | null, result: { summary: string, headline: string, data: unknown, figures: Array<{ label: string, value: number, unit: string, before: number | null }>, files: Array<{ name: string, contentType: string, size: number, downloadUrl: string }> } | null, events: Array<{ at: string, kind: string, message: string, actor: { id: string, username: string, name: string } | null }>, user: { id: string, username: string, name: string } } | null };

export type SubmitJobMutationVariables = Exact<{
  input: SubmitJobInput;
}>;


export type SubmitJobMutation = { submitJob:
    | { __typename: 'Job', id: string, type: string, title: string, subject: string, feature: string, status: JobStatus, progress: number, progressMessage: string, submittedAt: string, startAt: string | null, startedAt: string | null, finishedAt: string | null, attempt: number, version: number, error: string | null, viewerCanCancel: boolean, viewerCanResubmit: boolean, viewerCanDelete: boolean, user: { id: string, username: string, name: string }, result: { summary: string, headline: string, files: Array<{ name: string, contentType: string, size: number, downloadUrl: string }> } | null }
    | { __typename: 'NotAllowed', jobId: string | null, message: string }
    | { __typename: 'SettingsOverrideNotAllowed', field: string, jobType: string, message: string }
    | { __typename: 'ValidationError', field: string, message: string }
    | { __typename: 'WaitingJobProtected', waitingJobId: string | null, message: string }
   };

export type CancelJobsMutationVariables = Exact<{
  ids: Array<string> | string;
  onlyIfNotStarted: boolean;
}>;


export type CancelJobsMutation = { cancelJobs: Array<
    | { __typename: 'DuplicateJobId', id: string, duplicateOf: number, message: string }
    | { __typename: 'Job', id: string, type: string, title: string, subject: string, feature: string, status: JobStatus, progress: number, progressMessage: string, submittedAt: string, startAt: string | null, startedAt: string | null, finishedAt: string | null, attempt: number, version: number, error: string | null, viewerCanCancel: boolean, viewerCanResubmit: boolean, viewerCanDelete: boolean, user: { id: string, username: string, name: string }, result: { summary: string, headline: string, files: Array<{ name: string, contentType: string, size: number, downloadUrl: string }> } | null }
    | { __typename: 'JobAlreadyStarted', id: string, status: JobStatus, message: string }
    | { __typename: 'JobNotCancellable', id: string, status: JobStatus, message: string }
    | { __typename: 'JobNotFound', id: string, message: string }
    | { __typename: 'NotAllowed', jobId: string | null, message: string }
  > };

export type ResubmitJobsMutationVariables = Exact<{
  ids: Array<string> | string;
}>;


export type ResubmitJobsMutation = { resubmitJobs: Array<
    | { __typename: 'DuplicateJobId', id: string, duplicateOf: number, message: string }
    | { __typename: 'Job', resubmittedFromId: string | null, id: string, type: string, title: string, subject: string, feature: string, status: JobStatus, progress: number, progressMessage: string, submittedAt: string, startAt: string | null, startedAt: string | null, finishedAt: string | null, attempt: number, version: number, error: string | null, viewerCanCancel: boolean, viewerCanResubmit: boolean, viewerCanDelete: boolean, user: { id: string, username: string, name: string }, result: { summary: string, headline: string, files: Array<{ name: string, contentType: string, size: number, downloadUrl: string }> } | null }
    | { __typename: 'JobNotFound', id: string, message: string }
    | { __typename: 'NotAllowed', jobId: string | null, message: string }
    | { __typename: 'SettingsOverrideNotAllowed', field: string, jobType: string, message: string, jobId: string | null }
    | { __typename: 'ValidationError', field: string, message: string, jobId: string | null }
    | { __typename: 'WaitingJobProtected', waitingJobId: string | null, message: string }
  > };

export type DeleteJobsMutationVariables = Exact<{
  ids: Array<string> | string;
}>;


export type DeleteJobsMutation = { deleteJobs: Array<
    | { __typename: 'DeletedJob', id: string }
    | { __typename: 'DuplicateJobId', id: string, duplicateOf: number, message: string }
    | { __typename: 'JobNotDeletable', id: string, status: JobStatus, message: string }
    | { __typename: 'JobNotFound', id: string, message: string }
    | { __typename: 'NotAllowed', jobId: string | null, message: string }
  > };

export type CancelMatchingJobsMutationVariables = Exact<{
  filter: JobFilter;
}>;


export type CancelMatchingJobsMutation = { cancelMatchingJobs:
    | { __typename: 'MatchingJobsCancelled', matched: number, results: Array<
        | { __typename: 'DuplicateJobId' }
        | { __typename: 'Job', id: string, status: JobStatus }
        | { __typename: 'JobAlreadyStarted', id: string, status: JobStatus, message: string }
        | { __typename: 'JobNotCancellable', id: string, status: JobStatus, message: string }
        | { __typename: 'JobNotFound', id: string, message: string }
        | { __typename: 'NotAllowed', jobId: string | null, message: string }
      > }
    | { __typename: 'TooManyMatchingJobs', matched: number, maximum: number, message: string }
   };

export type ResubmitMatchingJobsMutationVariables = Exact<{
  filter: JobFilter;
}>;


export type ResubmitMatchingJobsMutation = { resubmitMatchingJobs:
    | { __typename: 'MatchingJobsResubmitted', matched: number, results: Array<
        | { __typename: 'DuplicateJobId' }
        | { __typename: 'Job', id: string, resubmittedFromId: string | null }
        | { __typename: 'JobNotFound', id: string, message: string }
        | { __typename: 'NotAllowed', jobId: string | null, message: string }
        | { __typename: 'SettingsOverrideNotAllowed', field: string, jobType: string, message: string, jobId: string | null }
        | { __typename: 'ValidationError', field: string, message: string, jobId: string | null }
        | { __typename: 'WaitingJobProtected', waitingJobId: string | null, message: string }
      > }
    | { __typename: 'TooManyMatchingJobs', matched: number, maximum: number, message: string }
   };

export type DeleteMatchingJobsMutationVariables = Exact<{
  filter: JobFilter;
}>;


export type DeleteMatchingJobsMutation = { deleteMatchingJobs:
    | { __typename: 'MatchingJobsDeleted', matched: number, results: Array<
        | { __typename: 'DeletedJob', id: string }
        | { __typename: 'DuplicateJobId' }
        | { __typename: 'JobNotDeletable', id: string, status: JobStatus, message: string }
        | { __typename: 'JobNotFound', id: string, message: string }
        | { __typename: 'NotAllowed', jobId: string | null, message: string }
      > }
    | { __typename: 'TooManyMatchingJobs', matched: number, maximum: number, message: string }
   };

export type ReferenceDataQueryVariables = Exact<{ [key: string]: never; }>;


export type ReferenceDataQuery = { teams: Array<string>, planningPeriods: Array<{ id: string, name: string, startDate: string, endDate: string, levels: Array<{ id: string, name: string }> }>, activities: Array<{ id: string, code: string, name: string }>, shiftTemplates: Array<{ id: string, code: string, name: string }>, shiftSequences: Array<{ id: string, name: string }>, employees: { nodes: Array<{ id: string, number: string, name: string, team: string }> } };

export type WaitingQueryVariables = Exact<{ [key: string]: never; }>;


export type WaitingQuery = { workersOnline: number, pauses: { queues: Array<string>, jobTypes: Array<string> } };

export type OperationsQueryVariables = Exact<{ [key: string]: never; }>;


export type OperationsQuery = { pausedJobTypes: Array<string>, workers: Array<{ name: string, host: string, pid: number, threads: number, queues: Array<string>, startedAt: string, lastSeen: string, runningJobIds: Array<string> }>, queues: Array<{ name: string, depth: number, delayed: number, oldestWaitSeconds: number, paused: boolean, messages: number | null, viewerCanPause: boolean }> };

export type JobStatisticsQueryVariables = Exact<{
  days: number;
}>;


export type JobStatisticsQuery = { jobStatistics: { finishedPerHour: Array<{ hour: string, completed: number, failed: number, cancelled: number }>, runTimes: Array<{ jobType: string, count: number, p50: number, p90: number, p99: number, max: number }> } };

export type PauseQueueMutationVariables = Exact<{
  name: string;
}>;


export type PauseQueueMutation = { pauseQueue:
    | { __typename: 'NotAllowed', message: string }
    | { __typename: 'PauseState', name: string, paused: boolean, jobsResumed: number }
    | { __typename: 'ValidationError', field: string, message: string }
   };

export type ResumeQueueMutationVariables = Exact<{
  name: string;
}>;


export type ResumeQueueMutation = { resumeQueue:
    | { __typename: 'NotAllowed', message: string }
    | { __typename: 'PauseState', name: string, paused: boolean, jobsResumed: number }
    | { __typename: 'ValidationError', field: string, message: string }
   };

export type PauseJobTypeMutationVariables = Exact<{
  jobType: string;
}>;


export type PauseJobTypeMutation = { pauseJobType:
    | { __typename: 'NotAllowed', message: string }
    | { __typename: 'PauseState', name: string, paused: boolean, jobsResumed: number }
    | { __typename: 'ValidationError', field: string, message: string }
   };

export type ResumeJobTypeMutationVariables = Exact<{
  jobType: string;
}>;


export type ResumeJobTypeMutation = { resumeJobType:
    | { __typename: 'NotAllowed', message: string }
    | { __typename: 'PauseState', name: string, paused: boolean, jobsResumed: number }
    | { __typename: 'ValidationError', field: string, message: string }
   };

export type OperationsAccessQueryVariables = Exact<{ [key: string]: never; }>;


export type OperationsAccessQuery = { queues: Array<{ name: string }> };

export class TypedDocumentString<TResult, TVariables>
  extends String
  implements DocumentTypeDecoration<TResult, TVariables>
{
  __apiType?: NonNullable<DocumentTypeDecoration<TResult, TVariables>['__apiType']>;
  private value: string;
  public __meta__?: Record<string, any> | undefined;

  constructor(value: string, __meta__?: Record<string, any> | undefined) {
    super(value);
    this.value = value;
    this.__meta__ = __meta__;
  }

  override toString(): string & DocumentTypeDecoration<TResult, TVariables> {
    return this.value;
  }
}
export const JobFieldsFragmentDoc = new TypedDocumentString(`
    fragment JobFields on Job {
  id
  type
  title
  subject
  feature
  status
  progress
  progressMessage
  submittedAt
  startAt
  startedAt
  finishedAt
  attempt
  version
  user {
    id
    username
    name
  }
  result {
    summary
    headline
    files {
      name
      contentType
      size
      downloadUrl
    }
  }
  error
  viewerCanCancel
  viewerCanResubmit
  viewerCanDelete
}
    `, {"fragmentName":"JobFields"}) as unknown as TypedDocumentString<JobFieldsFragment, unknown>;
export const MeDocument = new TypedDocumentString(`
    query Me {
  me {
    id
    username
    name
    role
  }
}
    `) as unknown as TypedDocumentString<MeQuery, MeQueryVariables>;
export const JobTypesDocument = new TypedDocumentString(`
    query JobTypes {
  jobTypes {
    type
    title
    feature
    category
    description
    paramsInput
    viewerCanSubmit
    policy {
      start
      delayMinutes
      timeOfDay
      timezone
      allowOverride
      nextDefaultStartAt
    }
  }
}
    `) as unknown as TypedDocumentString<JobTypesQuery, JobTypesQueryVariables>;
export const UsersDocument = new TypedDocumentString(`
    query Users {
  users {
    id
    username
    name
    role
  }
}
    `) as unknown as TypedDocumentString<UsersQuery, UsersQueryVariables>;
export const PeriodsDocument = new TypedDocumentString(`
    query Periods {
  planningPeriods {
    id
    name
    startDate
    endDate
    levels {
      id
      name
    }
  }
}
    `) as unknown as TypedDocumentString<PeriodsQuery, PeriodsQueryVariables>;
export const OverviewDocument = new TypedDocumentString(`
    query Overview($filter: JobFilter, $orderBy: JobOrder, $first: Int!, $after: String) {
  jobs(filter: $filter, orderBy: $orderBy, first: $first, after: $after) {
    edges {
      cursor
      node {
        ...JobFields
      }
    }
    pageInfo {
      hasNextPage
      endCursor
    }
  }
}
    fragment JobFields on Job {
  id
  type
  title
  subject
  feature
  status
  progress
  progressMessage
  submittedAt
  startAt
  startedAt
  finishedAt
  attempt
  version
  user {
    id
    username
    name
  }
  result {
    summary
    headline
    files {
      name
      contentType
      size
      downloadUrl
    }
  }
  error
  viewerCanCancel
  viewerCanResubmit
  viewerCanDelete
}`) as unknown as TypedDocumentString<OverviewQuery, OverviewQueryVariables>;
export const JobsCountDocument = new TypedDocumentString(`
    query JobsCount($filter: JobFilter) {
  jobs(filter: $filter, first: 1) {
    totalCount
  }
}
    `) as unknown as TypedDocumentString<JobsCountQuery, JobsCountQueryVariables>;
export const OverviewEventsDocument = new TypedDocumentString(`
    subscription OverviewEvents($filter: JobFilter) {
  jobEvents(filter: $filter) {
    kind
    matchesFilter
    job {
      ...JobFields
    }
  }
}
    fragment JobFields on Job {
  id
  type
  title
  subject
  feature
  status
  progress
  progressMessage
  submittedAt
  startAt
  startedAt
  finishedAt
  attempt
  version
  user {
    id
    username
    name
  }
  result {
    summary
    headline
    files {
      name
      contentType
      size
      downloadUrl
    }
  }
  error
  viewerCanCancel
  viewerCanResubmit
  viewerCanDelete
}`) as unknown as TypedDocumentString<OverviewEventsSubscription, OverviewEventsSubscriptionVariables>;
export const FollowJobDocument = new TypedDocumentString(`
    subscription FollowJob($id: ID!) {
  jobUpdated(id: $id) {
    ...JobFields
  }
}
    fragment JobFields on Job {
  id
  type
  title
  subject
  feature
  status
  progress
  progressMessage
  submittedAt
  startAt
  startedAt
  finishedAt
  attempt
  version
  user {
    id
    username
    name
  }
  result {
    summary
    headline
    files {
      name
      contentType
      size
      downloadUrl
    }
  }
  error
  viewerCanCancel
  viewerCanResubmit
  viewerCanDelete
}`) as unknown as TypedDocumentString<FollowJobSubscription, FollowJobSubscriptionVariables>;
export const JobDetailDocument = new TypedDocumentString(`
    query JobDetail($id: ID!) {
  job(id: $id) {
    ...JobFields
    params
    settings {
      startAt
    }
    resubmittedFromId
    level {
      id
      name
    }
    planningPeriod {
      id
      name
      startDate
      endDate
    }
    result {
      summary
      headline
      data
      figures {
        label
        value
        unit
        before
      }
      files {
        name
        contentType
        size
        downloadUrl
      }
    }
    events {
      at
      kind
      message
      actor {
        id
        username
        name
      }
    }
  }
}
    fragment JobFields on Job {
  id
  type
  title
  subject
  feature
  status
  progress
  progressMessage
  submittedAt
  startAt
  startedAt
  finishedAt
  attempt
  version
  user {
    id
    username
    name
  }
  result {
    summary
    headline
    files {
      name
      contentType
      size
      downloadUrl
    }
  }
  error
  viewerCanCancel
  viewerCanResubmit
  viewerCanDelete
}`) as unknown as TypedDocumentString<JobDetailQuery, JobDetailQueryVariables>;
export const SubmitJobDocument = new TypedDocumentString(`
    mutation SubmitJob($input: SubmitJobInput!) {
  submitJob(input: $input) {
    __typename
    ... on Job {
      ...JobFields
    }
    ... on ValidationError {
      field
      message
    }
    ... on SettingsOverrideNotAllowed {
      field
      jobType
      message
    }
    ... on WaitingJobProtected {
      waitingJobId
      message
    }
    ... on NotAllowed {
      jobId
      message
    }
  }
}
    fragment JobFields on Job {
  id
  type
  title
  subject
  feature
  status
  progress
  progressMessage
  submittedAt
  startAt
  startedAt
  finishedAt
  attempt
  version
  user {
    id
    username
    name
  }
  result {
    summary
    headline
    files {
      name
      contentType
      size
      downloadUrl
    }
  }
  error
  viewerCanCancel
  viewerCanResubmit
  viewerCanDelete
}`) as unknown as TypedDocumentString<SubmitJobMutation, SubmitJobMutationVariables>;
export const CancelJobsDocument = new TypedDocumentString(`
    mutation CancelJobs($ids: [ID!]!, $onlyIfNotStarted: Boolean!) {
  cancelJobs(ids: $ids, onlyIfNotStarted: $onlyIfNotStarted) {
    __typename
    ... on Job {
      ...JobFields
    }
    ... on JobNotFound {
      id
      message
    }
    ... on JobNotCancellable {
      id
      status
      message
    }
    ... on JobAlreadyStarted {
      id
      status
      message
    }
    ... on NotAllowed {
      jobId
      message
    }
    ... on DuplicateJobId {
      id
      duplicateOf
      message
    }
  }
}
    fragment JobFields on Job {
  id
  type
  title
  subject
  feature
  status
  progress
  progressMessage
  submittedAt
  startAt
  startedAt
  finishedAt
  attempt
  version
  user {
    id
    username
    name
  }
  result {
    summary
    headline
    files {
      name
      contentType
      size
      downloadUrl
    }
  }
  error
  viewerCanCancel
  viewerCanResubmit
  viewerCanDelete
}`) as unknown as TypedDocumentString<CancelJobsMutation, CancelJobsMutationVariables>;
export const ResubmitJobsDocument = new TypedDocumentString(`
    mutation ResubmitJobs($ids: [ID!]!) {
  resubmitJobs(ids: $ids) {
    __typename
    ... on Job {
      ...JobFields
      resubmittedFromId
    }
    ... on JobNotFound {
      id
      message
    }
    ... on ValidationError {
      field
      message
      jobId
    }
    ... on SettingsOverrideNotAllowed {
      field
      jobType
      message
      jobId
    }
    ... on WaitingJobProtected {
      waitingJobId
      message
    }
    ... on NotAllowed {
      jobId
      message
    }
    ... on DuplicateJobId {
      id
      duplicateOf
      message
    }
  }
}
    fragment JobFields on Job {
  id
  type
  title
  subject
  feature
  status
  progress
  progressMessage
  submittedAt
  startAt
  startedAt
  finishedAt
  attempt
  version
  user {
    id
    username
    name
  }
  result {
    summary
    headline
    files {
      name
      contentType
      size
      downloadUrl
    }
  }
  error
  viewerCanCancel
  viewerCanResubmit
  viewerCanDelete
}`) as unknown as TypedDocumentString<ResubmitJobsMutation, ResubmitJobsMutationVariables>;
export const DeleteJobsDocument = new TypedDocumentString(`
    mutation DeleteJobs($ids: [ID!]!) {
  deleteJobs(ids: $ids) {
    __typename
    ... on DeletedJob {
      id
    }
    ... on JobNotFound {
      id
      message
    }
    ... on JobNotDeletable {
      id
      status
      message
    }
    ... on NotAllowed {
      jobId
      message
    }
    ... on DuplicateJobId {
      id
      duplicateOf
      message
    }
  }
}
    `) as unknown as TypedDocumentString<DeleteJobsMutation, DeleteJobsMutationVariables>;
export const CancelMatchingJobsDocument = new TypedDocumentString(`
    mutation CancelMatchingJobs($filter: JobFilter!) {
  cancelMatchingJobs(filter: $filter) {
    __typename
    ... on MatchingJobsCancelled {
      matched
      results {
        __typename
        ... on Job {
          id
          status
        }
        ... on JobNotFound {
          id
          message
        }
        ... on JobNotCancellable {
          id
          status
          message
        }
        ... on JobAlreadyStarted {
          id
          status
          message
        }
        ... on NotAllowed {
          jobId
          message
        }
      }
    }
    ... on TooManyMatchingJobs {
      matched
      maximum
      message
    }
  }
}
    `) as unknown as TypedDocumentString<CancelMatchingJobsMutation, CancelMatchingJobsMutationVariables>;
export const ResubmitMatchingJobsDocument = new TypedDocumentString(`
    mutation ResubmitMatchingJobs($filter: JobFilter!) {
  resubmitMatchingJobs(filter: $filter) {
    __typename
    ... on MatchingJobsResubmitted {
      matched
      results {
        __typename
        ... on Job {
          id
          resubmittedFromId
        }
        ... on JobNotFound {
          id
          message
        }
        ... on ValidationError {
          field
          message
          jobId
        }
        ... on SettingsOverrideNotAllowed {
          field
          jobType
          message
          jobId
        }
        ... on WaitingJobProtected {
          waitingJobId
          message
        }
        ... on NotAllowed {
          jobId
          message
        }
      }
    }
    ... on TooManyMatchingJobs {
      matched
      maximum
      message
    }
  }
}
    `) as unknown as TypedDocumentString<ResubmitMatchingJobsMutation, ResubmitMatchingJobsMutationVariables>;
export const DeleteMatchingJobsDocument = new TypedDocumentString(`
    mutation DeleteMatchingJobs($filter: JobFilter!) {
  deleteMatchingJobs(filter: $filter) {
    __typename
    ... on MatchingJobsDeleted {
      matched
      results {
        __typename
        ... on DeletedJob {
          id
        }
        ... on JobNotFound {
          id
          message
        }
        ... on JobNotDeletable {
          id
          status
          message
        }
        ... on NotAllowed {
          jobId
          message
        }
      }
    }
    ... on TooManyMatchingJobs {
      matched
      maximum
      message
    }
  }
}
    `) as unknown as TypedDocumentString<DeleteMatchingJobsMutation, DeleteMatchingJobsMutationVariables>;
export const ReferenceDataDocument = new TypedDocumentString(`
    query ReferenceData {
  planningPeriods {
    id
    name
    startDate
    endDate
    levels {
      id
      name
    }
  }
  activities {
    id
    code
    name
  }
  shiftTemplates {
    id
    code
    name
  }
  shiftSequences {
    id
    name
  }
  teams
  employees(first: 500) {
    nodes {
      id
      number
      name
      team
    }
  }
}
    `) as unknown as TypedDocumentString<ReferenceDataQuery, ReferenceDataQueryVariables>;
export const WaitingDocument = new TypedDocumentString(`
    query Waiting {
  workersOnline
  pauses {
    queues
    jobTypes
  }
}
    `) as unknown as TypedDocumentString<WaitingQuery, WaitingQueryVariables>;
export const OperationsDocument = new TypedDocumentString(`
    query Operations {
  workers {
    name
    host
    pid
    threads
    queues
    startedAt
    lastSeen
    runningJobIds
  }
  queues {
    name
    depth
    delayed
    oldestWaitSeconds
    paused
    messages
    viewerCanPause
  }
  pausedJobTypes
}
    `) as unknown as TypedDocumentString<OperationsQuery, OperationsQueryVariables>;
export const JobStatisticsDocument = new TypedDocumentString(`
    query JobStatistics($days: Int!) {
  jobStatistics(days: $days) {
    finishedPerHour {
      hour
      completed
      failed
      cancelled
    }
    runTimes {
      jobType
      count
      p50
      p90
      p99
      max
    }
  }
}
    `) as unknown as TypedDocumentString<JobStatisticsQuery, JobStatisticsQueryVariables>;
export const PauseQueueDocument = new TypedDocumentString(`
    mutation PauseQueue($name: String!) {
  pauseQueue(name: $name) {
    __typename
    ... on PauseState {
      name
      paused
      jobsResumed
    }
    ... on NotAllowed {
      message
    }
    ... on ValidationError {
      field
      message
    }
  }
}
    `) as unknown as TypedDocumentString<PauseQueueMutation, PauseQueueMutationVariables>;
export const ResumeQueueDocument = new TypedDocumentString(`
    mutation ResumeQueue($name: String!) {
  resumeQueue(name: $name) {
    __typename
    ... on PauseState {
      name
      paused
      jobsResumed
    }
    ... on NotAllowed {
      message
    }
    ... on ValidationError {
      field
      message
    }
  }
}
    `) as unknown as TypedDocumentString<ResumeQueueMutation, ResumeQueueMutationVariables>;
export const PauseJobTypeDocument = new TypedDocumentString(`
    mutation PauseJobType($jobType: String!) {
  pauseJobType(jobType: $jobType) {
    __typename
    ... on PauseState {
      name
      paused
      jobsResumed
    }
    ... on NotAllowed {
      message
    }
    ... on ValidationError {
      field
      message
    }
  }
}
    `) as unknown as TypedDocumentString<PauseJobTypeMutation, PauseJobTypeMutationVariables>;
export const ResumeJobTypeDocument = new TypedDocumentString(`
    mutation ResumeJobType($jobType: String!) {
  resumeJobType(jobType: $jobType) {
    __typename
    ... on PauseState {
      name
      paused
      jobsResumed
    }
    ... on NotAllowed {
      message
    }
    ... on ValidationError {
      field
      message
    }
  }
}
    `) as unknown as TypedDocumentString<ResumeJobTypeMutation, ResumeJobTypeMutationVariables>;
export const OperationsAccessDocument = new TypedDocumentString(`
    query OperationsAccess {
  queues {
    name
  }
}
    `) as unknown as TypedDocumentString<OperationsAccessQuery, OperationsAccessQueryVariables>;