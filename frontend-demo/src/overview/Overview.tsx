/**
 * The overview: the jobs the viewer may see, filtered, sorted and paged by the API, kept
 * current by the `jobEvents` subscription, with the action bar above.
 *
 * A page is read once (`jobs` query) and then changed by events; events that arrive
 * while a page is being read wait and are applied to it afterwards. When the live
 * connection was lost, or the server says this client fell behind, the page is read again;
 * when the server says the viewer's rights changed, the session reads them again and the
 * page, the user filter and the stream start over under the new rights.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from "preact/hooks";
import type { ApiError } from "../api/client";
import {
  CANCEL_JOBS_MUTATION,
  DELETE_JOBS_MUTATION,
  JOB_EVENTS_SUBSCRIPTION,
  OVERVIEW_QUERY,
  RESUBMIT_JOBS_MUTATION,
  USERS_QUERY,
} from "../api/documents";
import type {
  BulkResult,
  Job,
  JobConnection,
  JobEvent,
  JobOrder,
  JobOrderField,
  PageInfo,
  Viewer,
} from "../api/types";
import { summarizeOutcome, type Outcome } from "../jobs/outcomes";
import type { JobAction } from "../jobs/rights";
import { handleApiError, useSession } from "../session";
import { Dialog } from "../ui/Dialog";
import { ActionBar } from "./ActionBar";
import { Filters, type OverviewFilter } from "./Filters";
import { JobTable } from "./JobTable";
import { applyJobEvent, type PageRows, type PageWindow } from "./liveRows";
import { OutcomeBanner } from "./OutcomeBanner";
import { Pager } from "./Pager";
import {
  currentAfter,
  FIRST_PAGE,
  isFirstPage,
  nextPage,
  pageNumber,
  previousPage,
  type Paging,
} from "./paging";

export const PAGE_SIZES = [25, 50, 100] as const;

/** Columns whose natural first view is the largest value (newest, furthest). */
const DESCENDING_FIRST: ReadonlySet<JobOrderField> = new Set([
  "ID", "SUBMITTED_AT", "STARTED_AT", "FINISHED_AT", "PROGRESS",
]);

const RETRY_SUBSCRIPTION_MS = 2000;

interface Props {
  onOpenJob: (id: string) => void;
}

