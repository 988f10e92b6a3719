/**
 * What the overview shows, as it stands in the address: filters, sort order, page size and
 * page. Only what differs from the defaults is written, so `/` is the default view (newest
 * first, every job the viewer may see).
 *
 * `?q=base&type=OPTIMIZATION&status=FAILED&user=3&level=2&since=7d&sort=-SUBMITTED_AT&size=50`
 */
import type { JobFilter, JobOrder, JobOrderField, JobStatus, StatusGroup } from "../api/model";

/** A status choice: a group of statuses, or one status. */
export type StatusChoice = StatusGroup | JobStatus;

/** How far back the view reaches: presets, or `custom` with `from` / `to` days. */
export type Since = "" | "1h" | "24h" | "7d" | "30d" | "custom";

export interface View {
  q: string;
  type: string | null;
  status: StatusChoice;
  user: string | null;
  level: string | null;
  period: string | null;
  since: Since;
  /** For `custom`: the first and last day (`YYYY-MM-DD`, the browser's days). */
  from: string | null;
  to: string | null;
  order: JobOrder;
  size: number;
  /** The cursor the current page is read after (null: the first page). */
  after: string | null;
}

export const PAGE_SIZES = [25, 50, 100] as const;
export const DEFAULT_ORDER: JobOrder = { field: "ID", direction: "DESC" };
export const DEFAULT_VIEW: View = {
  q: "", type: null, status: "ALL", user: null, level: null, period: null, since: "",
  from: null, to: null, order: DEFAULT_ORDER, size: PAGE_SIZES[0], after: null,
};

const GROUPS: readonly StatusGroup[] = ["ALL", "UNPROCESSED", "PROCESSED"];
const STATUSES: readonly JobStatus[] = [
  "SUBMITTED", "RUNNING", "CANCELLING", "COMPLETED", "FAILED", "CANCELLED",
];
const ORDER_FIELDS: readonly JobOrderField[] = [
  "ID", "TYPE", "STATUS", "USER", "SUBMITTED_AT", "STARTED_AT", "FINISHED_AT", "PROGRESS",
];
const SINCE: readonly Since[] = ["1h", "24h", "7d", "30d", "custom"];
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const ID = /^\d{1,10}$/;

function oneOf<T extends string>(value: string | null, choices: readonly T[]): T | null {
  return value !== null && (choices as readonly string[]).includes(value) ? (value as T) : null;
}

/** The view an address's query string asks for; anything it cannot read is the default. */
export function parseView(query: string): View {
  const p = new URLSearchParams(query);
  const sort = p.get("sort") ?? "";
  const field = oneOf(sort.replace(/^-/, ""), ORDER_FIELDS);
  const size = Number(p.get("size"));
  const since = oneOf(p.get("since"), SINCE) ?? "";
  const day = (name: string) => (DAY.test(p.get(name) ?? "") ? p.get(name) : null);
  const id = (name: string) => (ID.test(p.get(name) ?? "") ? p.get(name) : null);
  return {
    q: (p.get("q") ?? "").slice(0, 200),
    type: p.get("type") || null,
    status: oneOf(p.get("status"), [...GROUPS, ...STATUSES]) ?? "ALL",
    user: id("user"),
    level: id("level"),
    period: id("period"),
    since,
    from: since === "custom" ? day("from") : null,
    to: since === "custom" ? day("to") : null,
    order: field ? { field, direction: sort.startsWith("-") ? "DESC" : "ASC" } : DEFAULT_ORDER,
    size: (PAGE_SIZES as readonly number[]).includes(size) ? size : DEFAULT_VIEW.size,
    after: p.get("after") || null,
  };
}

/** The query string of `view` (empty for the default view). */
export function viewQuery(view: View): string {
  const p = new URLSearchParams();
  if (view.q.trim()) p.set("q", view.q.trim());
  if (view.type) p.set("type", view.type);
  if (view.status !== "ALL") p.set("status", view.status);
  if (view.user) p.set("user", view.user);
  if (view.level) p.set("level", view.level);
  if (view.period) p.set("period", view.period);
  if (view.since) p.set("since", view.since);
  if (view.since === "custom" && view.from) p.set("from", view.from);
  if (view.since === "custom" && view.to) p.set("to", view.to);
  if (view.order.field !== DEFAULT_ORDER.field || view.order.direction !== DEFAULT_ORDER.direction) {
    p.set("sort", `${view.order.direction === "DESC" ? "-" : ""}${view.order.field}`);
  }
  if (view.size !== DEFAULT_VIEW.size) p.set("size", String(view.size));
  if (view.after) p.set("after", view.after);
  return p.toString();
}

/** Whether the view narrows the jobs at all (for the empty state's words). */
export function isFiltered(view: View): boolean {
  return Boolean(view.q.trim() || view.type || view.status !== "ALL" || view.user
    || view.level || view.period || view.since);
}

const HOUR = 3600_000;
const SINCE_MS: Record<Exclude<Since, "" | "custom">, number> = {
  "1h": HOUR, "24h": 24 * HOUR, "7d": 7 * 24 * HOUR, "30d": 30 * 24 * HOUR,
};

function localDay(day: string, plusDays = 0): string {
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  return new Date(y, m - 1, d + plusDays).toISOString();
}

/** The API's filter for `view`, times as of `now`. */
export function apiFilter(view: View, now: Date = new Date()): JobFilter {
  const filter: JobFilter = {};
  if (STATUSES.includes(view.status as JobStatus)) filter.statuses = [view.status as JobStatus];
  else filter.statusGroup = view.status as StatusGroup;
  if (view.q.trim()) filter.search = view.q.trim();
  if (view.type) filter.types = [view.type];
  if (view.user) filter.userIds = [view.user];
  if (view.level) filter.levelIds = [view.level];
  else if (view.period) filter.planningPeriodIds = [view.period];
  if (view.since && view.since !== "custom") {
    filter.submittedFrom = new Date(now.getTime() - SINCE_MS[view.since]).toISOString();
  } else if (view.since === "custom") {
    if (view.from) filter.submittedFrom = localDay(view.from);
    if (view.to) filter.submittedTo = localDay(view.to, 1);
  }
  return filter;
}
