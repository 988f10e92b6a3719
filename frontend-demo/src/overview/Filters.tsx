/**
 * The overview's filters: a search over the jobs' words (titles, subjects, parameters),
 * status, job type, level or period, user and time range — and, on narrow screens where
 * the column headers are hidden, a sort control. Every change goes to the address (see
 * nav/view.ts), so a filtered view can be linked and reloaded.
 */
import { useEffect, useId, useState } from "preact/hooks";
import type { JobOrder, JobOrderField, JobTypeInfo, PlanningPeriod, Viewer } from "../api/model";
import { STATUS_LABELS } from "../jobs/status";
import type { Since, StatusChoice, View } from "../nav/view";

const STATUS_CHOICES: { value: StatusChoice; label: string }[] = [
  { value: "ALL", label: "All statuses" },
  { value: "UNPROCESSED", label: "Unprocessed" },
  { value: "PROCESSED", label: "Processed" },
  ...(["SUBMITTED", "RUNNING", "CANCELLING", "COMPLETED", "FAILED", "CANCELLED"] as const)
    .map((status) => ({ value: status as StatusChoice, label: STATUS_LABELS[status] })),
];

const SINCE_CHOICES: { value: Since; label: string }[] = [
  { value: "", label: "Any time" },
  { value: "1h", label: "Last hour" },
  { value: "24h", label: "Last 24 hours" },
  { value: "7d", label: "Last 7 days" },
  { value: "30d", label: "Last 30 days" },
  { value: "custom", label: "Between dates…" },
];

export const SORT_LABELS: Record<JobOrderField, string> = {
  ID: "Job (newest first)",
  TYPE: "Job type",
  STATUS: "Status",
  USER: "User",
  SUBMITTED_AT: "Submitted",
  STARTED_AT: "Started",
  FINISHED_AT: "Finished",
  PROGRESS: "Progress",
};

/** How long typing pauses before the search runs. */
const SEARCH_PAUSE_MS = 300;

interface Props {
  view: View;
  onView: (view: View, options?: { replace?: boolean }) => void;
  users: Viewer[];
  jobTypes: JobTypeInfo[];
  /** Planning periods with their levels; null when the viewer may not read them. */
  periods: PlanningPeriod[] | null;
}

