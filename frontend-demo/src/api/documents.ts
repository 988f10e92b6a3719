/**
 * Every GraphQL document the page sends. `documents.test.ts` validates each against the
 * committed schema.graphql, so what the page asks for and what the API offers never drift.
 *
 * The page is built from the same checkout as the server that serves it, so it selects
 * every field it needs without asking the server first (and works where introspection is
 * switched off, as in production).
 */

/** The fields of a job the overview, the job dialog and the live updates need. */
export const JOB_FIELDS = `
  id type feature status progress progressMessage
  submittedAt startAt startedAt finishedAt attempt
  user { id username name }
  result { summary files { name contentType size downloadUrl } }
  error
  viewerCanCancel viewerCanResubmit viewerCanDelete
`;

/** Who signed in, with their role (read at sign-in and again when rights change). */
export const ME_QUERY = `
  query Me { me { id username name role } }
`;

/** The job types the viewer may see, whether they may submit them, and how they start. */
export const JOB_TYPES_QUERY = `
  query JobTypes {
    jobTypes {
      type feature description paramsInput viewerCanSubmit
      policy { start delayMinutes timeOfDay timezone allowOverride nextDefaultStartAt }
    }
  }
`;

export const USERS_QUERY = `
  query Users { users { id username name role } }
`;

export const OVERVIEW_QUERY = `
  query Overview($filter: JobFilter, $orderBy: JobOrder, $first: Int!, $after: String) {
    jobs(filter: $filter, orderBy: $orderBy, first: $first, after: $after) {
      edges { cursor node { ${JOB_FIELDS} } }
      pageInfo { hasNextPage endCursor }
    }
  }
`;

export const JOB_EVENTS_SUBSCRIPTION = `
  subscription OverviewEvents($filter: JobFilter) {
    jobEvents(filter: $filter) { kind matchesFilter job { ${JOB_FIELDS} } }
  }
`;

export const JOB_UPDATED_SUBSCRIPTION = `
  subscription FollowJob($id: ID!) {
    jobUpdated(id: $id) { ${JOB_FIELDS} }
  }
`;

export const JOB_DETAIL_QUERY = `
  query JobDetail($id: ID!) {
    job(id: $id) {
      ${JOB_FIELDS}
      params
      settings { startAt }
      resubmittedFromId
      result { summary data files { name contentType size downloadUrl } }
      events { at kind message actor { id username name } }
    }
  }
`;

export const SUBMIT_JOB_MUTATION = `
  mutation SubmitJob($input: SubmitJobInput!) {
    submitJob(input: $input) {
      __typename
      ... on Job { ${JOB_FIELDS} }
      ... on ValidationError { field message }
      ... on SettingsOverrideNotAllowed { field jobType message }
      ... on WaitingJobProtected { waitingJobId message }
      ... on NotAllowed { jobId message }
    }
  }
`;

export const CANCEL_JOBS_MUTATION = `
  mutation CancelJobs($ids: [ID!]!, $onlyIfNotStarted: Boolean!) {
    cancelJobs(ids: $ids, onlyIfNotStarted: $onlyIfNotStarted) {
      __typename
      ... on Job { ${JOB_FIELDS} }
      ... on JobNotFound { id message }
      ... on JobNotCancellable { id status message }
      ... on JobAlreadyStarted { id status message }
      ... on NotAllowed { jobId message }
    }
  }
`;

export const RESUBMIT_JOBS_MUTATION = `
  mutation ResubmitJobs($ids: [ID!]!) {
    resubmitJobs(ids: $ids) {
      __typename
      ... on Job { ${JOB_FIELDS} }
      ... on JobNotFound { id message }
      ... on ValidationError { field message jobId }
      ... on SettingsOverrideNotAllowed { field jobType message jobId }
      ... on WaitingJobProtected { waitingJobId message }
      ... on NotAllowed { jobId message }
    }
  }
`;

export const DELETE_JOBS_MUTATION = `
  mutation DeleteJobs($ids: [ID!]!) {
    deleteJobs(ids: $ids) {
      __typename
      ... on DeletedJob { id }
      ... on JobNotFound { id message }
      ... on JobNotDeletable { id status message }
      ... on NotAllowed { jobId message }
    }
  }
`;

/** The WFM records a job form chooses from: levels by planning period, activities, templates. */
export const REFERENCE_DATA_QUERY = `
  query ReferenceData {
    planningPeriods { id name levels { id name } }
    activities { id code name }
    shiftTemplates { id code name }
  }
`;
