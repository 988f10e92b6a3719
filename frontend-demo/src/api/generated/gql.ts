/* eslint-disable */
import * as types from './graphql';



/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  fragment JobFields on Job {\n    id type title subject feature status progress progressMessage\n    submittedAt startAt startedAt finishedAt attempt version\n    user { id username name }\n    result { summary headline files { name contentType size downloadUrl } }\n    error\n    viewerCanCancel viewerCanResubmit viewerCanDelete\n  }\n": typeof types.JobFieldsFragmentDoc,
    "\n  query Me { me { id username name role } }\n": typeof types.MeDocument,
    "\n  query JobTypes {\n    jobTypes {\n      type title feature category description paramsInput viewerCanSubmit\n      policy { start delayMinutes timeOfDay timezone allowOverride nextDefaultStartAt }\n    }\n  }\n": typeof types.JobTypesDocument,
    "\n  query Users { users { id username name role } }\n": typeof types.UsersDocument,
    "\n  query Periods { planningPeriods { id name startDate endDate levels { id name } } }\n": typeof types.PeriodsDocument,
    "\n  query Overview($filter: JobFilter, $orderBy: JobOrder, $first: Int!, $after: String) {\n    jobs(filter: $filter, orderBy: $orderBy, first: $first, after: $after) {\n      edges { cursor node { ...JobFields } }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n": typeof types.OverviewDocument,
    "\n  query JobsCount($filter: JobFilter) { jobs(filter: $filter, first: 1) { totalCount } }\n": typeof types.JobsCountDocument,
    "\n  subscription OverviewEvents($filter: JobFilter) {\n    jobEvents(filter: $filter) { kind matchesFilter job { ...JobFields } }\n  }\n": typeof types.OverviewEventsDocument,
    "\n  subscription FollowJob($id: ID!) {\n    jobUpdated(id: $id) { ...JobFields }\n  }\n": typeof types.FollowJobDocument,
    "\n  query JobDetail($id: ID!) {\n    job(id: $id) {\n      ...JobFields\n      params\n      settings { startAt }\n      resubmittedFromId\n      level { id name }\n      planningPeriod { id name startDate endDate }\n      result {\n        summary headline data\n        figures { label value unit before }\n        files { name contentType size downloadUrl }\n      }\n      events { at kind message actor { id username name } }\n    }\n  }\n": typeof types.JobDetailDocument,
    "\n  mutation SubmitJob($input: SubmitJobInput!) {\n    submitJob(input: $input) {\n      __typename\n      ... on Job { ...JobFields }\n      ... on ValidationError { field message }\n      ... on SettingsOverrideNotAllowed { field jobType message }\n      ... on WaitingJobProtected { waitingJobId message }\n      ... on NotAllowed { jobId message }\n    }\n  }\n": typeof types.SubmitJobDocument,
    "\n  mutation CancelJobs($ids: [ID!]!, $onlyIfNotStarted: Boolean!) {\n    cancelJobs(ids: $ids, onlyIfNotStarted: $onlyIfNotStarted) {\n      __typename\n      ... on Job { ...JobFields }\n      ... on JobNotFound { id message }\n      ... on JobNotCancellable { id status message }\n      ... on JobAlreadyStarted { id status message }\n      ... on NotAllowed { jobId message }\n      ... on DuplicateJobId { id duplicateOf message }\n    }\n  }\n": typeof types.CancelJobsDocument,
    "\n  mutation ResubmitJobs($ids: [ID!]!) {\n    resubmitJobs(ids: $ids) {\n      __typename\n      ... on Job { ...JobFields resubmittedFromId }\n      ... on JobNotFound { id message }\n      ... on ValidationError { field message jobId }\n      ... on SettingsOverrideNotAllowed { field jobType message jobId }\n      ... on WaitingJobProtected { waitingJobId message }\n      ... on NotAllowed { jobId message }\n      ... on DuplicateJobId { id duplicateOf message }\n    }\n  }\n": typeof types.ResubmitJobsDocument,
    "\n  mutation DeleteJobs($ids: [ID!]!) {\n    deleteJobs(ids: $ids) {\n      __typename\n      ... on DeletedJob { id }\n      ... on JobNotFound { id message }\n      ... on JobNotDeletable { id status message }\n      ... on NotAllowed { jobId message }\n      ... on DuplicateJobId { id duplicateOf message }\n    }\n  }\n": typeof types.DeleteJobsDocument,
    "\n  mutation CancelMatchingJobs($filter: JobFilter!) {\n    cancelMatchingJobs(filter: $filter) {\n      __typename\n      ... on MatchingJobsCancelled {\n        matched\n        results {\n          __typename\n          ... on Job { id status }\n          ... on JobNotFound { id message }\n          ... on JobNotCancellable { id status message }\n          ... on JobAlreadyStarted { id status message }\n          ... on NotAllowed { jobId message }\n        }\n      }\n      ... on TooManyMatchingJobs { matched maximum message }\n    }\n  }\n": typeof types.CancelMatchingJobsDocument,
    "\n  mutation ResubmitMatchingJobs($filter: JobFilter!) {\n    resubmitMatchingJobs(filter: $filter) {\n      __typename\n      ... on MatchingJobsResubmitted {\n        matched\n        results {\n          __typename\n          ... on Job { id resubmittedFromId }\n          ... on JobNotFound { id message }\n          ... on ValidationError { field message jobId }\n          ... on SettingsOverrideNotAllowed { field jobType message jobId }\n          ... on WaitingJobProtected { waitingJobId message }\n          ... on NotAllowed { jobId message }\n        }\n      }\n      ... on TooManyMatchingJobs { matched maximum message }\n    }\n  }\n": typeof types.ResubmitMatchingJobsDocument,
    "\n  mutation DeleteMatchingJobs($filter: JobFilter!) {\n    deleteMatchingJobs(filter: $filter) {\n      __typename\n      ... on MatchingJobsDeleted {\n        matched\n        results {\n          __typename\n          ... on DeletedJob { id }\n          ... on JobNotFound { id message }\n          ... on JobNotDeletable { id status message }\n          ... on NotAllowed { jobId message }\n        }\n      }\n      ... on TooManyMatchingJobs { matched maximum message }\n    }\n  }\n": typeof types.DeleteMatchingJobsDocument,
    "\n  query ReferenceData {\n    planningPeriods { id name startDate endDate levels { id name } }\n    activities { id code name }\n    shiftTemplates { id code name }\n    shiftSequences { id name }\n    teams\n    employees(first: 500) { nodes { id number name team } }\n  }\n": typeof types.ReferenceDataDocument,
    "\n  query Waiting { workersOnline pauses { queues jobTypes } }\n": typeof types.WaitingDocument,
    "\n  query Operations {\n    workers { name host pid threads queues startedAt lastSeen runningJobIds }\n    queues { name depth delayed oldestWaitSeconds paused messages viewerCanPause }\n    pausedJobTypes\n  }\n": typeof types.OperationsDocument,
    "\n  query JobStatistics($days: Int!) {\n    jobStatistics(days: $days) {\n      finishedPerHour { hour completed failed cancelled }\n      runTimes { jobType count p50 p90 p99 max }\n    }\n  }\n": typeof types.JobStatisticsDocument,
    "\n  mutation PauseQueue($name: String!) {\n    pauseQueue(name: $name) {\n      __typename\n      ... on PauseState { name paused jobsResumed }\n      ... on NotAllowed { message }\n      ... on ValidationError { field message }\n    }\n  }\n": typeof types.PauseQueueDocument,
    "\n  mutation ResumeQueue($name: String!) {\n    resumeQueue(name: $name) {\n      __typename\n      ... on PauseState { name paused jobsResumed }\n      ... on NotAllowed { message }\n      ... on ValidationError { field message }\n    }\n  }\n": typeof types.ResumeQueueDocument,
    "\n  mutation PauseJobType($jobType: String!) {\n    pauseJobType(jobType: $jobType) {\n      __typename\n      ... on PauseState { name paused jobsResumed }\n      ... on NotAllowed { message }\n      ... on ValidationError { field message }\n    }\n  }\n": typeof types.PauseJobTypeDocument,
    "\n  mutation ResumeJobType($jobType: String!) {\n    resumeJobType(jobType: $jobType) {\n      __typename\n      ... on PauseState { name paused jobsResumed }\n      ... on NotAllowed { message }\n      ... on ValidationError { field message }\n    }\n  }\n": typeof types.ResumeJobTypeDocument,
    "\n  query OperationsAccess { queues { name } }\n": typeof types.OperationsAccessDocument,
};
const documents: Documents = {
    "\n  fragment JobFields on Job {\n    id type title subject feature status progress progressMessage\n    submittedAt startAt startedAt finishedAt attempt version\n    user { id username name }\n    result { summary headline files { name contentType size downloadUrl } }\n    error\n    viewerCanCancel viewerCanResubmit viewerCanDelete\n  }\n": types.JobFieldsFragmentDoc,
    "\n  query Me { me { id username name role } }\n": types.MeDocument,
    "\n  query JobTypes {\n    jobTypes {\n      type title feature category description paramsInput viewerCanSubmit\n      policy { start delayMinutes timeOfDay timezone allowOverride nextDefaultStartAt }\n    }\n  }\n": types.JobTypesDocument,
    "\n  query Users { users { id username name role } }\n": types.UsersDocument,
    "\n  query Periods { planningPeriods { id name startDate endDate levels { id name } } }\n": types.PeriodsDocument,
    "\n  query Overview($filter: JobFilter, $orderBy: JobOrder, $first: Int!, $after: String) {\n    jobs(filter: $filter, orderBy: $orderBy, first: $first, after: $after) {\n      edges { cursor node { ...JobFields } }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n": types.OverviewDocument,
    "\n  query JobsCount($filter: JobFilter) { jobs(filter: $filter, first: 1) { totalCount } }\n": types.JobsCountDocument,
    "\n  subscription OverviewEvents($filter: JobFilter) {\n    jobEvents(filter: $filter) { kind matchesFilter job { ...JobFields } }\n  }\n": types.OverviewEventsDocument,
    "\n  subscription FollowJob($id: ID!) {\n    jobUpdated(id: $id) { ...JobFields }\n  }\n": types.FollowJobDocument,
    "\n  query JobDetail($id: ID!) {\n    job(id: $id) {\n      ...JobFields\n      params\n      settings { startAt }\n      resubmittedFromId\n      level { id name }\n      planningPeriod { id name startDate endDate }\n      result {\n        summary headline data\n        figures { label value unit before }\n        files { name contentType size downloadUrl }\n      }\n      events { at kind message actor { id username name } }\n    }\n  }\n": types.JobDetailDocument,
    "\n  mutation SubmitJob($input: SubmitJobInput!) {\n    submitJob(input: $input) {\n      __typename\n      ... on Job { ...JobFields }\n      ... on ValidationError { field message }\n      ... on SettingsOverrideNotAllowed { field jobType message }\n      ... on WaitingJobProtected { waitingJobId message }\n      ... on NotAllowed { jobId message }\n    }\n  }\n": types.SubmitJobDocument,
    "\n  mutation CancelJobs($ids: [ID!]!, $onlyIfNotStarted: Boolean!) {\n    cancelJobs(ids: $ids, onlyIfNotStarted: $onlyIfNotStarted) {\n      __typename\n      ... on Job { ...JobFields }\n      ... on JobNotFound { id message }\n      ... on JobNotCancellable { id status message }\n      ... on JobAlreadyStarted { id status message }\n      ... on NotAllowed { jobId message }\n      ... on DuplicateJobId { id duplicateOf message }\n    }\n  }\n": types.CancelJobsDocument,
    "\n  mutation ResubmitJobs($ids: [ID!]!) {\n    resubmitJobs(ids: $ids) {\n      __typename\n      ... on Job { ...JobFields resubmittedFromId }\n      ... on JobNotFound { id message }\n      ... on ValidationError { field message jobId }\n      ... on SettingsOverrideNotAllowed { field jobType message jobId }\n      ... on WaitingJobProtected { waitingJobId message }\n      ... on NotAllowed { jobId message }\n      ... on DuplicateJobId { id duplicateOf message }\n    }\n  }\n": types.ResubmitJobsDocument,
    "\n  mutation DeleteJobs($ids: [ID!]!) {\n    deleteJobs(ids: $ids) {\n      __typename\n      ... on DeletedJob { id }\n      ... on JobNotFound { id message }\n      ... on JobNotDeletable { id status message }\n      ... on NotAllowed { jobId message }\n      ... on DuplicateJobId { id duplicateOf message }\n    }\n  }\n": types.DeleteJobsDocument,
    "\n  mutation CancelMatchingJobs($filter: JobFilter!) {\n    cancelMatchingJobs(filter: $filter) {\n      __typename\n      ... on MatchingJobsCancelled {\n        matched\n        results {\n          __typename\n          ... on Job { id status }\n          ... on JobNotFound { id message }\n          ... on JobNotCancellable { id status message }\n          ... on JobAlreadyStarted { id status message }\n          ... on NotAllowed { jobId message }\n        }\n      }\n      ... on TooManyMatchingJobs { matched maximum message }\n    }\n  }\n": types.CancelMatchingJobsDocument,
    "\n  mutation ResubmitMatchingJobs($filter: JobFilter!) {\n    resubmitMatchingJobs(filter: $filter) {\n      __typename\n      ... on MatchingJobsResubmitted {\n        matched\n        results {\n          __typename\n          ... on Job { id resubmittedFromId }\n          ... on JobNotFound { id message }\n          ... on ValidationError { field message jobId }\n          ... on SettingsOverrideNotAllowed { field jobType message jobId }\n          ... on WaitingJobProtected { waitingJobId message }\n          ... on NotAllowed { jobId message }\n        }\n      }\n      ... on TooManyMatchingJobs { matched maximum message }\n    }\n  }\n": types.ResubmitMatchingJobsDocument,
    "\n  mutation DeleteMatchingJobs($filter: JobFilter!) {\n    deleteMatchingJobs(filter: $filter) {\n      __typename\n      ... on MatchingJobsDeleted {\n        matched\n        results {\n          __typename\n          ... on DeletedJob { id }\n          ... on JobNotFound { id message }\n          ... on JobNotDeletable { id status message }\n          ... on NotAllowed { jobId message }\n        }\n      }\n      ... on TooManyMatchingJobs { matched maximum message }\n    }\n  }\n": types.DeleteMatchingJobsDocument,
    "\n  query ReferenceData {\n    planningPeriods { id name startDate endDate levels { id name } }\n    activities { id code name }\n    shiftTemplates { id code name }\n    shiftSequences { id name }\n    teams\n    employees(first: 500) { nodes { id number name team } }\n  }\n": types.ReferenceDataDocument,
    "\n  query Waiting { workersOnline pauses { queues jobTypes } }\n": types.WaitingDocument,
    "\n  query Operations {\n    workers { name host pid threads queues startedAt lastSeen runningJobIds }\n    queues { name depth delayed oldestWaitSeconds paused messages viewerCanPause }\n    pausedJobTypes\n  }\n": types.OperationsDocument,
    "\n  query JobStatistics($days: Int!) {\n    jobStatistics(days: $days) {\n      finishedPerHour { hour completed failed cancelled }\n      runTimes { jobType count p50 p90 p99 max }\n    }\n  }\n": types.JobStatisticsDocument,
    "\n  mutation PauseQueue($name: String!) {\n    pauseQueue(name: $name) {\n      __typename\n      ... on PauseState { name paused jobsResumed }\n      ... on NotAllowed { message }\n      ... on ValidationError { field message }\n    }\n  }\n": types.PauseQueueDocument,
    "\n  mutation ResumeQueue($name: String!) {\n    resumeQueue(name: $name) {\n      __typename\n      ... on PauseState { name paused jobsResumed }\n      ... on NotAllowed { message }\n      ... on ValidationError { field message }\n    }\n  }\n": types.ResumeQueueDocument,
    "\n  mutation PauseJobType($jobType: String!) {\n    pauseJobType(jobType: $jobType) {\n      __typename\n      ... on PauseState { name paused jobsResumed }\n      ... on NotAllowed { message }\n      ... on ValidationError { field message }\n    }\n  }\n": types.PauseJobTypeDocument,
    "\n  mutation ResumeJobType($jobType: String!) {\n    resumeJobType(jobType: $jobType) {\n      __typename\n      ... on PauseState { name paused jobsResumed }\n      ... on NotAllowed { message }\n      ... on ValidationError { field message }\n    }\n  }\n": types.ResumeJobTypeDocument,
    "\n  query OperationsAccess { queues { name } }\n": types.OperationsAccessDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment JobFields on Job {\n    id type title subject feature status progress progressMessage\n    submittedAt startAt startedAt finishedAt attempt version\n    user { id username name }\n    result { summary headline files { name contentType size downloadUrl } }\n    error\n    viewerCanCancel viewerCanResubmit viewerCanDelete\n  }\n"): typeof import('./graphql').JobFieldsFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Me { me { id username name role } }\n"): typeof import('./graphql').MeDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query JobTypes {\n    jobTypes {\n      type title feature category description paramsInput viewerCanSubmit\n      policy { start delayMinutes timeOfDay timezone allowOverride nextDefaultStartAt }\n    }\n  }\n"): typeof import('./graphql').JobTypesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Users { users { id username name role } }\n"): typeof import('./graphql').UsersDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Periods { planningPeriods { id name startDate endDate levels { id name } } }\n"): typeof import('./graphql').PeriodsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Overview($filter: JobFilter, $orderBy: JobOrder, $first: Int!, $after: String) {\n    jobs(filter: $filter, orderBy: $orderBy, first: $first, after: $after) {\n      edges { cursor node { ...JobFields } }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n"): typeof import('./graphql').OverviewDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query JobsCount($filter: JobFilter) { jobs(filter: $filter, first: 1) { totalCount } }\n"): typeof import('./graphql').JobsCountDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription OverviewEvents($filter: JobFilter) {\n    jobEvents(filter: $filter) { kind matchesFilter job { ...JobFields } }\n  }\n"): typeof import('./graphql').OverviewEventsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription FollowJob($id: ID!) {\n    jobUpdated(id: $id) { ...JobFields }\n  }\n"): typeof import('./graphql').FollowJobDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query JobDetail($id: ID!) {\n    job(id: $id) {\n      ...JobFields\n      params\n      settings { startAt }\n      resubmittedFromId\n      level { id name }\n      planningPeriod { id name startDate endDate }\n      result {\n        summary headline data\n        figures { label value unit before }\n        files { name contentType size downloadUrl }\n      }\n      events { at kind message actor { id username name } }\n    }\n  }\n"): typeof import('./graphql').JobDetailDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SubmitJob($input: SubmitJobInput!) {\n    submitJob(input: $input) {\n      __typename\n      ... on Job { ...JobFields }\n      ... on ValidationError { field message }\n      ... on SettingsOverrideNotAllowed { field jobType message }\n      ... on WaitingJobProtected { waitingJobId message }\n      ... on NotAllowed { jobId message }\n    }\n  }\n"): typeof import('./graphql').SubmitJobDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CancelJobs($ids: [ID!]!, $onlyIfNotStarted: Boolean!) {\n    cancelJobs(ids: $ids, onlyIfNotStarted: $onlyIfNotStarted) {\n      __typename\n      ... on Job { ...JobFields }\n      ... on JobNotFound { id message }\n      ... on JobNotCancellable { id status message }\n      ... on JobAlreadyStarted { id status message }\n      ... on NotAllowed { jobId message }\n      ... on DuplicateJobId { id duplicateOf message }\n    }\n  }\n"): typeof import('./graphql').CancelJobsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ResubmitJobs($ids: [ID!]!) {\n    resubmitJobs(ids: $ids) {\n      __typename\n      ... on Job { ...JobFields resubmittedFromId }\n      ... on JobNotFound { id message }\n      ... on ValidationError { field message jobId }\n      ... on SettingsOverrideNotAllowed { field jobType message jobId }\n      ... on WaitingJobProtected { waitingJobId message }\n      ... on NotAllowed { jobId message }\n      ... on DuplicateJobId { id duplicateOf message }\n    }\n  }\n"): typeof import('./graphql').ResubmitJobsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeleteJobs($ids: [ID!]!) {\n    deleteJobs(ids: $ids) {\n      __typename\n      ... on DeletedJob { id }\n      ... on JobNotFound { id message }\n      ... on JobNotDeletable { id status message }\n      ... on NotAllowed { jobId message }\n      ... on DuplicateJobId { id duplicateOf message }\n    }\n  }\n"): typeof import('./graphql').DeleteJobsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CancelMatchingJobs($filter: JobFilter!) {\n    cancelMatchingJobs(filter: $filter) {\n      __typename\n      ... on MatchingJobsCancelled {\n        matched\n        results {\n          __typename\n          ... on Job { id status }\n          ... on JobNotFound { id message }\n          ... on JobNotCancellable { id status message }\n          ... on JobAlreadyStarted { id status message }\n          ... on NotAllowed { jobId message }\n        }\n      }\n      ... on TooManyMatchingJobs { matched maximum message }\n    }\n  }\n"): typeof import('./graphql').CancelMatchingJobsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ResubmitMatchingJobs($filter: JobFilter!) {\n    resubmitMatchingJobs(filter: $filter) {\n      __typename\n      ... on MatchingJobsResubmitted {\n        matched\n        results {\n          __typename\n          ... on Job { id resubmittedFromId }\n          ... on JobNotFound { id message }\n          ... on ValidationError { field message jobId }\n          ... on SettingsOverrideNotAllowed { field jobType message jobId }\n          ... on WaitingJobProtected { waitingJobId message }\n          ... on NotAllowed { jobId message }\n        }\n      }\n      ... on TooManyMatchingJobs { matched maximum message }\n    }\n  }\n"): typeof import('./graphql').ResubmitMatchingJobsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeleteMatchingJobs($filter: JobFilter!) {\n    deleteMatchingJobs(filter: $filter) {\n      __typename\n      ... on MatchingJobsDeleted {\n        matched\n        results {\n          __typename\n          ... on DeletedJob { id }\n          ... on JobNotFound { id message }\n          ... on JobNotDeletable { id status message }\n          ... on NotAllowed { jobId message }\n        }\n      }\n      ... on TooManyMatchingJobs { matched maximum message }\n    }\n  }\n"): typeof import('./graphql').DeleteMatchingJobsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ReferenceData {\n    planningPeriods { id name startDate endDate levels { id name } }\n    activities { id code name }\n    shiftTemplates { id code name }\n    shiftSequences { id name }\n    teams\n    employees(first: 500) { nodes { id number name team } }\n  }\n"): typeof import('./graphql').ReferenceDataDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Waiting { workersOnline pauses { queues jobTypes } }\n"): typeof import('./graphql').WaitingDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Operations {\n    workers { name host pid threads queues startedAt lastSeen runningJobIds }\n    queues { name depth delayed oldestWaitSeconds paused messages viewerCanPause }\n    pausedJobTypes\n  }\n"): typeof import('./graphql').OperationsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query JobStatistics($days: Int!) {\n    jobStatistics(days: $days) {\n      finishedPerHour { hour completed failed cancelled }\n      runTimes { jobType count p50 p90 p99 max }\n    }\n  }\n"): typeof import('./graphql').JobStatisticsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation PauseQueue($name: String!) {\n    pauseQueue(name: $name) {\n      __typename\n      ... on PauseState { name paused jobsResumed }\n      ... on NotAllowed { message }\n      ... on ValidationError { field message }\n    }\n  }\n"): typeof import('./graphql').PauseQueueDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ResumeQueue($name: String!) {\n    resumeQueue(name: $name) {\n      __typename\n      ... on PauseState { name paused jobsResumed }\n      ... on NotAllowed { message }\n      ... on ValidationError { field message }\n    }\n  }\n"): typeof import('./graphql').ResumeQueueDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation PauseJobType($jobType: String!) {\n    pauseJobType(jobType: $jobType) {\n      __typename\n      ... on PauseState { name paused jobsResumed }\n      ... on NotAllowed { message }\n      ... on ValidationError { field message }\n    }\n  }\n"): typeof import('./graphql').PauseJobTypeDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ResumeJobType($jobType: String!) {\n    resumeJobType(jobType: $jobType) {\n      __typename\n      ... on PauseState { name paused jobsResumed }\n      ... on NotAllowed { message }\n      ... on ValidationError { field message }\n    }\n  }\n"): typeof import('./graphql').ResumeJobTypeDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query OperationsAccess { queues { name } }\n"): typeof import('./graphql').OperationsAccessDocument;


export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}
