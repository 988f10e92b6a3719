/**
 * One job, live: status, progress, result link, and everything about it (parameters,
 * settings, the audit trail, the error). Opens after a job is submitted and when a job
 * number is clicked in the overview.
 *
 * Its Withdraw button (for viewers whose role may cancel the job) cancels the job only
 * while it has not started (`cancelJobs(onlyIfNotStarted: true)`); a job that already runs
 * is left running, and the dialog says so. Closing the dialog never cancels anything.
 */
import { useEffect, useState } from "preact/hooks";
import type { ApiError } from "../api/client";
import { CANCEL_JOBS_MUTATION, JOB_DETAIL_QUERY, JOB_UPDATED_SUBSCRIPTION } from "../api/documents";
import type { CancelJobResult, Job, JobDetail, JobStatus } from "../api/types";
import { handleApiError, useSession } from "../session";
import { Dialog } from "../ui/Dialog";
import { ProgressBar } from "../ui/ProgressBar";
import { StatusBadge } from "../ui/StatusBadge";
import { formatSize, formatTime, paramRows } from "./format";
import { isFinal, isOlder, STATUS_LABELS } from "./status";

interface Props {
  jobId: string;
  onClose: () => void;
  /** Opened right after submitting: the details start folded. */
  justSubmitted?: boolean;
}

interface Message {
  tone: "success" | "warning" | "error";
  text: string;
}

function withdrawMessage(result: CancelJobResult, jobId: string): Message {
  switch (result.__typename) {
    case "Job":
      return { tone: "success", text: `Job ${jobId} was withdrawn: it will not run.` };
    case "JobAlreadyStarted":
      return {
        tone: "warning",
        text: `Job ${jobId} has already started, so it was left running. To stop it, select it `
          + "in the overview and use Cancel job.",
      };
    default:
      return { tone: "error", text: result.message };
  }
}

function isStatus(kind: string): kind is JobStatus {
  return kind in STATUS_LABELS;
}

function Timeline({ job }: { job: JobDetail }) {
  return (
    <ol class="timeline">
      {job.events.map((event, index) => (
        <li key={index} class="timeline__item">
          <time class="timeline__time" dateTime={event.at}>{formatTime(event.at)}</time>
          <span class="timeline__kind">
            {isStatus(event.kind) ? <StatusBadge status={event.kind} /> : <span class="status">{event.kind}</span>}
          </span>
          <span class="timeline__message">{event.message || "—"}</span>
          <span class="timeline__actor">{event.actor ? event.actor.name || event.actor.username : "System"}</span>
        </li>
      ))}
    </ol>
  );
}

function Facts({ rows }: { rows: [string, string][] }) {
  return (
    <dl class="facts">
      {rows.map(([label, value]) => (
        <div key={label} class="facts__row"><dt>{label}</dt><dd>{value}</dd></div>
      ))}
    </dl>
  );
}

