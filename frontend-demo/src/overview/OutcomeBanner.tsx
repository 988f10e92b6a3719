/**
 * What a bulk action did: one sentence, and the outcome of each job. Shown in the toast
 * area at the bottom of the screen, over the page, so it never moves the table.
 */
import type { Outcome } from "../jobs/outcomes";

export function OutcomeBanner({ outcome, onDismiss }: { outcome: Outcome; onDismiss: () => void }) {
  const tone = outcome.tone === "success" ? "success" : outcome.tone === "partial" ? "warning" : "error";
  return (
    <div class={`notice notice--${tone} outcome`} role="status" aria-live="polite">
      <div class="outcome__text">
        <p class="outcome__summary">{outcome.summary}</p>
        {outcome.items.length > 1 && (
          <details class="outcome__details" open={outcome.failures.length > 0 && outcome.items.length <= 8}>
            <summary>Each job ({outcome.items.length})</summary>
            <ul class="outcome__items">
              {outcome.items.map((item, index) => (
                <li key={`${item.id}-${index}`} class={item.ok ? "outcome__ok" : "outcome__failed"}>
                  <span aria-hidden="true">{item.ok ? "✓ " : "✗ "}</span>{item.text}
                </li>
              ))}
            </ul>
          </details>
        )}
      </div>
      <button type="button" class="icon-button" aria-label="Dismiss" onClick={onDismiss}>×</button>
    </div>
  );
}
