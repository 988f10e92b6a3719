/** Job statuses as people read them: labels, groups, and which are final. */
import type { JobStatus } from "../api/model";

export const STATUS_LABELS: Record<JobStatus, string> = {
  SUBMITTED: "Waiting",
  RUNNING: "Running",
  CANCELLING: "Cancelling",
  COMPLETED: "Completed",
  FAILED: "Failed",
  CANCELLED: "Cancelled",
};

const FINAL: ReadonlySet<JobStatus> = new Set(["COMPLETED", "FAILED", "CANCELLED"]);

/** Completed, failed or cancelled: the job will not change any more. */
export function isFinal(status: JobStatus): boolean {
  return FINAL.has(status);
}

/**
 * Orders snapshots of one job by when they were taken, like the server does: each start
 * raises `attempt`; within an attempt the status moves forward; within a status, progress
 * only rises. Lets a late event never undo a newer state.
 */
const STATUS_RANK: Record<JobStatus, number> = {
  RUNNING: 1,
  CANCELLING: 2,
  SUBMITTED: 3,
  COMPLETED: 4,
  FAILED: 4,
  CANCELLED: 4,
};

interface Snapshot {
  status: JobStatus;
  attempt: number;
  progress: number;
}

function age(job: Snapshot): [number, number, number] {
  return [job.attempt, STATUS_RANK[job.status], job.progress];
}

/** True when `candidate` is an older state of the job than `current`. */
export function isOlder(candidate: Snapshot, current: Snapshot): boolean {
  const [a, b] = [age(candidate), age(current)];
  for (let i = 0; i < a.length; i++) {
    if (a[i] !== b[i]) return a[i] < b[i];
  }
  return false;
}
