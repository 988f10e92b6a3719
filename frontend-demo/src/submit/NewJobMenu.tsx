/**
 * "New job": the job types the viewer may start, grouped by the product feature that starts
 * them. Job types the viewer's role may not submit are not offered (their jobs still show
 * in the overview when the role may see them).
 *
 * A menu button as WAI-ARIA describes it: Enter, Space or Arrow Down open it on the first
 * item (Arrow Up on the last); Arrow keys, Home and End move between items; Escape or Tab
 * close it, Escape returning focus to the button.
 */
import { useEffect, useRef, useState } from "preact/hooks";
import type { JobTypeInfo } from "../api/model";

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
  const [open, setOpen] = useState<"first" | "last" | null>(null);
  const ref = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);

  const items = () => [...(ref.current?.querySelectorAll<HTMLButtonElement>("[role=menuitem]") ?? [])];

  useEffect(() => {
    if (!open) return;
    const all = items();
    (open === "first" ? all[0] : all[all.length - 1])?.focus();
    const close = (event: MouseEvent) => {
      if (!ref.current?.contains(event.target as Node)) setOpen(null);
    };
    // Escape closes the open menu wherever focus is: a key pressed before the first item
    // took focus must not leave the menu open (the next click on the button would shut it).
    const escape = (event: KeyboardEvent) => {
      if (event.key !== "Escape") return;
      event.preventDefault();
      setOpen(null);
      button.current?.focus();
    };
    document.addEventListener("mousedown", close);
    document.addEventListener("keydown", escape);
    return () => {
      document.removeEventListener("mousedown", close);
      document.removeEventListener("keydown", escape);
    };
  }, [open]);

  function onMenuKey(event: KeyboardEvent) {
    const all = items();
    const at = all.indexOf(document.activeElement as HTMLButtonElement);
    const move = (index: number) => {
      event.preventDefault();
      all[(index + all.length) % all.length]?.focus();
    };
    switch (event.key) {
      case "ArrowDown": return move(at + 1);
      case "ArrowUp": return move(at - 1);
      case "Home": return move(0);
      case "End": return move(all.length - 1);
      case "Tab":
        setOpen(null);
        return;
    }
  }

  const groups = new Map<string, JobTypeInfo[]>();
  for (const jobType of jobTypes ?? []) {
    const { group } = featureParts(jobType.feature);
    groups.set(group, [...(groups.get(group) ?? []), jobType]);
  }

  return (
    <div class="menu" ref={ref}>
      <button type="button" class="button button--primary" aria-haspopup="menu" aria-expanded={open !== null}
              aria-controls="new-job-menu" ref={button}
              onClick={() => setOpen(open ? null : "first")}
              onKeyDown={(event) => {
                // Keys open the menu (they never toggle it shut): the first item, or the last.
                if (["ArrowDown", "ArrowUp", "Enter", " "].includes(event.key)) {
                  event.preventDefault();
                  setOpen(event.key === "ArrowUp" ? "last" : "first");
                }
              }}
              disabled={!jobTypes?.length}
              title={jobTypes?.length === 0 ? "Your role may not start jobs" : undefined}>
        New job ▾
      </button>
      {open && (
        <div class="menu__panel" role="menu" id="new-job-menu" aria-label="New job" onKeyDown={onMenuKey}>
          {[...groups.entries()].map(([group, entries]) => (
            <div key={group} class="menu__group" role="group" aria-label={group}>
              <div class="menu__group-title" aria-hidden="true">{group}</div>
              {entries.map((jobType) => (
                <button key={jobType.type} type="button" role="menuitem" class="menu__item"
                        tabIndex={-1} title={jobType.description}
                        aria-labelledby={`menu-${jobType.type}`} aria-describedby={`menu-${jobType.type}-help`}
                        onClick={() => {
                          setOpen(null);
                          button.current?.focus();
                          onChoose(jobType);
                        }}>
                  <span class="menu__item-label" id={`menu-${jobType.type}`}>{featureParts(jobType.feature).item}</span>
                  <span class="menu__item-help" id={`menu-${jobType.type}-help`}>{jobType.description}</span>
                </button>
              ))}
            </div>
          ))}
        </div>
      )}
    </div>
  );
}
