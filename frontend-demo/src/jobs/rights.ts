/**
 * What the viewer may do with a job: the one place the page decides which actions are on.
 *
 * Both must allow it: the job's status (the engine's rules: only waiting or running jobs
 * can be cancelled; only waiting or finished jobs deleted; finished jobs submitted again)
 * and the viewer's role, which the API tells per job (`viewerCanCancel`,
 * `viewerCanResubmit`, `viewerCanDelete`) and per job type (`viewerCanSubmit`). The server
 * still checks every action itself; this only keeps the buttons honest.
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
  return STATUS_ALLOWS[action](job.status) && job[RIGHT_FIELDS[action]];
}

/** Does the viewer's role forbid `action` on `job`, whatever its status? */
export function roleForbids(job: JobRights, action: JobAction): boolean {
  return !job[RIGHT_FIELDS[action]];
}

/** The jobs of a selection that allow `action`. */
export function actionable<T extends Pick<Job, "status"> & JobRights>(
  jobs: T[], action: JobAction,
): T[] {
  return jobs.filter((job) => canAct(job, action));
}

/** The job types the viewer may start from this page: their role allows it, and a form exists. */
export function submittable(
  jobTypes: JobTypeInfo[], hasForm: (jobType: JobTypeInfo) => boolean,
): JobTypeInfo[] {
  return jobTypes.filter((jobType) => jobType.viewerCanSubmit && hasForm(jobType));
}
