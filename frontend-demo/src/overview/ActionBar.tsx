/**
 * Submit job again, Cancel job, Delete job, Refresh. Each acts on the selected jobs and is
 * on only when at least one of them allows it (`canAct`); the server answers per job, and
 * the outcome says which ones could not be done and why.
 */
import type { Job } from "../api/types";
import { actionable, type JobAction } from "../jobs/rights";

interface Props {
  selected: Job[];
  busy: JobAction | null;
  onAction: (action: JobAction) => void;
  onRefresh: () => void;
  refreshing: boolean;
}

const BUTTONS: { action: JobAction; label: string; verb: string }[] = [
  { action: "resubmit", label: "Submit job again", verb: "submitted again" },
  { action: "cancel", label: "Cancel job", verb: "cancelled" },
  { action: "delete", label: "Delete job", verb: "deleted" },
];

function hint(selected: Job[], allowed: number, verb: string): string {
  if (selected.length === 0) return "Select jobs first";
  if (allowed === 0) return `None of the selected jobs can be ${verb}`;
  if (allowed < selected.length) return `${allowed} of ${selected.length} selected jobs can be ${verb}`;
  return `${allowed} selected ${allowed === 1 ? "job" : "jobs"}`;
}

export function ActionBar({ selected, busy, onAction, onRefresh, refreshing }: Props) {
  return (
    <div class="action-bar" role="toolbar" aria-label="Job actions">
      <span class="action-bar__count" aria-live="polite">
        {selected.length === 0 ? "No job selected" : `${selected.length} selected`}
      </span>
      {BUTTONS.map(({ action, label, verb }) => {
        const allowed = actionable(selected, action).length;
        return (
          <button key={action} type="button"
                  class={`button${action === "delete" ? " button--danger" : ""}`}
                  disabled={allowed === 0 || busy !== null}
                  title={hint(selected, allowed, verb)}
                  onClick={() => onAction(action)}>
            {busy === action ? `${label}…` : label}
          </button>
        );
      })}
      <button type="button" class="button" onClick={onRefresh} disabled={refreshing}>Refresh</button>
    </div>
  );
}
