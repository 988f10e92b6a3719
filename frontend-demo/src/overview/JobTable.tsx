/**
 * The overview's table: one row per job, sortable by clicking a column header. A job is
 * named as people name it — its title and the subject made from its parameters, with the
 * type as a chip — and its result column shows what it achieved in a few words. Columns
 * have fixed widths and cells at most two lines, so live updates never move the layout.
 * On a narrow screen each row becomes a full-width card (see styles.css).
 */
import type { Job, JobOrder, JobOrderField } from "../api/model";
import { firstLine, formatSize } from "../jobs/format";
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
  /** What to show when there are no rows (the words depend on the filters). */
  empty: preact.ComponentChildren;
}

interface Column {
  label: string;
  field: JobOrderField | null;
  className: string;
}

const COLUMNS: Column[] = [
  { label: "Job", field: "ID", className: "col-id" },
  { label: "What", field: "TYPE", className: "col-type" },
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

/** The few words a row has for a job's outcome. */
export function resultText(job: Pick<Job, "status" | "error" | "result">): string {
  if (job.status === "FAILED") return `Failed: ${firstLine(job.error ?? "no message")}`;
  if (job.status === "CANCELLED") return "Cancelled: nothing was changed";
  return job.result?.headline || job.result?.summary || "";
}

function ResultCell({ job, onOpen }: { job: Job; onOpen: () => void }) {
  const text = resultText(job);
  if (!text) return <span class="muted">—</span>;
  const files = job.result?.files ?? [];
  return (
    <>
      <span class={`result-headline${job.status === "FAILED" ? " result-error" : ""}`} title={text}>
        {text}
      </span>
      {files.length > 0 && (
        files.length <= 2 ? (
          <span class="result-files">
            {files.flatMap((file, index) => [
              index > 0 ? " · " : null,
              <a key={file.name} href={file.downloadUrl} download={file.name}
                 title={`${file.name}, ${formatSize(file.size)}`}>{file.name}</a>,
            ])}
          </span>
        ) : (
          <button type="button" class="link-button result-files" onClick={onOpen}
                  title={files.map((file) => file.name).join(", ")}>
            {files.length} files
          </button>
        )
      )}
    </>
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
                           loading, empty }: Props) {
  const selectedHere = rows.filter((row) => selected.has(row.id)).length;
  const allSelected = rows.length > 0 && selectedHere === rows.length;
  return (
    <div class="table-wrap">
      <table class="jobs" aria-busy={loading} aria-label="Jobs">
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
                <a class="job-link" href={`/jobs/${job.id}`} title={`Show job ${job.id}`}
                   onClick={(event) => {
                     if (event.ctrlKey || event.metaKey || event.shiftKey) return;
                     event.preventDefault();
                     onOpenJob(job.id);
                   }}>{job.id}</a>
              </td>
              <td class="col-type" data-label="What">
                <span class="job-title">
                  <span class="job-title__name">{job.title}</span>
                  <span class="chip" title={job.feature}>{job.type}</span>
                </span>
                <span class="job-subject" title={job.subject || job.feature}>
                  {job.subject || job.feature}
                </span>
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
                             status={job.status} label={`Progress of job ${job.id}`}
                             fallback={isFinal(job.status) ? "" : waitingText(job)} />
              </td>
              <td class="col-result" data-label="Result">
                <ResultCell job={job} onOpen={() => onOpenJob(job.id)} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {!loading && rows.length === 0 && <div class="empty">{empty}</div>}
    </div>
  );
}
