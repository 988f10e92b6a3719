/**
 * The overview's table: one row per job, sortable by clicking a column header. Columns
 * have fixed widths and every cell holds one or two lines, so live updates never move the
 * layout. On a narrow screen each row becomes a card (see styles.css).
 */
import type { Job, JobOrder, JobOrderField } from "../api/types";
import { formatSize } from "../jobs/format";
import { isFinal } from "../jobs/status";
import { ProgressBar } from "../ui/ProgressBar";
import { StatusBadge } from "../ui/StatusBadge";
import { TimeCell } from "../ui/TimeCell";

interface Props {
  rows: Job[];
  order: JobOrder;
  onSort: (field: JobOrderField) => void;
  selected: ReadonlySet<string>;
  onToggle: (id: string) => void;
  onToggleAll: () => void;
  onOpenJob: (id: string) => void;
  loading: boolean;
}

interface Column {
  label: string;
  field: JobOrderField | null;
  className: string;
}

const COLUMNS: Column[] = [
  { label: "Job", field: "ID", className: "col-id" },
  { label: "Job type", field: "TYPE", className: "col-type" },
  { label: "Status", field: "STATUS", className: "col-status" },
  { label: "User", field: "USER", className: "col-user" },
  { label: "Submitted", field: "SUBMITTED_AT", className: "col-time" },
  { label: "Started", field: "STARTED_AT", className: "col-time" },
  { label: "Finished", field: "FINISHED_AT", className: "col-time" },
  { label: "Progress", field: "PROGRESS", className: "col-progress" },
  { label: "Result", field: null, className: "col-result" },
];

function waitingText(job: Job): string {
  if (job.status !== "SUBMITTED") return "";
  if (job.startAt && Date.parse(job.startAt) > Date.now()) return "Scheduled";
  return "Waiting for a worker";
}

function ResultCell({ job }: { job: Job }) {
  if (job.status === "FAILED") {
    return <span class="result-error" title={job.error ?? ""}>{job.error ?? "Failed"}</span>;
  }
  if (!job.result) return <span class="muted">—</span>;
  if (job.result.files.length === 0) {
    return <span class="result-summary" title={job.result.summary}>{job.result.summary}</span>;
  }
  return (
    <ul class="result-files">
      {job.result.files.map((file) => (
        <li key={file.name}>
          <a href={file.downloadUrl} download={file.name}
             title={`${file.name}, ${formatSize(file.size)}`}>{file.name}</a>
        </li>
      ))}
    </ul>
  );
}

function SortHeader({ column, order, onSort }: {
  column: Column; order: JobOrder; onSort: (field: JobOrderField) => void;
}) {
  if (!column.field) return <th class={column.className} scope="col">{column.label}</th>;
  const field = column.field;
  const active = order.field === field;
  const direction = active ? (order.direction === "ASC" ? "ascending" : "descending") : undefined;
  return (
    <th class={column.className} scope="col" aria-sort={direction ?? "none"}>
      <button type="button" class="sort-button" onClick={() => onSort(field)}
              title={`Sort by ${column.label.toLowerCase()}`}>
        {column.label}
        <span class="sort-button__arrow" aria-hidden="true">
          {active ? (order.direction === "ASC" ? "▲" : "▼") : ""}
        </span>
      </button>
    </th>
  );
}

export function JobTable({ rows, order, onSort, selected, onToggle, onToggleAll, onOpenJob,
                           loading }: Props) {
  const selectedHere = rows.filter((row) => selected.has(row.id)).length;
  const allSelected = rows.length > 0 && selectedHere === rows.length;
  return (
    <div class="table-wrap">
      <table class="jobs" aria-busy={loading}>
        <colgroup>
          <col class="col-select" />
          {COLUMNS.map((column) => <col key={column.label} class={column.className} />)}
        </colgroup>
        <thead>
          <tr>
            <th class="col-select" scope="col">
              <input
                type="checkbox"
                aria-label="Select all jobs on this page"
                checked={allSelected}
                indeterminate={selectedHere > 0 && !allSelected}
                disabled={rows.length === 0}
                onChange={onToggleAll}
              />
            </th>
            {COLUMNS.map((column) => (
              <SortHeader key={column.label} column={column} order={order} onSort={onSort} />
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((job) => (
            <tr key={job.id} data-job-id={job.id} data-status={job.status}
                class={selected.has(job.id) ? "is-selected" : undefined}>
              <td class="col-select">
                <input type="checkbox" aria-label={`Select job ${job.id}`}
                       checked={selected.has(job.id)} onChange={() => onToggle(job.id)} />
              </td>
              <td class="col-id" data-label="Job">
                <button type="button" class="link-button" onClick={() => onOpenJob(job.id)}
                        title={`Show job ${job.id}`}>{job.id}</button>
              </td>
              <td class="col-type" data-label="Job type">
                <span class="job-type">{job.type}</span>
                <span class="feature" title={job.feature}>{job.feature}</span>
              </td>
              <td class="col-status" data-label="Status"><StatusBadge status={job.status} /></td>
              <td class="col-user" data-label="User">
                <span title={job.user.username}>{job.user.name || job.user.username}</span>
              </td>
              <td class="col-time" data-label="Submitted"><TimeCell iso={job.submittedAt} /></td>
              <td class="col-time" data-label="Started">
                <TimeCell iso={job.startedAt}
                          placeholder={job.status === "SUBMITTED" && job.startAt ? job.startAt : null} />
              </td>
              <td class="col-time" data-label="Finished"><TimeCell iso={job.finishedAt} /></td>
              <td class="col-progress" data-label="Progress">
                <ProgressBar progress={job.progress} message={job.progressMessage}
                             status={job.status}
                             fallback={isFinal(job.status) ? "" : waitingText(job)} />
              </td>
              <td class="col-result" data-label="Result"><ResultCell job={job} /></td>
            </tr>
          ))}
        </tbody>
      </table>
      {!loading && rows.length === 0 && <p class="empty">No jobs match these filters.</p>}
    </div>
  );
}
