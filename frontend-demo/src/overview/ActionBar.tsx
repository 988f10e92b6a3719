/**
 * Submit job again, Cancel job, Delete job, Refresh. Each acts on the selected jobs and is
 * on only when at least one of them allows it, by its status and the viewer's role
 * (`canAct`); the button's tooltip says why it is off. The server answers per job, and
 * the outcome says which ones could not be done and why.
 */
import type { Job } from "../api/types";
import { actionable, roleForbids, type JobAction } from "../jobs/rights";

interface Props {
  selected: Job[];
  busy: JobAction | null;
  onAction: (action: JobAction) => void;
  onRefresh: () => void;
  refreshing: boolean;
}

interface Words {
  /** What the role may not do, e.g. `jobs => "cancel " + jobs`. */
  refused: (jobs: string) => string;
  done: string;
}

const BUTTONS: ({ action: JobAction; label: string } & Words)[] = [
  { action: "resubmit", label: "Submit job again", refused: (jobs) => `submit ${jobs} again`,
    done: "submitted again" },
  { action: "cancel", label: "Cancel job", refused: (jobs) => `cancel ${jobs}`, done: "cancelled" },
  { action: "delete", label: "Delete job", refused: (jobs) => `delete ${jobs}`, done: "deleted" },
];

/** The tooltip of an action's button: why it is off, or what it acts on. */
export function actionHint(selected: Job[], action: JobAction, allowed: number,
                           { refused, done }: Words): string {
  if (selected.length === 0) return "Select jobs first";
  if (allowed === 0 && selected.every((job) => roleForbids(job, action))) {
    return `Your role may not ${refused(selected.length === 1 ? "this job" : "these jobs")}`;
  }
  if (allowed === 0) return `None of the selected jobs can be ${done}`;
  if (allowed < selected.length) return `${allowed} of ${selected.length} selected jobs can be ${done}`;
  return `${allowed} selected ${allowed === 1 ? "job" : "jobs"}`;
}

export function ActionBar({ selected, busy, onAction, onRefresh, refreshing }: Props) {
  return (
    <div class="action-bar" role="toolbar" aria-label="Job actions">
      <span class="action-bar__count" aria-live="polite">
        {selected.length === 0 ? "No job selected" : `${selected.length} selected`}
      </span>
      {BUTTONS.map(({ action, label, ...words }) => {
        const allowed = actionable(selected, action).length;
        return (
          <button key={action} type="button"
                  class={`button${action === "delete" ? " button--danger" : ""}`}
                  disabled={allowed === 0 || busy !== null}
                  title={actionHint(selected, action, allowed, words)}
                  onClick={() => onAction(action)}>
            {busy === action ? `${label}…` : label}
          </button>
        );
      })}
      <button type="button" class="button" onClick={onRefresh} disabled={refreshing}>Refresh</button>
    </div>
  );
}