export function Filters({ view, onView, users, jobTypes, periods }: Props) {
  const id = useId();
  const [search, setSearch] = useState(view.q);
  useEffect(() => setSearch(view.q), [view.q]);
  useEffect(() => {
    if (search === view.q) return;
    const timer = setTimeout(() => onView({ ...view, q: search }, { replace: true }), SEARCH_PAUSE_MS);
    return () => clearTimeout(timer);
  }, [search]);
  // On a phone the filters fold away behind one button (the search stays), so the jobs
  // come first; on wider screens they are always shown.
  const [open, setOpen] = useState(false);
  const where = view.level ? `level:${view.level}` : view.period ? `period:${view.period}` : "";
  const set = (changes: Partial<View>) => onView({ ...view, ...changes });
  const active = [view.status !== "ALL", view.type, where, view.user, view.since].filter(Boolean).length;
  return (
    <form class={`filters${open ? " filters--open" : ""}`} role="search" aria-label="Find jobs"
          onSubmit={(event) => {
      event.preventDefault();
      onView({ ...view, q: search });
    }}>
      <div class="filters__field filters__field--search">
        <label class="filters__label" for={`${id}-q`}>Search</label>
        <input id={`${id}-q`} class="input" type="search" value={search}
               placeholder="Title, level, team, parameter…"
               onInput={(event) => setSearch(event.currentTarget.value)} />
      </div>
      <button type="button" class="button filters__toggle" aria-expanded={open}
              aria-controls={`${id}-more`} onClick={() => setOpen(!open)}>
        Filters{active ? ` (${active})` : ""} {open ? "▴" : "▾"}
      </button>
      <div class="filters__more" id={`${id}-more`}>
      <div class="filters__field">
        <label class="filters__label" for={`${id}-status`}>Status</label>
        <select id={`${id}-status`} class="input" value={view.status}
                title="Unprocessed: waiting or running; processed: finished"
                onChange={(event) => set({ status: event.currentTarget.value as StatusChoice })}>
          {STATUS_CHOICES.map((c) => <option key={c.value} value={c.value}>{c.label}</option>)}
        </select>
      </div>
      <div class="filters__field">
        <label class="filters__label" for={`${id}-type`}>Job type</label>
        <select id={`${id}-type`} class="input" value={view.type ?? ""}
                onChange={(event) => set({ type: event.currentTarget.value || null })}>
          <option value="">All job types</option>
          {jobTypes.map((t) => <option key={t.type} value={t.type}>{t.title}</option>)}
        </select>
      </div>
      {periods && periods.length > 0 && (
        <div class="filters__field">
          <label class="filters__label" for={`${id}-where`}>Level or period</label>
          <select id={`${id}-where`} class="input" value={where}
                  onChange={(event) => {
                    const [kind, value] = event.currentTarget.value.split(":");
                    set({ level: kind === "level" ? value ?? null : null,
                          period: kind === "period" ? value ?? null : null });
                  }}>
            <option value="">All levels and periods</option>
            {periods.map((period) => (
              <optgroup key={period.id} label={period.name}>
                <option value={`period:${period.id}`}>{period.name}: every level</option>
                {period.levels.map((level) => (
                  <option key={level.id} value={`level:${level.id}`}>{period.name} · {level.name}</option>
                ))}
              </optgroup>
            ))}
          </select>
        </div>
      )}
      {users.length > 0 && (
        <div class="filters__field">
          <label class="filters__label" for={`${id}-user`}>User</label>
          <select id={`${id}-user`} class="input" value={view.user ?? ""}
                  onChange={(event) => set({ user: event.currentTarget.value || null })}>
            <option value="">All users</option>
            {users.map((user) => (
              <option key={user.id} value={user.id}>{user.name} ({user.username})</option>
            ))}
          </select>
        </div>
      )}
      <div class="filters__field">
        <label class="filters__label" for={`${id}-since`}>Submitted</label>
        <select id={`${id}-since`} class="input" value={view.since}
                onChange={(event) => set({ since: event.currentTarget.value as Since })}>
          {SINCE_CHOICES.map((c) => <option key={c.value} value={c.value}>{c.label}</option>)}
        </select>
      </div>
      {view.since === "custom" && (
        <>
          <div class="filters__field">
            <label class="filters__label" for={`${id}-from`}>From day</label>
            <input id={`${id}-from`} class="input" type="date" value={view.from ?? ""}
                   onChange={(event) => set({ from: event.currentTarget.value || null })} />
          </div>
          <div class="filters__field">
            <label class="filters__label" for={`${id}-to`}>To day</label>
            <input id={`${id}-to`} class="input" type="date" value={view.to ?? ""}
                   min={view.from ?? undefined}
                   onChange={(event) => set({ to: event.currentTarget.value || null })} />
          </div>
        </>
      )}
      </div>
      <div class="filters__field narrow-only">
        <label class="filters__label" for={`${id}-sort`}>Sort by</label>
        <span class="sort-control">
          <select id={`${id}-sort`} class="input" value={view.order.field}
                  onChange={(event) => set({ order: { ...view.order, field: event.currentTarget.value as JobOrderField } })}>
            {Object.entries(SORT_LABELS).map(([field, label]) => (
              <option key={field} value={field}>{label}</option>
            ))}
          </select>
          <button type="button" class="button"
                  aria-label={view.order.direction === "ASC" ? "Ascending; sort descending" : "Descending; sort ascending"}
                  onClick={() => set({ order: { ...view.order, direction: view.order.direction === "ASC" ? "DESC" : "ASC" } as JobOrder })}>
            {view.order.direction === "ASC" ? "▲" : "▼"}
          </button>
        </span>
      </div>
    </form>
  );
}
