/**
 * A job's progress: a bar of fixed size with the percentage — or, for a job that failed or
 * was cancelled, the word and how far it got, in the status's colour — and the job's
 * message below it (two lines at most; the dialog shows it whole), so the layout does not
 * move while progress rises.
 */
import type { JobStatus } from "../api/model";
import { formatPercent } from "../jobs/format";

interface Props {
  progress: number;
  message: string;
  status: JobStatus;
  /** Names the bar for assistive technology, e.g. "Progress of job 42". */
  label: string;
  /** Shown when the job has no message, e.g. "Waiting for a worker". */
  fallback?: string;
  /** The dialog shows the whole message; the table two lines. */
  wrap?: boolean;
}

/** What the bar says: the percentage, or how a job that did not complete ended. */
export function progressText(status: JobStatus, progress: number): string {
  const percent = formatPercent(progress);
  if (status === "FAILED") return `Failed at ${percent}`;
  if (status === "CANCELLED") return `Cancelled at ${percent}`;
  if (status === "CANCELLING") return `Cancelling at ${percent}`;
  return percent;
}

export function ProgressBar({ progress, message, status, label, fallback = "", wrap = false }: Props) {
  const percent = Math.round(Math.min(1, Math.max(0, progress)) * 100);
  const text = message || fallback;
  const shown = progressText(status, progress);
  const ended = status === "FAILED" || status === "CANCELLED";
  return (
    <div class={`progress progress--${status.toLowerCase()}`}>
      <div
        class="progress__track"
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        aria-valuetext={`${shown}${text ? `: ${text}` : ""}`}
      >
        <div class="progress__fill" style={{ width: `${ended ? 100 : percent}%` }} />
        <span class="progress__percent">{shown}</span>
      </div>
      <div class={`progress__message${wrap ? " progress__message--whole" : ""}`} title={text}>
        {text || "\u00a0"}
      </div>
    </div>
  );
}
