/** The signed-in page: header (new job, who is signed in), the overview, and the dialogs. */
import { useEffect, useMemo, useState } from "preact/hooks";
import { JOB_TYPES_QUERY } from "./api/documents";
import type { Job, JobTypeInfo } from "./api/types";
import { JobDialog } from "./jobs/JobDialog";
import { submittable } from "./jobs/rights";
import { Overview } from "./overview/Overview";
import { handleApiError, useSession } from "./session";
import { formFor } from "./submit/forms/registry";
import { NewJobMenu } from "./submit/NewJobMenu";
import { SubmitDialog } from "./submit/SubmitDialog";

interface OpenJob {
  id: string;
  justSubmitted: boolean;
}

export function Shell() {
  const session = useSession();
  const { api, viewer, rightsVersion } = session;
  const [jobTypes, setJobTypes] = useState<JobTypeInfo[] | null>(null);
  const [starting, setStarting] = useState<JobTypeInfo | null>(null);
  const [openJob, setOpenJob] = useState<OpenJob | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [rightsNotice, setRightsNotice] = useState(false);

  useEffect(() => {
    api.query<{ jobTypes: JobTypeInfo[] }>(JOB_TYPES_QUERY).then(
      (data) => {
        setJobTypes(data.jobTypes);
        setError(null);
      },
      (err: unknown) => setError(handleApiError(session, err)),
    );
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

  return (
    <div class="app">
      <header class="topbar">
        <span class="topbar__brand">JobProcessor</span>
        <NewJobMenu jobTypes={offered} onChoose={setStarting} />
        <span class="topbar__spacer" />
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
        <Overview onOpenJob={(id) => setOpenJob({ id, justSubmitted: false })} />
      </main>
      {starting && startingForm && (
        <SubmitDialog jobType={starting} form={startingForm} onClose={() => setStarting(null)}
                      onSubmitted={(job: Job) => {
                        setStarting(null);
                        setOpenJob({ id: job.id, justSubmitted: true });
                      }} />
      )}
      {openJob && (
        <JobDialog key={openJob.id} jobId={openJob.id} justSubmitted={openJob.justSubmitted}
                   onClose={() => setOpenJob(null)} />
      )}
    </div>
  );
}
