/**
 * The settings every job type shares: start as the job type's policy says, or no earlier
 * than a chosen time, when an administrator lets users choose; for jobs on a schedule level,
 * whether a later submission for the same level may replace this one while it waits.
 */
import { useId } from "preact/hooks";
import type { JobTypePolicy } from "../api/model";
import { formatTime } from "../jobs/format";
import { SelectField } from "./forms/fields";
import { defaultStartLabel, OVERWRITE_CHOICES, type OverwritePolicy, type RunSettings } from "./settings";

interface Props {
  value: RunSettings;
  onChange: (value: RunSettings) => void;
  error: string | null;
  policy: JobTypePolicy;
}

export function SettingsFields({ value, onChange, error, policy }: Props) {
  const id = useId();
  const byPolicy = policy.start !== "IMMEDIATELY";
  return (
    <fieldset class="fieldset">
      <legend>When to run</legend>
      <div class="field field--checkbox">
        <input type="radio" id={`${id}-default`} name={`${id}-start`} checked={value.mode === "default"}
               onChange={() => onChange({ ...value, mode: "default" })} />
        <label for={`${id}-default`}>{defaultStartLabel(policy)}</label>
        {byPolicy && (
          <p class="field__help">
            The default for these jobs, set by an administrator
            {policy.nextDefaultStartAt
              ? `: a job submitted now starts at ${formatTime(policy.nextDefaultStartAt)} (your local time).`
              : "."}
          </p>
        )}
      </div>
      <div class="field field--checkbox">
        <input type="radio" id={`${id}-at`} name={`${id}-start`} checked={value.mode === "at"}
               disabled={!policy.allowOverride}
               onChange={() => onChange({ ...value, mode: "at" })} />
        <label for={`${id}-at`}>Start at a time</label>
        {!policy.allowOverride && (
          <p class="field__help">An administrator decides when these jobs start.</p>
        )}
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
      {value.overwrite && (
        <SelectField label="While it waits" value={value.overwrite}
                     options={[...OVERWRITE_CHOICES]}
                     onChange={(choice) => onChange({ ...value, overwrite: choice as OverwritePolicy })}
                     help="Whether a later submission of this job type for the same schedule level may replace this job before it starts." />
      )}
    </fieldset>
  );
}
