/**
 * The overview: the jobs the viewer may see, filtered, sorted and paged by the API as the
 * address says (nav/view.ts), kept current by the `jobEvents` subscription, with the
 * action bar above.
 *
 * A page is read once (`jobs` query) and then changed by events. The stream comes first:
 * the page is read only once the server listens for it (the client's `listening`), and
 * events that arrive from then until the read's answer wait and are applied to it
 * afterwards (a state older than the row's is dropped), so no change falls between the
 * read and the stream. When the live
 * connection was lost, or the server says this client fell behind, the page is read again;
 * when the server says the viewer's rights changed, the session reads them again and the
 * page, the user filter and the stream start over under the new rights.
 *
 * Bulk actions act on the selected jobs (`cancelJobs`, …) or, once "select all matching"
 * was chosen, on every job the view matches (`cancelMatchingJobs`, …: the server pages
 * through them within its limit); their outcome, job by job, shows in the toast area.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from "preact/hooks";
import type { ApiError } from "../api/client";
import {
  CANCEL_JOBS_MUTATION,
  CANCEL_MATCHING_JOBS_MUTATION,
  DELETE_JOBS_MUTATION,
  DELETE_MATCHING_JOBS_MUTATION,
  JOB_EVENTS_SUBSCRIPTION,
  JOBS_COUNT_QUERY,
  OVERVIEW_QUERY,
  PERIODS_QUERY,
  RESUBMIT_JOBS_MUTATION,
  RESUBMIT_MATCHING_JOBS_MUTATION,
  USERS_QUERY,
} from "../api/documents";
import type {
  BulkResult,
  Job,
  JobEvent,
  JobFilter,
  JobOrderField,
  JobTypeInfo,
  PlanningPeriod,
  Viewer,
} from "../api/model";
import { answeredId, summarizeOutcome, type Outcome } from "../jobs/outcomes";
import type { JobAction } from "../jobs/rights";
import { apiFilter, DEFAULT_VIEW, isFiltered, PAGE_SIZES, type View } from "../nav/view";
import { handleApiError, useSession } from "../session";
import { Dialog } from "../ui/Dialog";
import { useToasts } from "../ui/Toasts";
import { ActionBar } from "./ActionBar";
import { Filters } from "./Filters";
import { JobTable } from "./JobTable";
import { applyJobEvent, type PageRows, type PageWindow } from "./liveRows";
import { OutcomeBanner } from "./OutcomeBanner";
import { Pager } from "./Pager";

/** Columns whose natural first view is the largest value (newest, furthest). */
const DESCENDING_FIRST: ReadonlySet<JobOrderField> = new Set([
  "ID", "SUBMITTED_AT", "STARTED_AT", "FINISHED_AT", "PROGRESS",
]);

const RETRY_SUBSCRIPTION_MS = 2000;
/** How long a page waits for its stream to listen before it is read anyway. */
const LISTEN_WAIT_MS = 5000;

interface Props {
  view: View;
  onView: (view: View, options?: { replace?: boolean }) => void;
  onOpenJob: (id: string) => void;
  jobTypes: JobTypeInfo[];
  /** Opens "New job" (for the empty state). */
  canStartJobs: boolean;
}

type Busy = JobAction | "retry" | null;
type Confirming = { action: "cancel" | "delete" } | { action: "retry"; count: number } | null;

const MATCHING_WORDS: Record<JobAction, string> = {
  cancel: "cancelled", resubmit: "submitted again", delete: "deleted",
};

