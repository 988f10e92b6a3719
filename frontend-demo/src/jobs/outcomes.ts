/**
 * One sentence per bulk action: "2 cancelled, 1 could not be cancelled: job 1042 already
 * finished", plus each failed job's own message for the details list.
 */
import type { BulkResult, JobStatus } from "../api/model";
import type { JobAction } from "./rights";
import { isFinal } from "./status";

export interface Failure {
  id: string;
  /** The server's message for this job. */
  message: string;
  /** A short reason for the summary sentence, e.g. "job 1042 already finished". */
  reason: string;
}

export interface Outcome {
  action: JobAction;
  summary: string;
  succeeded: string[];
  failures: Failure[];
  /** For resubmits: the new jobs' ids. */
  created: string[];
  tone: "success" | "partial" | "failure";
  /** What happened to each job, in the order asked. */
  items: OutcomeItem[];
}

/** One job's line in the outcome list. */
export interface OutcomeItem {
  id: string;
  ok: boolean;
  text: string;
}

/**
 * The job each result answers for, when the ids were not sent (the "matching" mutations):
 * a resubmit's copy names its original.
 */
export function answeredId(result: BulkResult): string {
  switch (result.__typename) {
    case "Job":
      return ("resubmittedFromId" in result ? result.resubmittedFromId : null) ?? result.id;
    case "DeletedJob":
    case "DuplicateJobId":
    case "JobNotFound":
    case "JobNotCancellable":
    case "JobAlreadyStarted":
    case "JobNotDeletable":
      return result.id;
    case "NotAllowed":
    case "ValidationError":
    case "SettingsOverrideNotAllowed":
      return result.jobId ?? "";
    case "WaitingJobProtected":
      return "";
  }
}

const DONE: Record<JobAction, string> = {
  cancel: "cancelled",
  resubmit: "submitted again",
  delete: "deleted",
};

const VERB: Record<JobAction, string> = {
  cancel: "cancelled",
  resubmit: "submitted again",
  delete: "deleted",
};

function stateReason(id: string, status: JobStatus, action: JobAction): string {
  if (action === "cancel") {
    if (status === "CANCELLING") return `job ${id} is already being cancelled`;
    if (isFinal(status)) return `job ${id} already finished`;
    return `job ${id} has already started`;
  }
  if (action === "delete" && (status === "RUNNING" || status === "CANCELLING")) {
    return `job ${id} is still running (cancel it and wait until it stops)`;
  }
  return `job ${id} is ${status.toLowerCase()}`;
}

/** "You may not…" → "you may not…", to continue a sentence; names like "REPORT" stay. */
function lowerFirst(text: string): string {
  return /^[A-Z][a-z]/.test(text) ? text.charAt(0).toLowerCase() + text.slice(1) : text;
}

function failureOf(result: BulkResult, requestedId: string, action: JobAction): Failure | null {
  switch (result.__typename) {
    case "Job":
    case "DeletedJob":
    case "DuplicateJobId":
      return null;
    case "JobNotFound":
      return { id: result.id, message: result.message,
               reason: `job ${result.id} no longer exists` };
    case "JobNotCancellable":
    case "JobAlreadyStarted":
    case "JobNotDeletable":
      return { id: result.id, message: result.message,
               reason: stateReason(result.id, result.status, action) };
    case "NotAllowed": {
      const id = result.jobId ?? requestedId;
      return { id, message: result.message,
               reason: lowerFirst(result.message.replace(/\.$/, "")) };
    }
    case "SettingsOverrideNotAllowed": {
      const id = result.jobId ?? requestedId;
      return { id, message: result.message,
               reason: `job ${id}: ${lowerFirst(result.message.replace(/\.$/, ""))}` };
    }
    case "WaitingJobProtected":
      return { id: requestedId, message: result.message,
               reason: `job ${requestedId}: ${lowerFirst(result.message.replace(/\.$/, ""))}` };
    case "ValidationError": {
      const id = result.jobId ?? requestedId;
      return { id, message: result.message,
               reason: `job ${id}: ${lowerFirst(result.message.replace(/\.$/, ""))}` };
    }
  }
}

/**
 * Summarise the per-job results of a bulk mutation.
 *
 * @param action what was asked.
 * @param ids the ids sent, in order (the server answers one result per id, in order).
 * @param results the server's results.
 */
export function summarizeOutcome(action: JobAction, ids: string[], results: BulkResult[]): Outcome {
  const succeeded: string[] = [];
  const created: string[] = [];
  const failures: Failure[] = [];
  const items: OutcomeItem[] = [];
  results.forEach((result, index) => {
    // A repeated id was acted on once, at its first position: nothing more to say.
    if (result.__typename === "DuplicateJobId") return;
    const requested = ids[index] ?? "";
    const failure = failureOf(result, requested, action);
    if (failure) {
      failures.push(failure);
      items.push({ id: failure.id, ok: false, text: `Job ${failure.id}: ${failure.message}` });
      return;
    }
    succeeded.push(requested);
    if (action === "resubmit" && result.__typename === "Job") {
      created.push(result.id);
      items.push({ id: requested, ok: true, text: `Job ${requested}: submitted again as job ${result.id}` });
    } else {
      items.push({ id: requested, ok: true, text: `Job ${requested}: ${DONE[action]}` });
    }
  });
  const parts: string[] = [];
  if (succeeded.length) {
    let done = `${succeeded.length} ${DONE[action]}`;
    if (created.length) {
      done += ` (new ${created.length === 1 ? "job" : "jobs"} ${created.join(", ")})`;
    }
    parts.push(done);
  }
  if (failures.length) {
    parts.push(`${failures.length} could not be ${VERB[action]}: `
      + failures.map((f) => f.reason).join("; "));
  }
  const tone = failures.length === 0 ? "success" : succeeded.length ? "partial" : "failure";
  return {
    action,
    summary: parts.join(", ") || "Nothing was selected.",
    succeeded,
    failures,
    created,
    tone,
    items,
  };
}