export function JobDialog({ jobId, onClose, justSubmitted = false }: Props) {
  const session = useSession();
  const { api, rightsVersion } = session;
  const [detail, setDetail] = useState<JobDetail | null>(null);
  const [latest, setLatest] = useState<Job | null>(null);
  const [gone, setGone] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [message, setMessage] = useState<Message | null>(null);
  const [withdrawing, setWithdrawing] = useState(false);
  const [reads, setReads] = useState(0);

  useEffect(() => {
    let stale = false;
    api.query<{ job: JobDetail | null }>(JOB_DETAIL_QUERY, { id: jobId }).then(
      (data) => {
        if (stale) return;
        if (data.job) {
          setDetail(data.job);
        } else {
          setDetail(null);
          setLatest(null);
          setGone((current) => current
            ?? `Job ${jobId} does not exist, or you may not see it (it may have been deleted).`);
        }
      },
      (err: unknown) => !stale && setError(handleApiError(session, err)),
    );
    return () => {
      stale = true;
    };
  }, [api, rightsVersion, jobId, reads]);

  useEffect(() => api.subscribe<{ jobUpdated: Job }>(
    JOB_UPDATED_SUBSCRIPTION, { id: jobId }, {
      next: ({ jobUpdated }) => setLatest((current) =>
        current && isOlder(jobUpdated, current) ? current : jobUpdated),
      error: (err: ApiError) => {
        if (err.code === "JOB_NOT_FOUND") {
          setGone(err.message);
        } else if (err.code === "RIGHTS_CHANGED") {
          setGone(err.message);
          session.rightsChanged();
        } else {
          setError(handleApiError(session, err));
        }
      },
      complete: () => setReads((n) => n + 1), // final or deleted: read the whole story once more
    }), [api, jobId]);

  // What the viewer may do with the job changed with their rights: the re-read says it.
  useEffect(() => {
    if (rightsVersion > 0) setLatest(null);
  }, [rightsVersion]);

  // A new status adds to the audit trail: read the job again.
  const liveStatus = latest?.status;
  useEffect(() => {
    if (liveStatus && detail && liveStatus !== detail.status) setReads((n) => n + 1);
  }, [liveStatus]);

  const job: JobDetail | null = detail && latest && !isOlder(latest, detail)
    ? { ...detail, ...latest, result: latest.result ? { ...detail.result, ...latest.result } : null }
    : detail;

  async function withdraw() {
    setWithdrawing(true);
    try {
      const data = await api.mutate<{ cancelJobs: CancelJobResult[] }>(
        CANCEL_JOBS_MUTATION, { ids: [jobId], onlyIfNotStarted: true });
      const [result] = data.cancelJobs;
      if (result) {
        if (result.__typename === "Job") setLatest(result);
        setMessage(withdrawMessage(result, jobId));
      }
    } catch (err) {
      setMessage({ tone: "error", text: handleApiError(session, err) });
    } finally {
      setWithdrawing(false);
    }
  }

  const title = job ? <>Job {job.id} <StatusBadge status={job.status} /></> : `Job ${jobId}`;
  const final = job ? isFinal(job.status) : true;
  const waitingUntil = job?.status === "SUBMITTED" && job.startAt && Date.parse(job.startAt) > Date.now()
    ? job.startAt : null;

  return (
    <Dialog title={title} label={`Job ${jobId}`} onClose={onClose} size="wide"
            footer={
              <>
                {job && !final && (
                  <span class="dialog__hint">Closing this window leaves the job running.</span>
                )}
                {job && !final && job.viewerCanCancel && (
                  <button type="button" class="button" disabled={withdrawing} onClick={() => void withdraw()}
                          title="Cancels the job only if it has not started yet">
                    {withdrawing ? "Withdrawing…" : "Withdraw job"}
                  </button>
                )}
                <button type="button" class="button button--primary" onClick={onClose}>Close</button>
              </>
            }>
      {gone && <p class="notice notice--warning" role="status">{gone}</p>}
      {error && <p class="notice notice--error" role="alert">{error}</p>}
      {!job && !gone && !error && <p class="muted">Loading…</p>}
      {job && (
        <div class="job-detail">
          <p class="job-detail__type">
            <strong>{job.type}</strong> <span class="feature">{job.feature}</span>
          </p>
          <ProgressBar progress={job.progress} message={job.progressMessage} status={job.status}
                       fallback={waitingUntil ? `Starts at ${formatTime(waitingUntil)}`
                         : job.status === "SUBMITTED" ? "Waiting for a worker" : ""} />
          {waitingUntil && (
            <p class="job-detail__scheduled">Starts at {formatTime(waitingUntil)} (your local time).</p>
          )}
          {message && <p class={`notice notice--${message.tone}`} role="status">{message.text}</p>}
          {job.status === "FAILED" && (
            <div class="notice notice--error job-detail__error">
              <strong>Error:</strong> {job.error ?? "The job failed without a message."}
            </div>
          )}
          {job.result && (
            <section class="job-detail__result" aria-label="Result">
              <h3>Result</h3>
              <p>{job.result.summary}</p>
              {job.result.files.length > 0 && (
                <ul class="file-links">
                  {job.result.files.map((file) => (
                    <li key={file.name}>
                      <a class="button button--primary" href={file.downloadUrl} download={file.name}>
                        Download {file.name}
                      </a> <span class="muted">{formatSize(file.size)}</span>
                    </li>
                  ))}
                </ul>
              )}
            </section>
          )}
          <details class="job-detail__more" open={!justSubmitted}>
            <summary>Details and audit trail</summary>
            <h3>Parameters</h3>
            <Facts rows={paramRows(job.params)} />
            <h3>Settings and times</h3>
            <Facts rows={[
              ["Start", job.settings.startAt ? `At ${formatTime(job.settings.startAt)}` : "As soon as possible"],
              ["Submitted by", `${job.user.name || job.user.username} (${job.user.username})`],
              ["Submitted", formatTime(job.submittedAt)],
              ["Started", formatTime(job.startedAt)],
              ["Finished", formatTime(job.finishedAt)],
              ["Attempts", String(job.attempt)],
              ...(job.resubmittedFromId ? [["Copy of job", job.resubmittedFromId] as [string, string]] : []),
            ]} />
            <h3>Timeline</h3>
            <Timeline job={job} />
          </details>
        </div>
      )}
    </Dialog>
  );
}