export function Overview({ view, onView, onOpenJob, jobTypes, canStartJobs }: Props) {
  const session = useSession();
  const { api, rightsVersion, viewer } = session;
  const toasts = useToasts();
  const [page, setPage] = useState<PageRows>({ rows: [], unseen: 0 });
  const [pageInfo, setPageInfo] = useState<{ hasNextPage: boolean; endCursor: string | null }>(
    { hasNextPage: false, endCursor: null });
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  /** All jobs matching the view are selected: how many there are. */
  const [matching, setMatching] = useState<number | null>(null);
  const [busy, setBusy] = useState<Busy>(null);
  const [confirming, setConfirming] = useState<Confirming>(null);
  const [reloads, setReloads] = useState(0);
  const [subscriptionEpoch, setSubscriptionEpoch] = useState(0);
  const [users, setUsers] = useState<Viewer[]>([]);
  const [periods, setPeriods] = useState<PlanningPeriod[] | null>(null);
  /** The `after` cursors of the pages before this one, for Previous (keyset paging). */
  const previous = useRef<(string | null)[]>([]);

  const filterKey = JSON.stringify({ ...view, after: null, order: null, size: null });
  // Relative times ("last hour") are taken when the filter is chosen or the page reloads.
  const filter = useMemo<JobFilter>(() => apiFilter(view), [filterKey, reloads]);
  const liveFilter = useMemo<JobFilter>(() => apiFilter(view), [filterKey]);
  /** Events that arrived while the page was being read (null: no read under way). */
  const pending = useRef<JobEvent[] | null>(null);
  const pageWindow = useRef<PageWindow>({ order: view.order, isFirstPage: true, hasNextPage: false });

  const reload = useCallback(() => setReloads((n) => n + 1), []);
  /** The stream the page reads for: rights, filter and attempt. */
  const liveKey = `${rightsVersion}:${filterKey}:${subscriptionEpoch}`;
  /** The stream that listens (or was given up waiting for): reads wait for it. */
  const [listeningKey, setListeningKey] = useState<string | null>(null);
  const [listens, setListens] = useState(0);

  useEffect(() => {
    api.query(USERS_QUERY).then(
      (data) => setUsers(data.users),
      (err: unknown) => setError(handleApiError(session, err)),
    );
    // Roles that may not read the scheduling data get no level filter.
    api.query(PERIODS_QUERY).then((data) => setPeriods(data.planningPeriods), () => setPeriods(null));
  }, [api, rightsVersion]);

  useEffect(() => {
    setSelected(new Set());
    setMatching(null);
  }, [filterKey, rightsVersion]);

  useEffect(() => {
    if (!view.after) previous.current = [];
  }, [view.after]);

  useEffect(() => {
    if (listeningKey !== liveKey) return;
    let stale = false;
    pending.current = pending.current ?? [];
    setLoading(true);
    const variables = { filter, orderBy: view.order, first: view.size, after: view.after };
    api.query(OVERVIEW_QUERY, variables).then(
      (data) => {
        if (stale) return;
        const windowNow: PageWindow = {
          order: view.order, isFirstPage: !view.after, hasNextPage: data.jobs.pageInfo.hasNextPage,
          viewerId: viewer.id,
        };
        pageWindow.current = windowNow;
        let rows: PageRows = { rows: data.jobs.edges.map((edge) => edge.node), unseen: 0 };
        for (const event of pending.current ?? []) rows = applyJobEvent(rows, event, windowNow);
        pending.current = null;
        setPage(rows);
        setPageInfo(data.jobs.pageInfo);
        setError(null);
        setLoading(false);
      },
      (err: unknown) => {
        if (stale) return;
        pending.current = null;
        setError(handleApiError(session, err));
        setLoading(false);
      },
    );
    return () => {
      stale = true;
    };
  }, [api, rightsVersion, filter, view.order.field, view.order.direction, view.size, view.after,
      reloads, listeningKey === liveKey, listens]);

  useEffect(() => {
    let retry: ReturnType<typeof setTimeout> | undefined;
    pending.current = null;
    const key = liveKey;
    // Without a live connection the page is still read, later (and again on reconnection).
    const giveUp = setTimeout(() => setListeningKey(key), LISTEN_WAIT_MS);
    const stop = api.subscribe(JOB_EVENTS_SUBSCRIPTION, { filter: liveFilter }, {
      listening() {
        clearTimeout(giveUp);
        pending.current = pending.current ?? [];
        setListeningKey(key);
        setListens((n) => n + 1);
      },
      next({ jobEvents }) {
        if (pending.current) pending.current.push(jobEvents);
        else setPage((rows) => applyJobEvent(rows, jobEvents, pageWindow.current));
      },
      error(err: ApiError) {
        if (err.unauthenticated) {
          handleApiError(session, err);
          return;
        }
        if (err.code === "RIGHTS_CHANGED") {
          // The session reads the rights again; a new rights version restarts everything.
          session.rightsChanged();
          return;
        }
        // Events were lost (the client lagged, or the connection gave up): start again.
        retry = setTimeout(() => {
          setSubscriptionEpoch((n) => n + 1);
          reload();
        }, err.code === "SUBSCRIBER_LAGGED" ? 0 : RETRY_SUBSCRIPTION_MS);
      },
    });
    return () => {
      clearTimeout(retry);
      clearTimeout(giveUp);
      stop();
    };
  }, [api, rightsVersion, liveFilter, subscriptionEpoch]);

  useEffect(() => api.onReconnected(reload), [api]);

  const selectedJobs = page.rows.filter((row) => selected.has(row.id));
  const allOnPage = page.rows.length > 0 && selectedJobs.length === page.rows.length;

  function changeView(changes: Partial<View>) {
    onView({ ...view, ...changes, after: null });
  }

  function sortBy(field: JobOrderField) {
    const order = view.order.field === field
      ? { field, direction: view.order.direction === "ASC" ? "DESC" as const : "ASC" as const }
      : { field, direction: DESCENDING_FIRST.has(field) ? "DESC" as const : "ASC" as const };
    changeView({ order });
  }

  function toggle(id: string) {
    setMatching(null);
    setSelected((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  }

  function toggleAll() {
    setMatching(null);
    setSelected(allOnPage ? new Set() : new Set(page.rows.map((row) => row.id)));
  }

  async function selectAllMatching() {
    try {
      const data = await api.query(JOBS_COUNT_QUERY, { filter });
      setMatching(data.jobs.totalCount);
    } catch (err) {
      toasts.error(handleApiError(session, err));
    }
  }

  function applyResults(action: JobAction, results: BulkResult[]) {
    setPage((rows) => results.reduce((current, result) => {
      if (action === "delete" && result.__typename === "DeletedJob") {
        return applyJobEvent(current, { kind: "DELETED", matchesFilter: false,
                                        job: { id: result.id } as Job }, pageWindow.current);
      }
      if (action === "cancel" && result.__typename === "Job") {
        return applyJobEvent(current, { kind: "UPDATED", matchesFilter: true, job: result },
                             pageWindow.current);
      }
      return current; // new copies arrive as CREATED events
    }, rows));
  }

  function showOutcome(outcome: Outcome) {
    toasts.show((dismiss) => <OutcomeBanner outcome={outcome} onDismiss={dismiss} />,
                outcome.tone === "success" ? 8000 : null);
  }

  async function runMatching(action: JobAction, matchFilter: JobFilter): Promise<void> {
    let answer;
    if (action === "cancel") {
      answer = (await api.mutate(CANCEL_MATCHING_JOBS_MUTATION, { filter: matchFilter })).cancelMatchingJobs;
    } else if (action === "resubmit") {
      answer = (await api.mutate(RESUBMIT_MATCHING_JOBS_MUTATION, { filter: matchFilter })).resubmitMatchingJobs;
    } else {
      answer = (await api.mutate(DELETE_MATCHING_JOBS_MUTATION, { filter: matchFilter })).deleteMatchingJobs;
    }
    if (answer.__typename === "TooManyMatchingJobs") {
      toasts.error(answer.message);
      return;
    }
    const results = answer.results as BulkResult[];
    // The answer names each job by its id only (2,000 full jobs would cost more than a
    // request may): deleted rows go now, cancelled rows and new copies arrive as events.
    if (action === "delete") applyResults(action, results);
    const outcome = summarizeOutcome(action, results.map(answeredId), results);
    showOutcome(answer.matched === 0
      ? { ...outcome, summary: `No job in this view could be ${MATCHING_WORDS[action]}.` }
      : outcome);
  }

  async function run(action: JobAction) {
    setConfirming(null);
    setBusy(action);
    try {
      if (matching !== null) {
        await runMatching(action, filter);
      } else {
        const ids = selectedJobs.map((job) => job.id);
        let results: BulkResult[];
        if (action === "cancel") {
          results = (await api.mutate(CANCEL_JOBS_MUTATION, { ids, onlyIfNotStarted: false })).cancelJobs;
        } else if (action === "resubmit") {
          results = (await api.mutate(RESUBMIT_JOBS_MUTATION, { ids })).resubmitJobs;
        } else {
          results = (await api.mutate(DELETE_JOBS_MUTATION, { ids })).deleteJobs;
        }
        applyResults(action, results);
        showOutcome(summarizeOutcome(action, ids, results));
      }
      setSelected(new Set());
      setMatching(null);
    } catch (err) {
      toasts.error(handleApiError(session, err));
    } finally {
      setBusy(null);
    }
  }

  const failedFilter: JobFilter = { ...filter, statusGroup: "ALL", statuses: ["FAILED"] };

  async function askRetryFailed() {
    try {
      const data = await api.query(JOBS_COUNT_QUERY, { filter: failedFilter });
      if (data.jobs.totalCount === 0) {
        toasts.info("No failed jobs in this view to submit again.");
        return;
      }
      setConfirming({ action: "retry", count: data.jobs.totalCount });
    } catch (err) {
      toasts.error(handleApiError(session, err));
    }
  }

  async function retryFailed() {
    setConfirming(null);
    setBusy("retry");
    try {
      await runMatching("resubmit", failedFilter);
    } catch (err) {
      toasts.error(handleApiError(session, err));
    } finally {
      setBusy(null);
    }
  }

  const count = matching ?? selectedJobs.length;
  const jobsWord = (n: number) => (n === 1 ? "1 job" : `${n.toLocaleString()} jobs`);
  const named = (jobs: Job[]) => jobs.slice(0, 5).map((job) =>
    `job ${job.id} (${job.title}${job.subject ? ` · ${job.subject}` : ""})`);
  const mayRetry = jobTypes.some((jobType) => jobType.viewerCanSubmit);
  const empty = isFiltered(view) ? (
    <>
      <p>No jobs match these filters.</p>
      <button type="button" class="button" onClick={() => onView({ ...DEFAULT_VIEW, size: view.size })}>
        Show all jobs
      </button>
    </>
  ) : (
    <p>No jobs yet{canStartJobs ? ": start one with New job above." : ". Jobs you may see appear here as they are submitted."}</p>
  );

  return (
    <section class="overview" aria-labelledby="overview-title">
      <div class="overview__head">
        <h1 id="overview-title" class="overview__title">Jobs</h1>
      </div>
      <Filters view={view} onView={(next, options) => onView({ ...next, after: null }, options)}
               users={users} jobTypes={jobTypes} periods={periods} />
      <div class="selection-line" aria-live="polite">
        {error ? <span class="selection-line__error" role="alert">{error}</span>
          : page.unseen > 0 ? (
            <span>
              {page.unseen === 1 ? "1 new job" : `${page.unseen} new jobs`}.{" "}
              <button type="button" class="link-button" onClick={() => {
                changeView({});
                reload();
              }}>Show them</button>
            </span>
          ) : allOnPage && matching === null && (pageInfo.hasNextPage || view.after) ? (
            <span>
              All {page.rows.length} jobs on this page are selected.{" "}
              <button type="button" class="link-button" onClick={() => void selectAllMatching()}>
                Select all jobs matching this view
              </button>
            </span>
          ) : matching !== null ? (
            <span>
              All {jobsWord(matching)} matching this view are selected.{" "}
              <button type="button" class="link-button" onClick={() => {
                setMatching(null);
                setSelected(new Set());
              }}>Clear the selection</button>
            </span>
          ) : null}
      </div>
      <ActionBar selected={selectedJobs} matching={matching} viewerId={viewer.id} busy={busy}
                 refreshing={loading} mayRetry={mayRetry}
                 onRefresh={reload}
                 onRetryFailed={() => void askRetryFailed()}
                 onAction={(action) => (action === "resubmit" ? void run(action)
                   : setConfirming({ action }))} />
      <JobTable rows={page.rows} order={view.order} onSort={sortBy} selected={selected}
                onToggle={toggle} onToggleAll={toggleAll} onOpenJob={onOpenJob} loading={loading}
                empty={empty} />
      <Pager page={view.after ? Math.max(2, previous.current.length + 1) : 1}
             hasNext={pageInfo.hasNextPage}
             onPrevious={() => {
               const before = previous.current.pop() ?? null;
               onView({ ...view, after: before });
             }}
             onNext={() => {
               if (!pageInfo.endCursor) return;
               previous.current.push(view.after);
               onView({ ...view, after: pageInfo.endCursor });
             }}
             pageSize={view.size} pageSizes={PAGE_SIZES}
             onPageSize={(size) => changeView({ size })}
             shown={page.rows.length} />
      {confirming?.action === "delete" && (
        <Dialog title="Delete jobs?" label="Delete jobs" onClose={() => setConfirming(null)}
                footer={
                  <>
                    <button type="button" class="button" onClick={() => setConfirming(null)}>Keep them</button>
                    <button type="button" class="button button--danger" onClick={() => void run("delete")}>
                      Delete {jobsWord(count)}
                    </button>
                  </>
                }>
          <p>
            Delete {matching !== null ? `all ${jobsWord(count)} matching this view`
              : named(selectedJobs).join(", ")}{matching === null && count > 5 ? ` and ${count - 5} more` : ""} with
            their result files? This cannot be undone; the audit trail keeps who deleted them.
          </p>
        </Dialog>
      )}
      {confirming?.action === "cancel" && (
        <Dialog title={count === 1 ? "Cancel this job?" : "Cancel these jobs?"} label="Cancel jobs"
                onClose={() => setConfirming(null)}
                footer={
                  <>
                    <button type="button" class="button" onClick={() => setConfirming(null)}>Keep running</button>
                    <button type="button" class="button button--danger" onClick={() => void run("cancel")}>
                      Cancel {jobsWord(count)}
                    </button>
                  </>
                }>
          <p>
            Cancel {matching !== null ? `all ${jobsWord(count)} matching this view`
              : named(selectedJobs).join(", ")}{matching === null && count > 5 ? ` and ${count - 5} more` : ""}?
            A waiting job will not run; a running one stops at its next checkpoint and keeps
            none of its changes.
          </p>
        </Dialog>
      )}
      {confirming?.action === "retry" && (
        <Dialog title="Submit failed jobs again?" label="Retry failed jobs"
                onClose={() => setConfirming(null)}
                footer={
                  <>
                    <button type="button" class="button" onClick={() => setConfirming(null)}>Not now</button>
                    <button type="button" class="button button--primary" onClick={() => void retryFailed()}>
                      Submit {jobsWord(confirming.count)} again
                    </button>
                  </>
                }>
          <p>
            Submit a copy of each of the {jobsWord(confirming.count)} that failed in this view,
            with the same parameters and settings? Each copy links to the job it repeats.
          </p>
        </Dialog>
      )}
    </section>
  );
}
