/**
 * Keeping the overview's page current from the `jobEvents` stream, without reading it again.
 *
 * The rows stay true to the sort: a row that changes moves to where the sort puts it (or
 * leaves the page when it now sorts onto another). Jobs the page does not show — new
 * ones, or ones that came into the filter — are not inserted under the pointer but
 * counted, so the page can say "3 new jobs: show them"; only the viewer's own (just
 * submitted, they expect to see it) go straight into place. Jobs that were deleted or left
 * the filter go. A late event never undoes a newer state.
 */
import type { Job, JobEvent, JobOrder } from "../api/model";
import { isOlder } from "../jobs/status";

export interface PageRows {
  rows: Job[];
  /** Jobs created, or come into the filter, since the page was read (not shown). */
  unseen: number;
}

export interface PageWindow {
  order: JobOrder;
  /** The viewer: their own new jobs are shown at once, others' counted. */
  viewerId?: string;
  isFirstPage: boolean;
  hasNextPage: boolean;
}

function timeValue(iso: string | null): number {
  // Jobs not started or not finished count as later than every time (as the API sorts).
  return iso === null ? Number.POSITIVE_INFINITY : Date.parse(iso);
}

function sortValue(job: Job, field: JobOrder["field"]): number | string {
  switch (field) {
    case "ID": return Number(job.id);
    case "TYPE": return job.type;
    case "STATUS": return job.status;
    case "USER": return Number(job.user.id);
    case "SUBMITTED_AT": return Date.parse(job.submittedAt);
    case "STARTED_AT": return timeValue(job.startedAt);
    case "FINISHED_AT": return timeValue(job.finishedAt);
    case "PROGRESS": return job.progress;
  }
}

function compareValues(a: number | string, b: number | string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}

/** Negative when `a` comes before `b` in `order` (ties broken by id, same direction). */
export function compareJobs(a: Job, b: Job, order: JobOrder): number {
  const byField = compareValues(sortValue(a, order.field), sortValue(b, order.field));
  const result = byField !== 0 ? byField : compareValues(Number(a.id), Number(b.id));
  return order.direction === "ASC" ? result : -result;
}

/** Does `job` sort into the stretch of the list this page shows? */
export function belongsInPage(job: Job, rows: Job[], window: PageWindow): boolean {
  if (rows.length === 0) return window.isFirstPage && !window.hasNextPage;
  const afterStart = window.isFirstPage || compareJobs(job, rows[0]!, window.order) > 0;
  const beforeEnd = !window.hasNextPage
    || compareJobs(job, rows[rows.length - 1]!, window.order) < 0;
  return afterStart && beforeEnd;
}

function insertSorted(rows: Job[], job: Job, order: JobOrder): Job[] {
  const index = rows.findIndex((row) => compareJobs(job, row, order) < 0);
  const at = index === -1 ? rows.length : index;
  return [...rows.slice(0, at), job, ...rows.slice(at)];
}

/** The page after one event. */
export function applyJobEvent(page: PageRows, event: JobEvent, window: PageWindow): PageRows {
  const { job } = event;
  const index = page.rows.findIndex((row) => row.id === job.id);
  if (event.kind === "DELETED" || !event.matchesFilter) {
    if (index === -1) return page;
    return { ...page, rows: page.rows.filter((row) => row.id !== job.id) };
  }
  if (index !== -1) {
    if (isOlder(job, page.rows[index]!)) return page;
    const others = page.rows.filter((row) => row.id !== job.id);
    if (!belongsInPage(job, others, window)) return { ...page, rows: others };
    return { ...page, rows: insertSorted(others, job, window.order) };
  }
  const belongs = belongsInPage(job, page.rows, window);
  if (belongs && window.viewerId !== undefined && job.user.id === window.viewerId) {
    return { ...page, rows: insertSorted(page.rows, job, window.order) };
  }
  if (event.kind === "CREATED" || belongs) return { ...page, unseen: page.unseen + 1 };
  return page;
}
