/** The signed-in page: header (new job, who is signed in), the overview, and the dialogs. */
import { useEffect, useMemo, useState } from "preact/hooks";
import { jobTypesQuery, PARAMS_INPUT_TYPES_QUERY } from "./api/documents";
import type { Job, JobTypeInfo } from "./api/types";
import { JobDialog } from "./jobs/JobDialog";
import { Overview } from "./overview/Overview";
import { handleApiError, useSession } from "./session";
import { inputSchemaFrom, type InputSchema, type SchemaTypeInfo } from "./submit/forms/generated";
import { formFor } from "./submit/forms/registry";
import { menuEntries, NewJobMenu } from "./submit/NewJobMenu";
import { SubmitDialog } from "./submit/SubmitDialog";

interface OpenJob {
  id: string;
  justSubmitted: boolean;
}

export function Shell() {
  const session = useSession();
  const { api, caps, viewer } = session;
  const [jobTypes, setJobTypes] = useState<JobTypeInfo[]>([]);
  const [schema, setSchema] = useState<InputSchema | null>(null);
  const [starting, setStarting] = useState<JobTypeInfo | null>(null);
  const [openJob, setOpenJob] = useState<OpenJob | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    Promise.all([
      api.query<{ jobTypes: JobTypeInfo[] }>(jobTypesQuery(caps)),
      api.query<{ __schema: { types: SchemaTypeInfo[] } }>(PARAMS_INPUT_TYPES_QUERY),
    ]).then(
      ([types, introspection]) => {
        setJobTypes(types.jobTypes);
        setSchema(inputSchemaFrom(introspection));
      },
      (err: unknown) => setError(handleApiError(session, err)),
    );
  }, [api, caps]);

  const entries = useMemo(
    () => menuEntries(jobTypes, (jobType) => formFor(jobType, schema) !== null),
    [jobTypes, schema],
  );
  const startingForm = starting ? formFor(starting, schema) : null;

  return (
    <div class="app">
      <header class="topbar">
        <span class="topbar__brand">JobProcessor</span>
        <NewJobMenu entries={entries} onChoose={setStarting} />
        <span class="topbar__spacer" />
        <span class="topbar__user" title={`Signed in as ${viewer.username}`}>
          {viewer.name || viewer.username} <span class="topbar__role">{viewer.role}</span>
        </span>
        <button type="button" class="button button--quiet" onClick={() => session.signOut()}>Sign out</button>
      </header>
      <main class="content">
        {error && <p class="notice notice--error" role="alert">{error}</p>}
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
