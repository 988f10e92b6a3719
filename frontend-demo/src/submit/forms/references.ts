/**
 * Fields that name WFM records — `levelId`, `sourceLevelId`, `periodId`, `activityIds`,
 * `templateIds`, `employeeIds`, `sequenceId`, `teams` … — are chosen from the records
 * themselves, read from the API's `planningPeriods`, `activities`, `shiftTemplates`,
 * `shiftSequences`, `employees` and `teams`, rather than typed as bare ids or names. The
 * mapping goes by the field's name, so a job type the server adds later gets the same
 * choices without a hand-written form.
 */
import { createContext } from "preact";
import { useContext, useEffect, useState } from "preact/hooks";
import type { ApiClient } from "../../api/client";
import { REFERENCE_DATA_QUERY } from "../../api/documents";
import type { ReferenceData } from "../../api/model";

export type { ReferenceData };

/** The kind of record a field names, e.g. `level` for `targetLevelId`. */
export type ReferenceKind = "level" | "period" | "activity" | "template" | "employee"
  | "sequence" | "team";

export interface ReferenceOption {
  value: string;
  label: string;
}

const KINDS: readonly [RegExp, ReferenceKind][] = [
  [/(^|[a-z])(l|L)evelIds?$/, "level"],
  [/(^|[a-z])(p|P)eriodIds?$/, "period"],
  [/(^|[a-z])(a|A)ctivityIds?$/, "activity"],
  [/(^|[a-z])(t|T)emplateIds?$/, "template"],
  [/(^|[a-z])(e|E)mployeeIds?$/, "employee"],
  [/(^|[a-z])(s|S)equenceIds?$/, "sequence"],
  [/^teams?$/, "team"],
];

/** `levelId`, `sourceLevelId` → `level`; `activityIds` → `activity`; `teams` → `team`. */
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
    case "employee":
      return data.employees.nodes.map((e) => ({ value: e.id, label: `${e.name} (${e.number}, ${e.team})` }));
    case "sequence":
      return data.shiftSequences.map((s) => ({ value: s.id, label: s.name }));
    case "team":
      return data.teams.map((team) => ({ value: team, label: team }));
  }
}

/** The planning period a level belongs to (for date defaults and bounds). */
export function periodOfLevel(levelId: string, data: ReferenceData):
  ReferenceData["planningPeriods"][number] | null {
  return data.planningPeriods.find((p) => p.levels.some((l) => l.id === levelId)) ?? null;
}

/** Whether a form with these field paths works on a schedule level (so `overwrite` applies). */
export function worksOnLevel(fieldPaths: readonly string[]): boolean {
  return fieldPaths.some((path) => referenceKind(path.split(".").pop() ?? "") === "level");
}

/**
 * The records the open form chooses from: `loading` while they are read, null when the form
 * needs none or they could not be read (the fields then take what is typed).
 */
export type References = ReferenceData | "loading" | null;

export const ReferenceContext = createContext<References>(null);

export function useReferences(): References {
  return useContext(ReferenceContext);
}

/**
 * Reads the records once while `wanted` (the form has such fields). A failure — a role that
 * may not read the scheduling data — leaves the fields as plain inputs, so the form stays
 * usable.
 */
export function useReferenceData(api: ApiClient, wanted: boolean): References {
  const [data, setData] = useState<References>(wanted ? "loading" : null);
  useEffect(() => {
    if (!wanted) return;
    let live = true;
    api.query(REFERENCE_DATA_QUERY)
      .then((result) => { if (live) setData(result); })
      .catch(() => { if (live) setData(null); /* the fields take what is typed */ });
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
    } else if (kind && kind !== "team") {
      const labels = new Map(referenceOptions(kind, data).map((o) => [o.value, o.label]));
      const name = (id: unknown) => labels.get(String(id)) ?? id;
      named[key] = Array.isArray(value) ? value.map(name) : name(value);
    } else {
      named[key] = value;
    }
  }
  return named;
}
