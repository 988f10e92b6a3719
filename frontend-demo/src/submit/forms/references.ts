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

/** The records the open form chooses from; null while they load or when they could not. */
export const ReferenceContext = createContext<ReferenceData | null>(null);

export function useReferences(): ReferenceData | null {
  return useContext(ReferenceContext);
}

/**
 * Reads the records once while `wanted` (the form has such fields). A failure leaves the
 * fields as plain id inputs, so the form stays usable.
 */
export function useReferenceData(api: ApiClient, wanted: boolean): ReferenceData | null {
  const [data, setData] = useState<ReferenceData | null>(null);
  useEffect(() => {
    if (!wanted) return;
    let live = true;
    api.query<ReferenceData>(REFERENCE_DATA_QUERY)
      .then((result) => { if (live) setData(result); })
      .catch(() => { /* the fields fall back to typing the id */ });
    return () => { live = false; };
  }, [api, wanted]);
  return data;
}
