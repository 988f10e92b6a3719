/**
 * What the viewer may do with a job: the one place the page decides which actions are on.
 *
 * Both must allow it: the job's status (the engine's rules: only waiting or running jobs
 * can be cancelled; only waiting or finished jobs deleted; finished jobs submitted again)
 * and the viewer's role, which the API tells per job (`viewerCanCancel`,
 * `viewerCanResubmit`, `viewerCanDelete`) and per job type (`viewerCanSubmit`). The server
 * still checks every action itself; this only keeps the buttons honest.
 */
import type { Job, JobRights, JobStatus, JobTypeInfo } from "../api/model";
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

/** Why an action is off for one job, in a few words (the kind groups several jobs). */
export interface Refusal {
  kind: "finished" | "cancelling" | "running" | "unfinished" | "others" | "role";
  text: string;
}

const VERBS: Record<JobAction, string> = {
  cancel: "cancel", resubmit: "submit again", delete: "delete",
};

/**
 * The true reason the viewer may not do `action` with `job` now, or null when they may:
 * first what the job's status forbids (finished, still running), then whose job it is,
 * then the role.
 */
export function refusal(
  job: Pick<Job, "id" | "status" | "user"> & JobRights, action: JobAction, viewerId: string,
): Refusal | null {
  if (!STATUS_ALLOWS[action](job.status)) {
    if (action === "cancel" && job.status === "CANCELLING") {
      return { kind: "cancelling", text: `Job ${job.id} is already being cancelled` };
    }
    if (action === "cancel") return { kind: "finished", text: `Job ${job.id} already finished` };
    if (action === "delete") {
      return { kind: "running", text: `Job ${job.id} is running: cancel it and wait until it stops` };
    }
    return { kind: "unfinished", text: `Job ${job.id} has not finished yet` };
  }
  if (job[RIGHT_FIELDS[action]]) return null;
  if (job.user.id !== viewerId) {
    const owner = job.user.name || job.user.username;
    return { kind: "others", text: `Job ${job.id} is ${owner}'s: your role may not ${VERBS[action]} other users' jobs` };
  }
  return { kind: "role", text: `Your role may not ${VERBS[action]} jobs` };
}

/** Why not, when every selected job gives the same reason. */
const ALL_THE_SAME: Record<Refusal["kind"], (verb: string) => string> = {
  finished: () => "These jobs already finished",
  cancelling: () => "These jobs are already being cancelled",
  running: () => "These jobs are running: cancel them and wait until they stop",
  unfinished: () => "These jobs have not finished yet",
  others: (verb) => `These are other users' jobs: your role may not ${verb} other users' jobs`,
  role: (verb) => `Your role may not ${verb} jobs`,
};

const KIND_WORDS: Record<Refusal["kind"], (n: number) => string> = {
  finished: (n) => `${n} already finished`,
  cancelling: (n) => `${n} already being cancelled`,
  running: (n) => `${n} still running`,
  unfinished: (n) => `${n} not finished yet`,
  others: (n) => `${n} ${n === 1 ? "is another user's" : "are other users'"}`,
  role: (n) => `${n} your role may not touch`,
};

/** Why `action` is off for a selection, or what it would act on. */
export function selectionHint(
  jobs: (Pick<Job, "id" | "status" | "user"> & JobRights)[], action: JobAction, viewerId: string,
): string {
  if (jobs.length === 0) return "Select jobs first";
  const refusals = jobs.map((job) => refusal(job, action, viewerId));
  const allowed = refusals.filter((r) => r === null).length;
  if (jobs.length === 1) return refusals[0]?.text ?? `Job ${jobs[0]!.id}`;
  const counts = new Map<Refusal["kind"], number>();
  for (const r of refusals) if (r) counts.set(r.kind, (counts.get(r.kind) ?? 0) + 1);
  const why = [...counts].map(([kind, n]) => KIND_WORDS[kind](n)).join(", ");
  if (allowed === 0) {
    const [only] = counts.size === 1 ? [...counts.keys()] : [];
    if (only) return ALL_THE_SAME[only](VERBS[action]);
    return `None of the ${jobs.length} selected jobs: ${why}`;
  }
  if (allowed < jobs.length) return `${allowed} of ${jobs.length} selected jobs (${why})`;
  return `${allowed} selected jobs`;
}
