/**
 * "New job": the job types the server offers, grouped by the product feature that starts
 * them. Types without a form (none hand-written, none can be generated) or that the
 * viewer may not submit are shown but cannot be chosen, with the reason.
 */
import { useEffect, useRef, useState } from "preact/hooks";
import type { JobTypeInfo } from "../api/types";
import { canSubmit } from "../jobs/rights";

export interface MenuEntry {
  jobType: JobTypeInfo;
  /** Why it cannot be chosen, or null. */
  unavailable: string | null;
}

interface Props {
  entries: MenuEntry[];
  onChoose: (jobType: JobTypeInfo) => void;
}

/** `Administration > Scheduling > Employees > Mass Update` → group and item labels. */
export function featureParts(feature: string): { group: string; item: string } {
  const parts = feature.split(">").map((part) => part.trim()).filter(Boolean);
  const item = parts.pop() ?? feature;
  return { group: parts.join(" › ") || "Other", item };
}

export function menuEntries(jobTypes: JobTypeInfo[], hasForm: (jobType: JobTypeInfo) => boolean): MenuEntry[] {
  return jobTypes.map((jobType) => ({
    jobType,
    unavailable: !canSubmit(jobType) ? "Your role may not start these jobs."
      : !hasForm(jobType) ? "This page has no form for this job type yet." : null,
  }));
}

export function NewJobMenu({ entries, onChoose }: Props) {
  const [open, setOpen] = useState(false);
  const ref = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return;
    const close = (event: Event) => {
      if (event instanceof KeyboardEvent ? event.key === "Escape"
        : !ref.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener("mousedown", close);
    document.addEventListener("keydown", close);
    return () => {
      document.removeEventListener("mousedown", close);
      document.removeEventListener("keydown", close);
    };
  }, [open]);

  const groups = new Map<string, MenuEntry[]>();
  for (const entry of entries) {
    const { group } = featureParts(entry.jobType.feature);
    groups.set(group, [...(groups.get(group) ?? []), entry]);
  }

  return (
    <div class="menu" ref={ref}>
      <button type="button" class="button button--primary" aria-haspopup="menu" aria-expanded={open}
              onClick={() => setOpen(!open)} disabled={entries.length === 0}>
        New job ▾
      </button>
      {open && (
        <div class="menu__panel" role="menu" aria-label="New job">
          {[...groups.entries()].map(([group, items]) => (
            <div key={group} class="menu__group" role="group" aria-label={group}>
              <div class="menu__group-title">{group}</div>
              {items.map(({ jobType, unavailable }) => (
                <button key={jobType.type} type="button" role="menuitem" class="menu__item"
                        disabled={unavailable !== null}
                        title={unavailable ?? jobType.description}
                        onClick={() => {
                          setOpen(false);
                          onChoose(jobType);
                        }}>
                  <span class="menu__item-label">{featureParts(jobType.feature).item}</span>
                  <span class="menu__item-help">{unavailable ?? jobType.description}</span>
                </button>
              ))}
            </div>
          ))}
        </div>
      )}
    </div>
  );
}
