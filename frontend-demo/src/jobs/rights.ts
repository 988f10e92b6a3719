/**
 * What the viewer may do with a job: the one place the page decides which actions are on.
 *
 * The job's status decides first (the engine's rules: only waiting or running jobs can be
 * cancelled; only waiting or finished jobs deleted; finished jobs submitted again). Then
 * the server's rights, when it sends them (`viewerCanCancel`, `viewerCanResubmit`,
 * `viewerCanDelete`): a field the server did not send does not forbid anything, and the
 * server still checks every action itself.
 */
import type { Job, JobRights, JobStatus, JobTypeInfo } from "../api/types";
import { isFinal } from "./status";

export type JobAction = "cancel" | "resubmit" | "delete";

const STATUS_ALLOWS: Record<JobAction, (status: JobStatus) => boolean> = {
  cancel: (status) => status === "SUBMITTED" || status === "RUNNING",
  delete: (status) => status === "SUBMITTED" || isFinal(status),
  // A copy of a waiting or running job would run twice side by side; submit it again
  // once it has finished.
  resubmit: (status) => isFinal(status),
};

const RIGHT_FIELDS: Record<JobAction, keyof JobRights> = {
  cancel: "viewerCanCancel",
  resubmit: "viewerCanResubmit",
  delete: "viewerCanDelete",
};

/** May the viewer do `action` with `job` now? */
export function canAct(job: Pick<Job, "status"> & JobRights, action: JobAction): boolean {
  return STATUS_ALLOWS[action](job.status) && job[RIGHT_FIELDS[action]] !== false;
}

/** The jobs of a selection that allow `action`. */
export function actionable<T extends Pick<Job, "status"> & JobRights>(
  jobs: T[], action: JobAction,
): T[] {
  return jobs.filter((job) => canAct(job, action));
}

/** May the viewer submit jobs of this type? (Unknown to the server's rights: yes.) */
export function canSubmit(jobType: JobTypeInfo): boolean {
  return jobType.viewerCanSubmit !== false;
}
