/** Factories for the unit tests: a job as the API sends it, with overrides. */
import type { Job } from "./api/types";

let next = 100;

export function makeJob(overrides: Partial<Job> = {}): Job {
  next += 1;
  return {
    id: String(next),
    type: "REPORT",
    feature: "Monitoring > Reports",
    status: "SUBMITTED",
    progress: 0,
    progressMessage: "",
    submittedAt: "2026-01-31T08:00:00+00:00",
    startAt: null,
    startedAt: null,
    finishedAt: null,
    attempt: 0,
    user: { id: "1", username: "planner", name: "Pat Planner" },
    result: null,
    error: null,
    ...overrides,
  };
}
