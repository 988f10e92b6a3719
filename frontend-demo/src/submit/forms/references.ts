/**
 * Fields that name WFM records by id (`levelId`, `sourceLevelId`, `periodId`,
 * `activityIds`, `templateIds` …) are chosen from the records themselves, read from the
 * API's `planningPeriods`, `activities` and `shiftTemplates`, rather than typed as bare
 * ids. The mapping goes by the field's name, so a job type the server adds later gets the
 * same choices without a hand-written form.
 */
import { createContext } from "preact";
import { useContext, useEffect, useState } from "preact/hooks";
import { REFERENCE_DATA_QUERY } from "../../api/documents";
import type { ApiClient } from "../../api/client";

/** The kind of record a field names by id, e.g. `level` for `targetLevelId`. */
export type ReferenceKind = "level" | "period" | "activity" | "template";

export interface ReferenceData {
  planningPeriods: { id: string; name: string; levels: { id: string; name: string }[] }[];
  activities: { id: string; code: string; name: string }[];
  shiftTemplates: { id: string; code: string; name: string }[];
}

export interface ReferenceOption {
  value: string;
  label: string;
}

const KINDS: readonly [RegExp, ReferenceKind][] = [
  [/(^|[a-z])(l|L)evelIds?$/, "level"],
  [/(^|[a-z])(p|P)eriodIds?$/, "period"],
  [/(^|[a-z])(a|A)ctivityIds?$/, "activity"],
  [/(^|[a-z])(t|T)emplateIds?$/, "template"],
];

/** `levelId`, `sourceLevelId` → `level`; `activityIds` → `activity`; `team` → null. */
export function referenceKind(fieldName: string): ReferenceKind | null {
  for (const [pattern, kind] of KINDS) {
    if (pattern.test(fieldName)) return kind;
  }
  return null;
}

/** The choices for a field of `kind`: levels as "December 2026 · Base", by period. */
export function referenceOptions(kind: ReferenceKind, data: ReferenceData): ReferenceOption[] {
  switch (kind) {
    case "level":
      return data.planningPeriods.flatMap((period) =>
        period.levels.map((level) => ({ value: level.id, label: `${period.name} · ${level.name}` })));
    case "period":
      return data.planningPeriods.map((period) => ({ value: period.id, label: period.name }));
    case "activity":
      return data.activities.map((a) => ({ value: a.id, label: `${a.name} (${a.code})` }));
    case "template":
      return data.shiftTemplates.map((t) => ({ value: t.id, label: `${t.name} (${t.code})` }));
  }
}

/** Whether a form with these field paths works on a schedule level (so `overwrite` applies). */
export function worksOnLevel(fieldPaths: readonly string[]): boolean {
  return fieldPaths.some((path) => referenceKind(path.split(".").pop() ?? "") === "level");
}

/**
 * The records the open form chooses from: `loading` while they are read, null when the form
 * needs none or they could not be read (the fields then take the id typed).
 */
export type References = ReferenceData | "loading" | null;

export const ReferenceContext = createContext<References>(null);

export function useReferences(): References {
  return useContext(ReferenceContext);
}

/**
 * Reads the records once while `wanted` (the form has such fields). A failure leaves the
 * fields as plain id inputs, so the form stays usable.
 */
export function useReferenceData(api: ApiClient, wanted: boolean): References {
  const [data, setData] = useState<References>(wanted ? "loading" : null);
  useEffect(() => {
    if (!wanted) return;
    let live = true;
    api.query<ReferenceData>(REFERENCE_DATA_QUERY)
      .then((result) => { if (live) setData(result); })
      .catch(() => { if (live) setData(null); /* the fields take the id typed */ });
    return () => { live = false; };
  }, [api, wanted]);
  return data;
}

/**
 * `params` with the ids of reference fields replaced by what the form showed for them
 * ("December 2026 · Base"), for the confirmation; ids it does not know stay as they are.
 */
export function nameReferences(params: Record<string, unknown>,
                               data: ReferenceData): Record<string, unknown> {
  const named: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(params)) {
    const kind = referenceKind(key);
    if (value && typeof value === "object" && !Array.isArray(value)) {
      named[key] = nameReferences(value as Record<string, unknown>, data);
    } else if (kind) {
      const labels = new Map(referenceOptions(kind, data).map((o) => [o.value, o.label]));
      const name = (id: unknown) => labels.get(String(id)) ?? id;
      named[key] = Array.isArray(value) ? value.map(name) : name(value);
    } else {
      named[key] = value;
    }
  }
  return named;
}
