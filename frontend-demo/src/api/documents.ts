/**
 * Every GraphQL document the page sends. GraphQL Code Generator reads the `graphql(...)`
 * calls below and generates their result and variable types from schema.graphql into
 * `generated/` (`npm run codegen`; `npm test` fails when they are stale), and
 * `documents.test.ts` validates each against the schema.
 *
 * The page is built from the same checkout as the server that serves it, so it selects
 * every field it needs without asking the server first (and works where introspection is
 * switched off, as in production).
 */
import { graphql } from "./generated";

/** The fields of a job the overview, the job dialog and the live updates need. */
export const JOB_FIELDS = graphql(`
  fragment JobFields on Job {
    id type title subject feature status progress progressMessage
    submittedAt startAt startedAt finishedAt attempt version
    user { id username name }
    result { summary headline files { name contentType size downloadUrl } }
    error
    viewerCanCancel viewerCanResubmit viewerCanDelete
  }
`);

/** Who signed in, with their role (read at sign-in and again when rights change). */
export const ME_QUERY = graphql(`
  query Me { me { id username name role } }
`);

/** The job types the viewer may see, whether they may submit them, and how they start. */
export const JOB_TYPES_QUERY = graphql(`
  query JobTypes {
    jobTypes {
      type title feature category description paramsInput viewerCanSubmit
      policy { start delayMinutes timeOfDay timezone allowOverride nextDefaultStartAt }
    }
  }
`);

export const USERS_QUERY = graphql(`
  query Users { users { id username name role } }
`);

/** The planning periods and their levels, for the overview's level filter. */
export const PERIODS_QUERY = graphql(`
  query Periods { planningPeriods { id name startDate endDate levels { id name } } }
`);

export const OVERVIEW_QUERY = graphql(`
  query Overview($filter: JobFilter, $orderBy: JobOrder, $first: Int!, $after: String) {
    jobs(filter: $filter, orderBy: $orderBy, first: $first, after: $after) {
      edges { cursor node { ...JobFields } }
      pageInfo { hasNextPage endCursor }
    }
  }
`);

/** How many jobs match a filter (asked only for "select all matching": counting costs). */
export const JOBS_COUNT_QUERY = graphql(`
  query JobsCount($filter: JobFilter) { jobs(filter: $filter, first: 1) { totalCount } }
`);

export const JOB_EVENTS_SUBSCRIPTION = graphql(`
  subscription OverviewEvents($filter: JobFilter) {
    jobEvents(filter: $filter) { kind matchesFilter job { ...JobFields } }
  }
`);

export const JOB_UPDATED_SUBSCRIPTION = graphql(`
  subscription FollowJob($id: ID!) {
    jobUpdated(id: $id) { ...JobFields }
  }
`);

export const JOB_DETAIL_QUERY = graphql(`
  query JobDetail($id: ID!) {
    job(id: $id) {
      ...JobFields
      params
      settings { startAt }
      resubmittedFromId
      level { id name }
      planningPeriod { id name startDate endDate }
      result {
        summary headline data
        figures { label value unit before }
        files { name contentType size downloadUrl }
      }
      events { at kind message actor { id username name } }
    }
  }
`);

export const SUBMIT_JOB_MUTATION = graphql(`
  mutation SubmitJob($input: SubmitJobInput!) {
    submitJob(input: $input) {
      __typename
      ... on Job { ...JobFields }
      ... on ValidationError { field message }
      ... on SettingsOverrideNotAllowed { field jobType message }
      ... on WaitingJobProtected { waitingJobId message }
      ... on NotAllowed { jobId message }
    }
  }
`);

export const CANCEL_JOBS_MUTATION = graphql(`
  mutation CancelJobs($ids: [ID!]!, $onlyIfNotStarted: Boolean!) {
    cancelJobs(ids: $ids, onlyIfNotStarted: $onlyIfNotStarted) {
      __typename
      ... on Job { ...JobFields }
      ... on JobNotFound { id message }
      ... on JobNotCancellable { id status message }
      ... on JobAlreadyStarted { id status message }
      ... on NotAllowed { jobId message }
      ... on DuplicateJobId { id duplicateOf message }
    }
  }
`);

export const RESUBMIT_JOBS_MUTATION = graphql(`
  mutation ResubmitJobs($ids: [ID!]!) {
    resubmitJobs(ids: $ids) {
      __typename
      ... on Job { ...JobFields resubmittedFromId }
      ... on JobNotFound { id message }
      ... on ValidationError { field message jobId }
      ... on SettingsOverrideNotAllowed { field jobType message jobId }
      ... on WaitingJobProtected { waitingJobId message }
      ... on NotAllowed { jobId message }
      ... on DuplicateJobId { id duplicateOf message }
    }
  }
`);

