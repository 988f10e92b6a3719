/**
 * Submit job again, Cancel job, Delete job, Retry failed, Refresh — sticky at the bottom
 * of a phone's screen. Each acts on the selected jobs, or on every job the view matches
 * once "select all matching" was chosen, and is on only when at least one of them allows
 * it, by its status and the viewer's role; the button's tooltip gives the true reason it
 * is off (finished, another user's, the role). The server answers per job.
 */
import type { Job } from "../api/model";
import { actionable, selectionHint, type JobAction } from "../jobs/rights";

interface Props {
  selected: Job[];
  /** All jobs the view matches are selected (acts through the "matching" mutations). */
  matching: number | null;
  viewerId: string;
  busy: JobAction | "retry" | null;
  onAction: (action: JobAction) => void;
  onRetryFailed: () => void;
  onRefresh: () => void;
  refreshing: boolean;
  /** Whether the viewer may resubmit anything at all (retry needs it). */
  mayRetry: boolean;
}

const BUTTONS: { action: JobAction; label: string }[] = [
  { action: "resubmit", label: "Submit job again" },
  { action: "cancel", label: "Cancel job" },
  { action: "delete", label: "Delete job" },
];

export function ActionBar({ selected, matching, viewerId, busy, onAction, onRetryFailed,
                            onRefresh, refreshing, mayRetry }: Props) {
  const count = matching !== null
    ? `All ${matching.toLocaleString()} matching jobs selected`
    : selected.length === 0 ? "No job selected" : `${selected.length} selected`;
  return (
    <div class="action-bar" role="toolbar" aria-label="Job actions">
      <span class="action-bar__count" aria-live="polite">{count}</span>
      {BUTTONS.map(({ action, label }) => {
        const allowed = matching !== null ? matching : actionable(selected, action).length;
        const hint = matching !== null
          ? `${label} for each of the ${matching.toLocaleString()} matching jobs that allows it`
          : selectionHint(selected, action, viewerId);
        return (
          <span key={action} class="action-bar__item" title={hint}>
            <button type="button"
                    class={`button${action === "delete" ? " button--danger" : ""}`}
                    disabled={allowed === 0 || busy !== null}
                    title={hint} aria-describedby={`hint-${action}`}
                    onClick={() => onAction(action)}>
              {busy === action ? `${label}…` : label}
            </button>
            <span id={`hint-${action}`} class="visually-hidden">{hint}</span>
          </span>
        );
      })}
      <button type="button" class="button" onClick={onRetryFailed} disabled={!mayRetry || busy !== null}
              title={mayRetry ? "Submit again every failed job this view matches"
                : "Your role may not submit jobs again"}>
        {busy === "retry" ? "Retrying…" : "Retry failed in view"}
      </button>
      <button type="button" class="button" onClick={onRefresh} disabled={refreshing}>Refresh</button>
    </div>
  );
}