export function Overview({ onOpenJob }: Props) {
  const session = useSession();
  const { api, rightsVersion } = session;
  const [filter, setFilter] = useState<OverviewFilter>({ statusGroup: "ALL", userId: null });
  const [order, setOrder] = useState<JobOrder>({ field: "ID", direction: "DESC" });
  const [pageSize, setPageSize] = useState<number>(PAGE_SIZES[0]);
  const [paging, setPaging] = useState<Paging>(FIRST_PAGE);
  const [page, setPage] = useState<PageRows>({ rows: [], unseen: 0 });
  const [pageInfo, setPageInfo] = useState<PageInfo>({ hasNextPage: false, endCursor: null });
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [busy, setBusy] = useState<JobAction | null>(null);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [reloads, setReloads] = useState(0);
  const [subscriptionEpoch, setSubscriptionEpoch] = useState(0);
  const [live, setLive] = useState(false);
  const [users, setUsers] = useState<Viewer[]>([]);

  const apiFilter = useMemo(
    () => ({ statusGroup: filter.statusGroup, userIds: filter.userId ? [filter.userId] : null }),
    [filter],
  );
  /** Events that arrived while the page was being read (null: no read under way). */
  const pending = useRef<JobEvent[] | null>(null);
  const pageWindow = useRef<PageWindow>({ order, isFirstPage: true, hasNextPage: false });

  const reload = useCallback(() => setReloads((n) => n + 1), []);

  useEffect(() => {
    api.query<{ users: Viewer[] }>(USERS_QUERY).then(
      (data) => {
        setUsers(data.users);
        // A user whose jobs the viewer may no longer see leaves the filter.
        setFilter((current) => current.userId && !data.users.some((u) => u.id === current.userId)
          ? { ...current, userId: null } : current);
      },
      (err: unknown) => setError(handleApiError(session, err)),
    );
  }, [api, rightsVersion]);

  useEffect(() => {
    if (rightsVersion === 0) return;
    setPaging(FIRST_PAGE);
    setSelected(new Set());
  }, [rightsVersion]);

  useEffect(() => {
    let stale = false;
    pending.current = [];
    setLoading(true);
    const variables = { filter: apiFilter, orderBy: order, first: pageSize, after: currentAfter(paging) };
    api.query<{ jobs: JobConnection }>(OVERVIEW_QUERY, variables).then(
      (data) => {
        if (stale) return;
        const view: PageWindow = {
          order, isFirstPage: isFirstPage(paging), hasNextPage: data.jobs.pageInfo.hasNextPage,
        };
        pageWindow.current = view;
        let rows: PageRows = { rows: data.jobs.edges.map((edge) => edge.node), unseen: 0 };
        for (const event of pending.current ?? []) rows = applyJobEvent(rows, event, view);
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
  }, [api, rightsVersion, apiFilter, order, pageSize, paging, reloads]);

  useEffect(() => {
    let retry: ReturnType<typeof setTimeout> | undefined;
    const stop = api.subscribe<{ jobEvents: JobEvent }>(
      JOB_EVENTS_SUBSCRIPTION, { filter: apiFilter }, {
        next({ jobEvents }) {
          setLive(true);
          if (pending.current) pending.current.push(jobEvents);
          else setPage((rows) => applyJobEvent(rows, jobEvents, pageWindow.current));
        },
        error(err: ApiError) {
          // The stream ended; the socket stays up unless the connection itself was lost.
          if (err.code === "NETWORK") setLive(false);
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
      stop();
    };
  }, [api, rightsVersion, apiFilter, subscriptionEpoch]);

  useEffect(() => {
    const offLive = api.onLiveChange(setLive);
    const offReconnect = api.onReconnected(reload);
    return () => {
      offLive();
      offReconnect();
    };
  }, [api]);

  const selectedJobs = page.rows.filter((row) => selected.has(row.id));

  function changeView(update: () => void) {
    update();
    setPaging(FIRST_PAGE);
    setSelected(new Set());
  }

  function sortBy(field: JobOrderField) {
    changeView(() => setOrder((current) => current.field === field
      ? { field, direction: current.direction === "ASC" ? "DESC" : "ASC" }
      : { field, direction: DESCENDING_FIRST.has(field) ? "DESC" : "ASC" }));
  }

  function toggle(id: string) {
    setSelected((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  }

  function toggleAll() {
    const all = page.rows.length > 0 && page.rows.every((row) => selected.has(row.id));
    setSelected(all ? new Set() : new Set(page.rows.map((row) => row.id)));
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

  async function run(action: JobAction) {
    setConfirmDelete(false);
    const ids = selectedJobs.map((job) => job.id);
    setBusy(action);
    try {
      let results: BulkResult[];
      if (action === "cancel") {
        results = (await api.mutate<{ cancelJobs: BulkResult[] }>(
          CANCEL_JOBS_MUTATION, { ids, onlyIfNotStarted: false })).cancelJobs;
      } else if (action === "resubmit") {
        results = (await api.mutate<{ resubmitJobs: BulkResult[] }>(
          RESUBMIT_JOBS_MUTATION, { ids })).resubmitJobs;
      } else {
        results = (await api.mutate<{ deleteJobs: BulkResult[] }>(
          DELETE_JOBS_MUTATION, { ids })).deleteJobs;
      }
      applyResults(action, results);
      setOutcome(summarizeOutcome(action, ids, results));
      setSelected(new Set());
    } catch (err) {
      setOutcome({
        action, summary: handleApiError(session, err), succeeded: [], failures: [], created: [],
        tone: "failure",
      });
    } finally {
      setBusy(null);
    }
  }

  return (
    <section class="overview" aria-labelledby="overview-title">
      <div class="overview__head">
        <h1 id="overview-title" class="overview__title">Jobs</h1>
        <span class={`live${live ? " live--on" : ""}`} role="status"
              title={live ? "Updates arrive as they happen" : "Reconnecting to the server"}>
          {live ? "Live" : "Connecting…"}
        </span>
      </div>
      <Filters filter={filter} onFilter={(next) => changeView(() => setFilter(next))} users={users}
               order={order} onOrder={(next) => changeView(() => setOrder(next))} />
      <ActionBar selected={selectedJobs} busy={busy} refreshing={loading}
                 onRefresh={() => {
                   setOutcome(null);
                   reload();
                 }}
                 onAction={(action) => (action === "delete" ? setConfirmDelete(true) : void run(action))} />
      {outcome && <OutcomeBanner outcome={outcome} onDismiss={() => setOutcome(null)} />}
      {error && <p class="notice notice--error" role="alert">{error}</p>}
      {page.unseen > 0 && (
        <p class="notice notice--info" role="status">
          {page.unseen === 1 ? "1 new job is" : `${page.unseen} new jobs are`} not on this page.{" "}
          <button type="button" class="link-button" onClick={() => {
            setPaging(FIRST_PAGE);
            reload();
          }}>Show the first page</button>
        </p>
      )}
      <JobTable rows={page.rows} order={order} onSort={sortBy} selected={selected}
                onToggle={toggle} onToggleAll={toggleAll} onOpenJob={onOpenJob} loading={loading} />
      <Pager page={pageNumber(paging)} hasNext={pageInfo.hasNextPage}
             onPrevious={() => {
               setPaging(previousPage(paging));
               setSelected(new Set());
             }}
             onNext={() => {
               if (pageInfo.endCursor) setPaging(nextPage(paging, pageInfo.endCursor));
               setSelected(new Set());
             }}
             pageSize={pageSize} pageSizes={PAGE_SIZES}
             onPageSize={(size) => changeView(() => setPageSize(size))}
             shown={page.rows.length} />
      {confirmDelete && (
        <Dialog title="Delete jobs?" label="Delete jobs" onClose={() => setConfirmDelete(false)}
                footer={
                  <>
                    <button type="button" class="button" onClick={() => setConfirmDelete(false)}>Keep them</button>
                    <button type="button" class="button button--danger" onClick={() => void run("delete")}>
                      Delete {selectedJobs.length === 1 ? "1 job" : `${selectedJobs.length} jobs`}
                    </button>
                  </>
                }>
          <p>
            Delete {selectedJobs.length === 1 ? `job ${selectedJobs[0]?.id}` : `${selectedJobs.length} jobs`} with
            their result files? This cannot be undone; the audit trail keeps who deleted them.
          </p>
        </Dialog>
      )}
    </section>
  );
}
