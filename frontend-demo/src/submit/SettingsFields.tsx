/** The settings every job type shares: start now, or no earlier than a chosen time. */
import { useId } from "preact/hooks";
import type { RunSettings } from "./settings";

interface Props {
  value: RunSettings;
  onChange: (value: RunSettings) => void;
  error: string | null;
}

export function SettingsFields({ value, onChange, error }: Props) {
  const id = useId();
  return (
    <fieldset class="fieldset">
      <legend>When to run</legend>
      <div class="field field--checkbox">
        <input type="radio" id={`${id}-now`} name={`${id}-start`} checked={value.mode === "now"}
               onChange={() => onChange({ ...value, mode: "now" })} />
        <label for={`${id}-now`}>Start now</label>
      </div>
      <div class="field field--checkbox">
        <input type="radio" id={`${id}-at`} name={`${id}-start`} checked={value.mode === "at"}
               onChange={() => onChange({ ...value, mode: "at" })} />
        <label for={`${id}-at`}>Start at a time</label>
      </div>
      {value.mode === "at" && (
        <div class={`field${error ? " field--invalid" : ""}`}>
          <label class="field__label" for={`${id}-time`}>Start at (your local time)</label>
          <input id={`${id}-time`} class="input" type="datetime-local" value={value.at}
                 aria-invalid={error ? true : undefined}
                 onInput={(event) => onChange({ ...value, at: event.currentTarget.value })} />
        </div>
      )}
      {error && <p class="field__error" role="alert">{error}</p>}
    </fieldset>
  );
}
