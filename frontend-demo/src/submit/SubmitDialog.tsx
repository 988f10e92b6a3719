/**
 * Starting a job: the job type's form with the shared settings (as the job type's policy
 * allows), then a confirmation of what will run, then `submitJob`. The server's refusals
 * come back to the field they name (`ValidationError`, `SettingsOverrideNotAllowed`) or
 * above the form (`NotAllowed`, `WaitingJobProtected`); a new job hands over to the job
 * dialog.
 */
import { useState } from "preact/hooks";
import { SUBMIT_JOB_MUTATION } from "../api/documents";
import type { Job, JobTypeInfo, SubmitJobInput } from "../api/model";
import { formatTime, humanize, paramRows } from "../jobs/format";
import { handleApiError, useSession } from "../session";
import { Dialog } from "../ui/Dialog";
import {
  nameReferences, ReferenceContext, referenceKind, useReferenceData, worksOnLevel,
} from "./forms/references";
import type { FieldErrors, JobForm } from "./forms/types";
import { SettingsFields } from "./SettingsFields";
import {
  defaultSettings, defaultStartSummary, OVERWRITE_CHOICES, settingsError, settingsInput,
  type RunSettings,
} from "./settings";

interface Props {
  jobType: JobTypeInfo;
  form: JobForm<unknown>;
  onClose: () => void;
  onSubmitted: (job: Job) => void;
}

/** `params.report.team` → `team`; other paths (e.g. `settings.startAt`) stay as they are. */
export function formFieldPath(field: string, member: string): string {
  const prefix = `params.${member}.`;
  return field.startsWith(prefix) ? field.slice(prefix.length) : field;
}

function isReferencePath(path: string): boolean {
  return referenceKind(path.split(".").pop() ?? "") !== null;
}

export function SubmitDialog({ jobType, form, onClose, onSubmitted }: Props) {
  const session = useSession();
  const [step, setStep] = useState<"form" | "confirm">("form");
  const [value, setValue] = useState<unknown>(() => form.create());
  // Jobs on a level take turns (one scope): only scheduling jobs have one, so only they
  // get the "while it waits" setting.
  const onLevel = worksOnLevel(form.fieldPaths) && jobType.category === "scheduling";
  const needsRecords = worksOnLevel(form.fieldPaths);
  const [settings, setSettings] = useState<RunSettings>(() => defaultSettings(new Date(), onLevel));
  const references = useReferenceData(session.api, needsRecords || form.fieldPaths.some(isReferencePath));
  // The server refused a chosen start time: the policy changed since the page read it.
  const [overrideRefused, setOverrideRefused] = useState(false);
  const policy = overrideRefused ? { ...jobType.policy, allowOverride: false } : jobType.policy;
  const [errors, setErrors] = useState<FieldErrors>({});
  const [timeError, setTimeError] = useState<string | null>(null);
  const [general, setGeneral] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const Fields = form.Fields;
  const name = jobType.feature.split(">").map((part) => part.trim()).pop() ?? jobType.type;

  function review() {
    const fieldErrors = form.validate(value, references === "loading" ? null : references);
    const settingsProblem = settingsError(settings);
    setErrors(fieldErrors);
    setTimeError(settingsProblem);
    setGeneral(null);
    if (Object.keys(fieldErrors).length === 0 && !settingsProblem) setStep("confirm");
  }

  function showServerError(field: string, message: string) {
    const path = formFieldPath(field, jobType.paramsInput);
    if (path === "settings.startAt") setTimeError(message);
    else if (form.fieldPaths.includes(path)) setErrors({ [path]: message });
    else setGeneral(`${field}: ${message}`);
    setStep("form");
  }

  async function submit() {
    setSubmitting(true);
    setGeneral(null);
    try {
      const input = {
        params: { [jobType.paramsInput]: form.toParams(value) },
        settings: settingsInput(settings),
      } as unknown as SubmitJobInput;
      const { submitJob } = await session.api.mutate(SUBMIT_JOB_MUTATION, { input });
      switch (submitJob.__typename) {
        case "Job":
          onSubmitted(submitJob);
          break;
        case "ValidationError":
          showServerError(submitJob.field, submitJob.message);
          break;
        case "SettingsOverrideNotAllowed":
          setOverrideRefused(true);
          setSettings((current) => ({ ...current, mode: "default" }));
          showServerError(submitJob.field, submitJob.message);
          break;
        case "WaitingJobProtected":
        case "NotAllowed":
          setGeneral(submitJob.message);
          setStep("form");
          break;
      }
    } catch (err) {
      setGeneral(handleApiError(session, err));
    } finally {
      setSubmitting(false);
    }
  }

  const footer = step === "form" ? (
    <>
      <button type="button" class="button" onClick={onClose}>Cancel</button>
      <button type="submit" form="job-form" class="button button--primary">Review</button>
    </>
  ) : (
    <>
      <button type="button" class="button" onClick={() => setStep("form")} disabled={submitting}>Back</button>
      <button type="button" class="button button--primary" onClick={() => void submit()} disabled={submitting}>
        {submitting ? "Submitting…" : "Submit job"}
      </button>
    </>
  );

  return (
    <Dialog title={`New job: ${name}`} label={`New job: ${name}`} onClose={onClose} footer={footer}>
      <p class="muted">{jobType.feature} · {jobType.description}</p>
      {general && <p class="notice notice--error" role="alert">{general}</p>}
      {step === "form" ? (
        <form id="job-form" class="job-form" noValidate
              onSubmit={(event) => {
                event.preventDefault();
                review();
              }}>
          <ReferenceContext.Provider value={references}>
            <Fields value={value} onChange={setValue} errors={errors} />
          </ReferenceContext.Provider>
          <SettingsFields value={settings} onChange={setSettings} error={timeError} policy={policy} />
        </form>
      ) : (
        <section aria-label="Confirm">
          <h3>Please confirm</h3>
          <dl class="facts">
            <div class="facts__row"><dt>Job type</dt><dd>{jobType.title}</dd></div>
            {paramRows(references && references !== "loading" ? nameReferences(form.toParams(value), references)
              : form.toParams(value), "", (key) => form.labels[key] ?? humanize(key)).map(([label, text]) => (
              <div key={label} class="facts__row"><dt>{label}</dt><dd>{text}</dd></div>
            ))}
            <div class="facts__row">
              <dt>Start</dt>
              <dd>{settings.mode === "default" ? defaultStartSummary(policy)
                : `At ${formatTime(new Date(settings.at).toISOString())} (your local time)`}</dd>
            </div>
            {settings.overwrite && (
              <div class="facts__row">
                <dt>While it waits</dt>
                <dd>{OVERWRITE_CHOICES.find((c) => c.value === settings.overwrite)?.label}</dd>
              </div>
            )}
          </dl>
        </section>
      )}
    </Dialog>
  );
}
