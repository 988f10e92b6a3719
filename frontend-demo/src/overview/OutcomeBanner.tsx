/** What a bulk action did: one sentence, and each job that could not be done with its reason. */
import type { Outcome } from "../jobs/outcomes";

export function OutcomeBanner({ outcome, onDismiss }: { outcome: Outcome; onDismiss: () => void }) {
  const tone = outcome.tone === "success" ? "success" : outcome.tone === "partial" ? "warning" : "error";
  return (
    <div class={`notice notice--${tone} outcome`} role="status" aria-live="polite">
      <div class="outcome__text">
        <p class="outcome__summary">{outcome.summary}</p>
        {outcome.failures.length > 1 && (
          <ul class="outcome__failures">
            {outcome.failures.map((failure) => <li key={failure.id}>{failure.message}</li>)}
          </ul>
        )}
      </div>
      <button type="button" class="icon-button" aria-label="Dismiss" onClick={onDismiss}>×</button>
    </div>
  );
}
