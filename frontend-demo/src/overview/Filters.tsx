/**
 * The overview's filters (status group, user) and, on narrow screens where the column
 * headers are hidden, a sort control.
 */
import { useId } from "preact/hooks";
import type { JobOrder, JobOrderField, StatusGroup, Viewer } from "../api/types";

export interface OverviewFilter {
  statusGroup: StatusGroup;
  userId: string | null;
}

const GROUPS: { value: StatusGroup; label: string }[] = [
  { value: "ALL", label: "All" },
  { value: "UNPROCESSED", label: "Unprocessed" },
  { value: "PROCESSED", label: "Processed" },
];

export const SORT_LABELS: Record<JobOrderField, string> = {
  ID: "Job",
  TYPE: "Job type",
  STATUS: "Status",
  USER: "User",
  SUBMITTED_AT: "Submitted",
  STARTED_AT: "Started",
  FINISHED_AT: "Finished",
  PROGRESS: "Progress",
};

interface Props {
  filter: OverviewFilter;
  onFilter: (filter: OverviewFilter) => void;
  users: Viewer[];
  order: JobOrder;
  onOrder: (order: JobOrder) => void;
}

export function Filters({ filter, onFilter, users, order, onOrder }: Props) {
  const id = useId();
  return (
    <div class="filters">
      <fieldset class="segmented">
        <legend class="filters__label">Status group</legend>
        {GROUPS.map((group) => (
          <label key={group.value} class="segmented__option">
            <input type="radio" name="status-group" value={group.value}
                   checked={filter.statusGroup === group.value}
                   onChange={() => onFilter({ ...filter, statusGroup: group.value })} />
            <span>{group.label}</span>
          </label>
        ))}
      </fieldset>
      {users.length > 0 && (
        <div class="filters__field">
          <label class="filters__label" for={`${id}-user`}>User</label>
          <select id={`${id}-user`} class="input" value={filter.userId ?? ""}
                  onChange={(event) => onFilter({ ...filter, userId: event.currentTarget.value || null })}>
            <option value="">All users</option>
            {users.map((user) => (
              <option key={user.id} value={user.id}>{user.name} ({user.username})</option>
            ))}
          </select>
        </div>
      )}
      <div class="filters__field narrow-only">
        <label class="filters__label" for={`${id}-sort`}>Sort by</label>
        <span class="sort-control">
          <select id={`${id}-sort`} class="input" value={order.field}
                  onChange={(event) => onOrder({ ...order, field: event.currentTarget.value as JobOrderField })}>
            {Object.entries(SORT_LABELS).map(([field, label]) => (
              <option key={field} value={field}>{label}</option>
            ))}
          </select>
          <button type="button" class="button"
                  aria-label={order.direction === "ASC" ? "Ascending; sort descending" : "Descending; sort ascending"}
                  onClick={() => onOrder({ ...order, direction: order.direction === "ASC" ? "DESC" : "ASC" })}>
            {order.direction === "ASC" ? "▲" : "▼"}
          </button>
        </span>
      </div>
    </div>
  );
}
