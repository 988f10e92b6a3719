/**
 * Every GraphQL document the page sends. `documents.test.ts` validates each against the
 * committed schema.graphql, so what the page asks for and what the API offers never drift.
 *
 * Documents that select jobs take the server's {@link Capabilities}: optional fields are
 * selected only when the server has them.
 */
import type { Capabilities } from "./capabilities";
import { CAPABILITIES_SELECTION } from "./capabilities";

/** The fields of a job the overview, the job dialog and the live updates need. */
export function jobFields(caps: Capabilities): string {
  return `
    id type feature status progress progressMessage
    submittedAt startAt startedAt finishedAt attempt
    user { id username name }
    result { summary files { name contentType size downloadUrl } }
    error
    ${caps.jobRightFields.join(" ")}
  `;
}

/** Who signed in, and what this server offers (one request at sign-in). */
export const SIGN_IN_QUERY = `
  query SignIn {
    me { id username name role }
    ${CAPABILITIES_SELECTION}
  }
`;

export function jobTypesQuery(caps: Capabilities): string {
  return `
    query JobTypes {
      jobTypes { type feature description paramsInput ${caps.jobTypeRightFields.join(" ")} }
    }
  `;
}

export const USERS_QUERY = `
  query Users { users { id username name role } }
`;

export function overviewQuery(caps: Capabilities): string {
  return `
    query Overview($filter: JobFilter, $orderBy: JobOrder, $first: Int!, $after: String) {
      jobs(filter: $filter, orderBy: $orderBy, first: $first, after: $after) {
        edges { cursor node { ${jobFields(caps)} } }
        pageInfo { hasNextPage endCursor }
      }
    }
  `;
}

export function jobEventsSubscription(caps: Capabilities): string {
  return `
    subscription OverviewEvents($filter: JobFilter) {
      jobEvents(filter: $filter) { kind matchesFilter job { ${jobFields(caps)} } }
    }
  `;
}

export function jobUpdatedSubscription(caps: Capabilities): string {
  return `
    subscription FollowJob($id: ID!) {
      jobUpdated(id: $id) { ${jobFields(caps)} }
    }
  `;
}

export function jobDetailQuery(caps: Capabilities): string {
  return `
    query JobDetail($id: ID!) {
      job(id: $id) {
        ${jobFields(caps)}
        params
        settings { startAt }
        resubmittedFromId
        result { summary data files { name contentType size downloadUrl } }
        events { at kind message actor { id username name } }
      }
    }
  `;
}

export function submitJobMutation(caps: Capabilities): string {
  return `
    mutation SubmitJob($input: SubmitJobInput!) {
      submitJob(input: $input) {
        __typename
        ... on Job { ${jobFields(caps)} }
        ... on ValidationError { field message }
        ... on NotAllowed { jobId message }
      }
    }
  `;
}

export function cancelJobsMutation(caps: Capabilities): string {
  return `
    mutation CancelJobs($ids: [ID!]!, $onlyIfNotStarted: Boolean!) {
      cancelJobs(ids: $ids, onlyIfNotStarted: $onlyIfNotStarted) {
        __typename
        ... on Job { ${jobFields(caps)} }
        ... on JobNotFound { id message }
        ... on JobNotCancellable { id status message }
        ... on JobAlreadyStarted { id status message }
        ... on NotAllowed { jobId message }
      }
    }
  `;
}

export function resubmitJobsMutation(caps: Capabilities): string {
  return `
    mutation ResubmitJobs($ids: [ID!]!) {
      resubmitJobs(ids: $ids) {
        __typename
        ... on Job { ${jobFields(caps)} }
        ... on JobNotFound { id message }
        ... on ValidationError { field message jobId }
        ... on NotAllowed { jobId message }
      }
    }
  `;
}

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

/** The input types of `submitJob`'s parameters, for forms generated from the schema. */
export const PARAMS_INPUT_TYPES_QUERY = `
  query ParamsInputTypes {
    __schema {
      types {
        kind name description
        inputFields {
          name description defaultValue
          type { kind name ofType { kind name ofType { kind name ofType { kind name } } } }
        }
        enumValues { name description }
      }
    }
  }
`;
