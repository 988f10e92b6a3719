/** Factories for the unit tests: jobs and job types as the API sends them, with overrides. */
import type { Job, JobTypeInfo, JobTypePolicy } from "./api/model";

let next = 100;

export function makeJob(overrides: Partial<Job> = {}): Job {
  next += 1;
  return {
    id: String(next),
    type: "REPORT",
    title: "Report",
    subject: "Employee list · all teams",
    feature: "Monitoring > Reports",
    status: "SUBMITTED",
    progress: 0,
    version: 1,
    progressMessage: "",
    submittedAt: "2026-01-31T08:00:00+00:00",
    startAt: null,
    startedAt: null,
    finishedAt: null,
    attempt: 0,
    user: { id: "1", username: "analyst", name: "Ada Analyst" },
    result: null,
    error: null,
    viewerCanCancel: true,
    viewerCanResubmit: true,
    viewerCanDelete: true,
    ...overrides,
  };
}

/** The policy a job type has until an administrator sets one: start at once, users choose. */
export function makePolicy(overrides: Partial<JobTypePolicy> = {}): JobTypePolicy {
  return {
    start: "IMMEDIATELY",
    delayMinutes: 0,
    timeOfDay: null,
    timezone: "UTC",
    allowOverride: true,
    nextDefaultStartAt: null,
    ...overrides,
  };
}

export function makeJobType(overrides: Partial<JobTypeInfo> = {}): JobTypeInfo {
  return {
    type: "REPORT",
    title: "Report",
    category: "monitoring",
    feature: "Monitoring > Reports",
    description: "Employee reports as CSV and Excel files.",
    paramsInput: "report",
    viewerCanSubmit: true,
    policy: makePolicy(),
    ...overrides,
  };
}
