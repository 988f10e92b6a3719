/** Times, sizes and parameters as the page shows them. */

function pad(value: number): string {
  return String(value).padStart(2, "0");
}

/** `2026-01-31 08:00:12` in the browser's time zone; "—" for none. */
export function formatTime(iso: string | null | undefined): string {
  if (!iso) return "—";
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return iso;
  return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())} `
    + `${pad(at.getHours())}:${pad(at.getMinutes())}:${pad(at.getSeconds())}`;
}

export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** 0.4234 → "42 %". */
export function formatPercent(progress: number): string {
  return `${Math.round(Math.min(1, Math.max(0, progress)) * 100)} %`;
}

/** A camelCase key as a label: `weeklyContractHours` → "Weekly contract hours". */
export function humanize(key: string): string {
  const words = key.replace(/([a-z0-9])([A-Z])/g, "$1 $2").replace(/[_-]+/g, " ").toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function valueText(value: unknown): string {
  if (value === null || value === undefined) return "—";
  if (typeof value === "boolean") return value ? "yes" : "no";
  if (Array.isArray(value)) return value.length ? value.map(valueText).join(", ") : "none";
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}

/**
 * A job's parameters as label/value rows, nested objects flattened:
 * `{changes: {weeklyContractHours: 32}}` → `["Changes › Weekly contract hours", "32"]`.
 */
export function paramRows(params: Record<string, unknown>, prefix = "",
                          labelOf: (key: string) => string = humanize): [string, string][] {
  const rows: [string, string][] = [];
  for (const [key, value] of Object.entries(params)) {
    const label = prefix ? `${prefix} › ${labelOf(key)}` : labelOf(key);
    if (value && typeof value === "object" && !Array.isArray(value)) {
      rows.push(...paramRows(value as Record<string, unknown>, label, labelOf));
    } else {
      rows.push([label, valueText(value)]);
    }
  }
  return rows;
}

/** The first line of a (possibly long) text, e.g. an error message. */
export function firstLine(text: string): string {
  return text.split("\n", 1)[0]!.trim();
}