export const DELETE_JOBS_MUTATION = graphql(`
  mutation DeleteJobs($ids: [ID!]!) {
    deleteJobs(ids: $ids) {
      __typename
      ... on DeletedJob { id }
      ... on JobNotFound { id message }
      ... on JobNotDeletable { id status message }
      ... on NotAllowed { jobId message }
      ... on DuplicateJobId { id duplicateOf message }
    }
  }
`);

export const CANCEL_MATCHING_JOBS_MUTATION = graphql(`
  mutation CancelMatchingJobs($filter: JobFilter!) {
    cancelMatchingJobs(filter: $filter) {
      __typename
      ... on MatchingJobsCancelled {
        matched
        results {
          __typename
          ... on Job { id status }
          ... on JobNotFound { id message }
          ... on JobNotCancellable { id status message }
          ... on JobAlreadyStarted { id status message }
          ... on NotAllowed { jobId message }
        }
      }
      ... on TooManyMatchingJobs { matched maximum message }
    }
  }
`);

export const RESUBMIT_MATCHING_JOBS_MUTATION = graphql(`
  mutation ResubmitMatchingJobs($filter: JobFilter!) {
    resubmitMatchingJobs(filter: $filter) {
      __typename
      ... on MatchingJobsResubmitted {
        matched
        results {
          __typename
          ... on Job { id resubmittedFromId }
          ... on JobNotFound { id message }
          ... on ValidationError { field message jobId }
          ... on SettingsOverrideNotAllowed { field jobType message jobId }
          ... on WaitingJobProtected { waitingJobId message }
          ... on NotAllowed { jobId message }
        }
      }
      ... on TooManyMatchingJobs { matched maximum message }
    }
  }
`);

export const DELETE_MATCHING_JOBS_MUTATION = graphql(`
  mutation DeleteMatchingJobs($filter: JobFilter!) {
    deleteMatchingJobs(filter: $filter) {
      __typename
      ... on MatchingJobsDeleted {
        matched
        results {
          __typename
          ... on DeletedJob { id }
          ... on JobNotFound { id message }
          ... on JobNotDeletable { id status message }
          ... on NotAllowed { jobId message }
        }
      }
      ... on TooManyMatchingJobs { matched maximum message }
    }
  }
`);

/** The WFM records a job form chooses from: levels by period, activities, templates, … */
export const REFERENCE_DATA_QUERY = graphql(`
  query ReferenceData {
    planningPeriods { id name startDate endDate levels { id name } }
    activities { id code name }
    shiftTemplates { id code name }
    shiftSequences { id name }
    teams
    employees(first: 500) { nodes { id number name team } }
  }
`);

/** Why submitted jobs may wait (every signed-in user; the overview's banners): no worker
 *  online, or a queue or job type paused. */
export const WAITING_QUERY = graphql(`
  query Waiting { workersOnline pauses { queues jobTypes } }
`);

/** The Workers & queues view (administrators and roles that see others' jobs). */
export const OPERATIONS_QUERY = graphql(`
  query Operations {
    workers { name host pid threads queues startedAt lastSeen runningJobIds }
    queues { name depth delayed oldestWaitSeconds paused messages viewerCanPause }
    pausedJobTypes
  }
`);

/** The charts: jobs finished per hour by status, run-time percentiles per job type. */
export const JOB_STATISTICS_QUERY = graphql(`
  query JobStatistics($days: Int!) {
    jobStatistics(days: $days) {
      finishedPerHour { hour completed failed cancelled }
      runTimes { jobType count p50 p90 p99 max }
    }
  }
`);

export const PAUSE_QUEUE_MUTATION = graphql(`
  mutation PauseQueue($name: String!) {
    pauseQueue(name: $name) {
      __typename
      ... on PauseState { name paused jobsResumed }
      ... on NotAllowed { message }
      ... on ValidationError { field message }
    }
  }
`);

export const RESUME_QUEUE_MUTATION = graphql(`
  mutation ResumeQueue($name: String!) {
    resumeQueue(name: $name) {
      __typename
      ... on PauseState { name paused jobsResumed }
      ... on NotAllowed { message }
      ... on ValidationError { field message }
    }
  }
`);

export const PAUSE_JOB_TYPE_MUTATION = graphql(`
  mutation PauseJobType($jobType: String!) {
    pauseJobType(jobType: $jobType) {
      __typename
      ... on PauseState { name paused jobsResumed }
      ... on NotAllowed { message }
      ... on ValidationError { field message }
    }
  }
`);

export const RESUME_JOB_TYPE_MUTATION = graphql(`
  mutation ResumeJobType($jobType: String!) {
    resumeJobType(jobType: $jobType) {
      __typename
      ... on PauseState { name paused jobsResumed }
      ... on NotAllowed { message }
      ... on ValidationError { field message }
    }
  }
`);

/** Whether the viewer may open Workers & queues (FORBIDDEN for roles that may not). */
export const OPERATIONS_ACCESS_QUERY = graphql(`
  query OperationsAccess { queues { name } }
`);
