/**
 * The page's address: `/?…view…` for the overview with its filters, sort and page, and
 * `/jobs/{id}?…view…` for a job's dialog over that view. The server serves the page at
 * both (api/frontend.py), so either can be linked, bookmarked and reloaded.
 */
import { useEffect, useState } from "preact/hooks";

export interface Place {
  /** The job whose dialog is open, or null. */
  jobId: string | null;
  /** The view's query string, without `?` (see view.ts). */
  query: string;
  /** The Workers & queues view (`/operations`) instead of the overview. */
  operations?: boolean;
}

const JOB_PATH = /^\/jobs\/(\d+)\/?$/;
const OPERATIONS_PATH = /^\/operations\/?$/;

export function placeOf(location: { pathname: string; search: string }): Place {
  if (OPERATIONS_PATH.test(location.pathname)) return { jobId: null, query: "", operations: true };
  const match = JOB_PATH.exec(location.pathname);
  return { jobId: match?.[1] ?? null, query: location.search.replace(/^\?/, "") };
}

export function hrefOf(place: Place): string {
  if (place.operations) return "/operations";
  const path = place.jobId ? `/jobs/${place.jobId}` : "/";
  return place.query ? `${path}?${place.query}` : path;
}

const listeners = new Set<() => void>();

/**
 * Go to `place`: a new history entry (Back returns), or, with `replace`, the same one
 * (typing in the search box should not fill the history).
 */
export function go(place: Place, { replace = false } = {}): void {
  const href = hrefOf(place);
  if (href === `${window.location.pathname}${window.location.search}`) return;
  if (replace) window.history.replaceState(null, "", href);
  else window.history.pushState(null, "", href);
  listeners.forEach((listener) => listener());
}

/** The current place, following Back and Forward and calls to `go`. */
export function usePlace(): Place {
  const [place, setPlace] = useState(() => placeOf(window.location));
  useEffect(() => {
    const update = () => setPlace(placeOf(window.location));
    listeners.add(update);
    window.addEventListener("popstate", update);
    return () => {
      listeners.delete(update);
      window.removeEventListener("popstate", update);
    };
  }, []);
  return place;
}
