/**
 * The signed-in page: header (new job, the live connection, who is signed in), the
 * overview, and the dialogs. What it shows follows the address (nav/): `/?…` is the
 * overview with that view, `/jobs/{id}?…` the same with the job's dialog open.
 */
import { useEffect, useMemo, useState } from "preact/hooks";
import { JOB_TYPES_QUERY, OPERATIONS_ACCESS_QUERY } from "./api/documents";
import type { Job, JobTypeInfo } from "./api/model";
import { JobDialog } from "./jobs/JobDialog";
import { submittable } from "./jobs/rights";
import { go, usePlace } from "./nav/location";
import { parseView, viewQuery, type View } from "./nav/view";
import { Operations } from "./operations/Operations";
import { Overview } from "./overview/Overview";
import { handleApiError, useSession } from "./session";
import { formFor } from "./submit/forms/registry";
import { NewJobMenu } from "./submit/NewJobMenu";
import { SubmitDialog } from "./submit/SubmitDialog";
import { ConnectionIndicator } from "./ui/ConnectionIndicator";
import { WaitingBanner } from "./ui/WaitingBanner";
import { ToastArea } from "./ui/Toasts";

export function Shell() {
  const session = useSession();
  const { api, viewer, rightsVersion } = session;
  const place = usePlace();
  const view = useMemo(() => parseView(place.query), [place.query]);
  const [jobTypes, setJobTypes] = useState<JobTypeInfo[] | null>(null);
  const [starting, setStarting] = useState<JobTypeInfo | null>(null);
  const [justSubmitted, setJustSubmitted] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [rightsNotice, setRightsNotice] = useState(false);
  /** The role may open Workers & queues. */
  const [operator, setOperator] = useState(false);

  useEffect(() => {
    api.query(JOB_TYPES_QUERY).then(
      (data) => {
        setJobTypes(data.jobTypes);
        setError(null);
      },
      (err: unknown) => setError(handleApiError(session, err)),
    );
  }, [api, rightsVersion]);

  useEffect(() => {
    api.query(OPERATIONS_ACCESS_QUERY).then(() => setOperator(true), () => setOperator(false));
  }, [api, rightsVersion]);

  useEffect(() => {
    if (rightsVersion === 0) return;
    setRightsNotice(true);
    // A form opened under the old rights may no longer be allowed.
    setStarting(null);
  }, [rightsVersion]);

  const offered = useMemo(
    () => (jobTypes ? submittable(jobTypes, (jobType) => formFor(jobType) !== null) : null),
    [jobTypes],
  );
  const startingForm = starting ? formFor(starting) : null;

  function showView(next: View, options?: { replace?: boolean }) {
    go({ jobId: place.jobId, query: viewQuery(next) }, options);
  }

  return (
    <ToastArea>
      <div class="app">
        <header class="topbar">
          <span class="topbar__brand">JobProcessor</span>
          <NewJobMenu jobTypes={offered} onChoose={setStarting} />
          {operator && (
            <nav class="topbar__nav" aria-label="Views">
              <a href="/" class="topbar__link" aria-current={place.operations ? undefined : "page"}
                 onClick={(e) => { e.preventDefault(); go({ jobId: null, query: "" }); }}>Jobs</a>
              <a href="/operations" class="topbar__link" aria-current={place.operations ? "page" : undefined}
                 onClick={(e) => { e.preventDefault(); go({ jobId: null, query: "", operations: true }); }}>
                Workers &amp; queues</a>
            </nav>
          )}
          <span class="topbar__spacer" />
          <ConnectionIndicator api={api} />
          <span class="topbar__user" title={`Signed in as ${viewer.username}`}>
            {viewer.name || viewer.username} <span class="topbar__role">{viewer.role}</span>
          </span>
          <button type="button" class="button button--quiet" onClick={() => session.signOut()}>Sign out</button>
        </header>
        <main class="content">
          {error && <p class="notice notice--error" role="alert">{error}</p>}
          {rightsNotice && (
            <div class="notice notice--info rights-notice" role="status">
              <p>Your rights changed: the page now shows what your role ({viewer.role}) allows.</p>
              <button type="button" class="icon-button" aria-label="Dismiss"
                      onClick={() => setRightsNotice(false)}>×</button>
            </div>
          )}
          {place.operations ? (
            <Operations jobTypes={jobTypes ?? []} onOpenJob={(id) => go({ jobId: id, query: "" })} />
          ) : (
            <>
              <WaitingBanner jobTypes={jobTypes ?? []} />
              <Overview view={view} onView={showView} jobTypes={jobTypes ?? []}
                        canStartJobs={(offered?.length ?? 0) > 0}
                        onOpenJob={(id) => {
                          setJustSubmitted(null);
                          go({ jobId: id, query: place.query });
                        }} />
            </>
          )}
        </main>
        {starting && startingForm && (
          <SubmitDialog jobType={starting} form={startingForm} onClose={() => setStarting(null)}
                        onSubmitted={(job: Job) => {
                          setStarting(null);
                          setJustSubmitted(job.id);
                          go({ jobId: job.id, query: place.query });
                        }} />
        )}
        {place.jobId && (
          <JobDialog key={place.jobId} jobId={place.jobId} justSubmitted={justSubmitted === place.jobId}
                     onClose={() => go({ jobId: null, query: place.query })} />
        )}
      </div>
    </ToastArea>
  );
}
