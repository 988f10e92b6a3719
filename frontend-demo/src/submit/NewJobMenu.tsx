/**
 * "New job": the job types the viewer may start, grouped by the product feature that starts
 * them. Job types the viewer's role may not submit are not offered (their jobs still show
 * in the overview when the role may see them).
 */
import { useEffect, useRef, useState } from "preact/hooks";
import type { JobTypeInfo } from "../api/types";

interface Props {
  /** The job types to offer (see `submittable`); null while they load. */
  jobTypes: JobTypeInfo[] | null;
  onChoose: (jobType: JobTypeInfo) => void;
}

/** `Administration > Scheduling > Employees > Mass Update` → group and item labels. */
export function featureParts(feature: string): { group: string; item: string } {
  const parts = feature.split(">").map((part) => part.trim()).filter(Boolean);
  const item = parts.pop() ?? feature;
  return { group: parts.join(" › ") || "Other", item };
}

export function NewJobMenu({ jobTypes, onChoose }: Props) {
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

  const groups = new Map<string, JobTypeInfo[]>();
  for (const jobType of jobTypes ?? []) {
    const { group } = featureParts(jobType.feature);
    groups.set(group, [...(groups.get(group) ?? []), jobType]);
  }

  return (
    <div class="menu" ref={ref}>
      <button type="button" class="button button--primary" aria-haspopup="menu" aria-expanded={open}
              onClick={() => setOpen(!open)} disabled={!jobTypes?.length}
              title={jobTypes?.length === 0 ? "Your role may not start jobs" : undefined}>
        New job ▾
      </button>
      {open && (
        <div class="menu__panel" role="menu" aria-label="New job">
          {[...groups.entries()].map(([group, items]) => (
            <div key={group} class="menu__group" role="group" aria-label={group}>
              <div class="menu__group-title">{group}</div>
              {items.map((jobType) => (
                <button key={jobType.type} type="button" role="menuitem" class="menu__item"
                        title={jobType.description}
                        onClick={() => {
                          setOpen(false);
                          onChoose(jobType);
                        }}>
                  <span class="menu__item-label">{featureParts(jobType.feature).item}</span>
                  <span class="menu__item-help">{jobType.description}</span>
                </button>
              ))}
            </div>
          ))}
        </div>
      )}
    </div>
  );
}
