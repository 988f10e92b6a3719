/** How a job is asked to run: now, or no earlier than a chosen time (the API's `startAt`). */

export interface RunSettings {
  mode: "now" | "at";
  /** The chosen time as an `<input type="datetime-local">` value, in the browser's zone. */
  at: string;
}

function pad(value: number): string {
  return String(value).padStart(2, "0");
}

/** A `datetime-local` value for `date` in the browser's time zone. */
export function localInputValue(date: Date): string {
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`
    + `T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** Start now; the time field suggests the next full hour. */
export function startNow(now: Date = new Date()): RunSettings {
  const nextHour = new Date(now);
  nextHour.setMinutes(0, 0, 0);
  nextHour.setHours(nextHour.getHours() + 1);
  return { mode: "now", at: localInputValue(nextHour) };
}

/** What is wrong with the settings, or `null`. */
export function settingsError(settings: RunSettings, now: Date = new Date()): string | null {
  if (settings.mode === "now") return null;
  const at = new Date(settings.at);
  if (!settings.at || Number.isNaN(at.getTime())) return "Choose the date and time to start at.";
  if (at.getTime() <= now.getTime()) return "Choose a time in the future, or start now.";
  return null;
}

/** The API's `JobSettingsInput` (null: start as soon as possible). */
export function settingsInput(settings: RunSettings): { startAt: string } | null {
  return settings.mode === "at" ? { startAt: new Date(settings.at).toISOString() } : null;
}
