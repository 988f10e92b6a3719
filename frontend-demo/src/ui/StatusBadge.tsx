/** A job's status as a coloured label (the colour repeats the word; it never replaces it). */
import type { JobStatus } from "../api/model";
import { STATUS_LABELS } from "../jobs/status";

export function StatusBadge({ status }: { status: JobStatus }) {
  return (
    <span class={`status status--${status.toLowerCase()}`} data-status={status}>
      {STATUS_LABELS[status]}
    </span>
  );
}
