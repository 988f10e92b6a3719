/**
 * One job, live: what it is about, its status and progress, what it achieved (the full
 * summary, its numbers, the before/after chart, images and files), the full error with a
 * copy button, and everything about it (parameters, settings, the audit trail). Opens
 * after a job is submitted, when a job number is clicked, and at `/jobs/{id}`.
 *
 * A waiting job can be withdrawn (`cancelJobs(onlyIfNotStarted: true)`: a job that started
 * meanwhile keeps running, and the dialog says so); a running one cancelled, after a
 * confirmation naming it — it then shows CANCELLING until it stops. A button the viewer may
 * not use says why. Closing the dialog never cancels anything.
 */
import { useEffect, useState } from "preact/hooks";
import { type ApiError, isOutage, reconnectDelayMs } from "../api/client";
import { CANCEL_JOBS_MUTATION, JOB_DETAIL_QUERY, JOB_UPDATED_SUBSCRIPTION } from "../api/documents";
import type { CancelJobResult, Figure, Job, JobDetail, JobStatus } from "../api/model";
import { handleApiError, useSession } from "../session";
import { CoverageChart, coveragePoints } from "../ui/CoverageChart";
import { Dialog } from "../ui/Dialog";
import { ProgressBar } from "../ui/ProgressBar";
import { StatusBadge } from "../ui/StatusBadge";
import { formatSize, formatTime, paramRows } from "./format";
import { refusal } from "./rights";
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

