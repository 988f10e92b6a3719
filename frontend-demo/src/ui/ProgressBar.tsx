/**
 * A job's progress: a bar of fixed size with the percentage, and the job's message on
 * one line beside or below it (cut with an ellipsis, full text on hover), so the layout
 * does not move while progress rises.
 */
import type { JobStatus } from "../api/types";
import { formatPercent } from "../jobs/format";

interface Props {
  progress: number;
  message: string;
  status: JobStatus;
  /** Shown when the job has no message, e.g. "Waiting for a worker". */
  fallback?: string;
}

export function ProgressBar({ progress, message, status, fallback = "" }: Props) {
  const percent = Math.round(Math.min(1, Math.max(0, progress)) * 100);
  const text = message || fallback;
  return (
    <div class={`progress progress--${status.toLowerCase()}`}>
      <div
        class="progress__track"
        role="progressbar"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        aria-valuetext={`${formatPercent(progress)}${text ? `: ${text}` : ""}`}
      >
        <div class="progress__fill" style={{ width: `${percent}%` }} />
        <span class="progress__percent">{formatPercent(progress)}</span>
      </div>
      <div class="progress__message" title={text}>{text || "\u00a0"}</div>
    </div>
  );
}
