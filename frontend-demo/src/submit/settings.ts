/**
 * How a job is asked to run: as its job type's policy says (the default), or no earlier than
 * a chosen time (the API's `startAt`) when the policy lets users choose; and, for jobs on
 * a schedule level, whether a later submission for the same level may replace the job
 * while it waits (the API's `overwrite`).
 */
import type { JobTypePolicy } from "../api/model";

export interface RunSettings {
  /** `default`: as the policy says (for most job types: at once); `at`: the chosen time. */
  mode: "default" | "at";
  /** The chosen time as an `<input type="datetime-local">` value, in the browser's zone. */
  at: string;
  /** Only for jobs on a schedule level: `PROTECT` (the API's default) or `ALLOW`. */
  overwrite?: OverwritePolicy;
}

export type OverwritePolicy = "ALLOW" | "PROTECT";

export const OVERWRITE_CHOICES: readonly { value: OverwritePolicy; label: string }[] = [
  { value: "PROTECT", label: "Protect: refuse a later submission for the same level while this job waits" },
  { value: "ALLOW", label: "Allow: a later submission for the same level replaces this job while it waits" },
];

function pad(value: number): string {
  return String(value).padStart(2, "0");
}

/** A `datetime-local` value for `date` in the browser's time zone. */
export function localInputValue(date: Date): string {
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`
    + `T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/**
 * Start as the policy says; the time field suggests the next full hour. A job on a schedule
 * level is protected from being replaced while it waits, as the API's default.
 */
export function defaultSettings(now: Date = new Date(), onLevel = false): RunSettings {
  const nextHour = new Date(now);
  nextHour.setMinutes(0, 0, 0);
  nextHour.setHours(nextHour.getHours() + 1);
  const settings: RunSettings = { mode: "default", at: localInputValue(nextHour) };
  return onLevel ? { ...settings, overwrite: "PROTECT" } : settings;
}

/** What is wrong with the settings, or `null`. */
export function settingsError(settings: RunSettings, now: Date = new Date()): string | null {
  if (settings.mode === "default") return null;
  const at = new Date(settings.at);
  if (!settings.at || Number.isNaN(at.getTime())) return "Choose the date and time to start at.";
  if (at.getTime() <= now.getTime()) return "Choose a time in the future, or start now.";
  return null;
}

/** The API's `JobSettingsInput` (null: as the policy says, with the API's defaults). */
export function settingsInput(
  settings: RunSettings,
): { startAt?: string; overwrite?: OverwritePolicy } | null {
  const input: { startAt?: string; overwrite?: OverwritePolicy } = {};
  if (settings.mode === "at") input.startAt = new Date(settings.at).toISOString();
  if (settings.overwrite) input.overwrite = settings.overwrite;
  return Object.keys(input).length ? input : null;
}

/** The choice that follows the policy, as the form offers it: "Start now", … */
export function defaultStartLabel(policy: JobTypePolicy): string {
  const when = policyStart(policy);
  return when ? `Start ${when}` : "Start now";
}

/** The confirmation's words for a job that starts as the policy says. */
export function defaultStartSummary(policy: JobTypePolicy): string {
  const when = policyStart(policy);
  if (!when) return "As soon as possible";
  return `${when.charAt(0).toUpperCase()}${when.slice(1)} (set by an administrator)`;
}

/** "30 minutes after submitting", "at the next 02:00 (Europe/Berlin)", or null for "now". */
function policyStart(policy: JobTypePolicy): string | null {
  if (policy.start === "DELAYED" && policy.delayMinutes > 0) {
    return `${minutes(policy.delayMinutes)} after submitting`;
  }
  if (policy.start === "DAILY_AT" && policy.timeOfDay) {
    return `at the next ${policy.timeOfDay} (${policy.timezone})`;
  }
  return null;
}

function minutes(count: number): string {
  if (count % 60 === 0) return count === 60 ? "1 hour" : `${count / 60} hours`;
  return count === 1 ? "1 minute" : `${count} minutes`;
}