function cancelMessage(result: CancelJobResult, jobId: string, withdrawing: boolean): Message {
  switch (result.__typename) {
    case "Job":
      if (withdrawing || result.status === "CANCELLED") {
        return { tone: "success", text: `Job ${jobId} was withdrawn: it will not run.` };
      }
      return { tone: "success", text: `Job ${jobId} is being cancelled: it stops at its next checkpoint and keeps none of its changes.` };
    case "JobAlreadyStarted":
      return {
        tone: "warning",
        text: `Job ${jobId} has already started, so it was left running. To stop it, use Cancel job.`,
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

function number(value: number, unit: string): string {
  const text = Number.isInteger(value) ? value.toLocaleString() : value.toLocaleString(undefined, { maximumFractionDigits: 1 });
  return unit ? `${text} ${unit}` : text;
}

function Figures({ figures }: { figures: Figure[] }) {
  if (figures.length === 0) return null;
  const changed = figures.some((f) => f.before !== null);
  return (
    <table class="figures">
      <thead>
        <tr><th scope="col">What</th>{changed && <th scope="col">Before</th>}<th scope="col">{changed ? "After" : "Value"}</th></tr>
      </thead>
      <tbody>
        {figures.map((f) => (
          <tr key={f.label}>
            <th scope="row">{f.label}</th>
            {changed && <td>{f.before === null ? "" : number(f.before, f.unit)}</td>}
            <td>{number(f.value, f.unit)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function ErrorText({ error }: { error: string }) {
  const [copied, setCopied] = useState<string | null>(null);
  async function copy() {
    try {
      await navigator.clipboard.writeText(error);
      setCopied("Copied.");
    } catch {
      setCopied("Copying is not allowed here: select the text and copy it.");
    }
  }
  return (
    <div class="notice notice--error job-detail__error" role="group" aria-label="Error">
      <div class="job-detail__error-head">
        <strong>Why it failed</strong>
        <button type="button" class="button button--small" onClick={() => void copy()}>Copy error</button>
        <span class="muted" aria-live="polite">{copied}</span>
      </div>
      <pre class="job-detail__error-text">{error}</pre>
    </div>
  );
}

export function JobDialog({ jobId, onClose, justSubmitted = false }: Props) {
  const session = useSession();
  const { api, rightsVersion, viewer } = session;
  const [detail, setDetail] = useState<JobDetail | null>(null);
  const [latest, setLatest] = useState<Job | null>(null);
  const [gone, setGone] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [message, setMessage] = useState<Message | null>(null);
  const [acting, setActing] = useState<"withdraw" | "cancel" | null>(null);
  const [confirmCancel, setConfirmCancel] = useState(false);
  const [reads, setReads] = useState(0);

  useEffect(() => {
    let stale = false;
    api.query(JOB_DETAIL_QUERY, { id: jobId }).then(
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

  const [following, setFollowing] = useState(0);

  useEffect(() => api.subscribe(JOB_UPDATED_SUBSCRIPTION, { id: jobId }, {
    next: ({ jobUpdated }) => setLatest((current) =>
      current && isOlder(jobUpdated, current) ? current : jobUpdated),
    error: (err: ApiError) => {
      if (isOutage(err)) {
        // The server's database is away for a moment: follow again, and read the job
        // again (the query waits until the server answers).
        setTimeout(() => {
          setFollowing((n) => n + 1);
          setReads((n) => n + 1);
        }, reconnectDelayMs(2));
      } else if (err.code === "JOB_NOT_FOUND") {
        setGone(err.message);
      } else if (err.code === "RIGHTS_CHANGED") {
        setGone(err.message);
        session.rightsChanged();
      } else {
        setError(handleApiError(session, err));
      }
    },
    complete: () => setReads((n) => n + 1), // final or deleted: read the whole story once more
  }), [api, jobId, following]);

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
    ? { ...detail, ...latest, result: latest.result && detail.result
      ? { ...detail.result, ...latest.result } : detail.result ?? null }
    : detail;

  async function cancel(onlyIfNotStarted: boolean) {
    setConfirmCancel(false);
    setActing(onlyIfNotStarted ? "withdraw" : "cancel");
    try {
      const data = await api.mutate(CANCEL_JOBS_MUTATION, { ids: [jobId], onlyIfNotStarted });
      const [result] = data.cancelJobs;
      if (result) {
        if (result.__typename === "Job") setLatest(result);
        setMessage(cancelMessage(result, jobId, onlyIfNotStarted));
      }
    } catch (err) {
      setMessage({ tone: "error", text: handleApiError(session, err) });
    } finally {
      setActing(null);
    }
  }

  const title = job ? <>Job {job.id} <StatusBadge status={job.status} /></> : `Job ${jobId}`;
  const final = job ? isFinal(job.status) : true;
  const waitingUntil = job?.status === "SUBMITTED" && job.startAt && Date.parse(job.startAt) > Date.now()
    ? job.startAt : null;
  const cancelRefusal = job && !final && job.status !== "SUBMITTED" ? refusal(job, "cancel", viewer.id) : null;
  const points = coveragePoints(job?.result?.data);
  const images = job?.result?.files.filter((file) => file.contentType.startsWith("image/")) ?? [];
  const name = job ? `${job.title}${job.subject ? ` · ${job.subject}` : ""}` : "";

  return (
    <Dialog title={title} label={`Job ${jobId}`} onClose={onClose} size="wide"
            footer={
              <>
                {job && !final && (
                  <span class="dialog__hint">Closing this window leaves the job running.</span>
                )}
                {job && job.status === "SUBMITTED" && job.viewerCanCancel && (
                  <button type="button" class="button" disabled={acting !== null} onClick={() => void cancel(true)}
                          title="Cancels the job only if it has not started yet">
                    {acting === "withdraw" ? "Withdrawing…" : "Withdraw job"}
                  </button>
                )}
                {job && (job.status === "RUNNING" || job.status === "CANCELLING") && (
                  <span class="action-bar__item" title={cancelRefusal?.text ?? "Stop the job at its next checkpoint"}>
                    <button type="button" class="button button--danger"
                            disabled={acting !== null || cancelRefusal !== null}
                            aria-describedby="dialog-cancel-why"
                            onClick={() => setConfirmCancel(true)}>
                      {job.status === "CANCELLING" ? "Cancelling…" : acting === "cancel" ? "Cancelling…" : "Cancel job"}
                    </button>
                    <span id="dialog-cancel-why" class="visually-hidden">
                      {cancelRefusal?.text ?? "Stop the job at its next checkpoint"}
                    </span>
                  </span>
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
            <strong class="job-detail__title">{job.title}</strong>
            <span class="chip">{job.type}</span>
            {job.subject && <span class="job-detail__subject">{job.subject}</span>}
          </p>
          <p class="job-detail__feature muted">{job.feature}</p>
          <ProgressBar progress={job.progress} message={job.progressMessage} status={job.status}
                       label={`Progress of job ${job.id}`} wrap
                       fallback={waitingUntil ? `Starts at ${formatTime(waitingUntil)}`
                         : job.status === "SUBMITTED" ? "Waiting for a worker" : ""} />
          {waitingUntil && (
            <p class="job-detail__scheduled">Starts at {formatTime(waitingUntil)} (your local time).</p>
          )}
          {job.status === "CANCELLING" && (
            <p class="notice notice--warning" role="status">
              Cancelling: the job stops at its next checkpoint and keeps none of its changes.
            </p>
          )}
          {message && <p class={`notice notice--${message.tone}`} role="status">{message.text}</p>}
          {job.status === "FAILED" && <ErrorText error={job.error ?? "The job failed without a message."} />}
          {job.result && (
            <section class="job-detail__result" aria-label="Result">
              <h3>Result{job.result.headline ? `: ${job.result.headline}` : ""}</h3>
              <p>{job.result.summary}</p>
              <Figures figures={job.result.figures ?? []} />
              {points && <CoverageChart points={points} />}
              {images.map((file) => (
                <figure key={file.name} class="result-image">
                  <img src={file.downloadUrl} alt={`${file.name}: the chart this job drew`} loading="lazy" />
                  <figcaption class="muted">{file.name}</figcaption>
                </figure>
              ))}
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
            <Facts rows={paramRows((job.params ?? {}) as Record<string, unknown>)} />
            <h3>Settings and times</h3>
            <Facts rows={[
              ...(job.level ? [["Schedule level", job.level.name] as [string, string]] : []),
              ...(job.planningPeriod ? [["Planning period",
                `${job.planningPeriod.name} (${job.planningPeriod.startDate} to ${job.planningPeriod.endDate})`] as [string, string]] : []),
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
      {confirmCancel && job && (
        <Dialog title={`Cancel job ${job.id}?`} label={`Cancel job ${job.id}`} onClose={() => setConfirmCancel(false)}
                footer={
                  <>
                    <button type="button" class="button" onClick={() => setConfirmCancel(false)}>Keep it running</button>
                    <button type="button" class="button button--danger" onClick={() => void cancel(false)}>
                      Cancel job {job.id}
                    </button>
                  </>
                }>
          <p>
            Cancel job {job.id}, <strong>{name}</strong>? It stops at its next checkpoint and
            keeps none of its changes.
          </p>
        </Dialog>
      )}
    </Dialog>
  );
}
