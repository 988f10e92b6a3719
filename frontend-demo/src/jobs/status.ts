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
 * Orders snapshots of one job by when they were taken: the server bumps a job's version
 * with every write of its row. Lets a late event never undo a newer state.
 */
interface Snapshot {
  /** Increases with every write of the job (the server stores it with the row). */
  version: number;
}

/** True when `candidate` is an older state of the job than `current` (by version). */
export function isOlder(candidate: Snapshot, current: Snapshot): boolean {
  return candidate.version < current.version;
}
