/**
 * Workers & queues: the worker processes alive now (from their heartbeats), each queue's
 * waiting jobs and whether it is paused (administrators pause and resume queues and job
 * types here), and charts of the stored jobs: jobs finished per hour over the last 24 hours
 * and 7 days, and run-time percentiles per job type. Read again every few seconds.
 *
 * For administrators and roles that see others' jobs (the API answers FORBIDDEN to others).
 */
import { useCallback, useEffect, useState } from "preact/hooks";
import {
  JOB_STATISTICS_QUERY,
  OPERATIONS_QUERY,
  PAUSE_JOB_TYPE_MUTATION,
  PAUSE_QUEUE_MUTATION,
  RESUME_JOB_TYPE_MUTATION,
  RESUME_QUEUE_MUTATION,
} from "../api/documents";
import type { JobStatistics, JobTypeInfo, QueueInfo, WorkerInfo } from "../api/model";
import { formatTime } from "../jobs/format";
import { handleApiError, useSession } from "../session";
import { FinishedChart, RunTimesChart } from "../ui/charts";
import { formatSeconds } from "../ui/duration";

const POLL_MS = 5000;

interface Props {
  jobTypes: JobTypeInfo[];
  onOpenJob: (id: string) => void;
}

type PauseOutcome = { __typename: string; message?: string; jobsResumed?: number };

export function Operations({ jobTypes, onOpenJob }: Props) {
  const session = useSession();
  const { api, rightsVersion } = session;
  const [workers, setWorkers] = useState<WorkerInfo[] | null>(null);
  const [queues, setQueues] = useState<QueueInfo[]>([]);
  const [pausedTypes, setPausedTypes] = useState<string[]>([]);
  const [day, setDay] = useState<JobStatistics | null>(null);
  const [week, setWeek] = useState<JobStatistics | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [pauseType, setPauseType] = useState("");
  const [reads, setReads] = useState(0);

  const read = useCallback(() => setReads((n) => n + 1), []);

  useEffect(() => {
    api.query(OPERATIONS_QUERY).then(
      (data) => {
        setWorkers(data.workers);
        setQueues(data.queues);
        setPausedTypes(data.pausedJobTypes);
        setError(null);
      },
      (err: unknown) => setError(handleApiError(session, err)),
    );
  }, [api, rightsVersion, reads]);

  useEffect(() => {
    api.query(JOB_STATISTICS_QUERY, { days: 1 }).then((data) => setDay(data.jobStatistics),
      (err: unknown) => setError(handleApiError(session, err)));
    api.query(JOB_STATISTICS_QUERY, { days: 7 }).then((data) => setWeek(data.jobStatistics),
      (err: unknown) => setError(handleApiError(session, err)));
  }, [api, rightsVersion, Math.floor(reads / 6)]);

  useEffect(() => {
    const timer = window.setInterval(read, POLL_MS);
    return () => window.clearInterval(timer);
  }, [read]);

  async function change(run: () => Promise<PauseOutcome>, done: string) {
    try {
      const result = await run();
      if (result.__typename === "PauseState") {
        const resumed = result.jobsResumed ? ` ${result.jobsResumed} waiting jobs were sent to the workers.` : "";
        setNotice(done + resumed);
      } else {
        setNotice(result.message ?? "That was refused.");
      }
    } catch (err) {
      setNotice(handleApiError(session, err));
    }
    read();
  }

  function pauseQueue(q: QueueInfo) {
    return change(async () => (q.paused
      ? (await api.mutate(RESUME_QUEUE_MUTATION, { name: q.name })).resumeQueue
      : (await api.mutate(PAUSE_QUEUE_MUTATION, { name: q.name })).pauseQueue) as PauseOutcome,
    q.paused ? `Queue ${q.name} resumed.` : `Queue ${q.name} paused: its new jobs wait.`);
  }

  async function pauseJobType(type: string, pause: boolean) {
    await change(async () => (pause
      ? (await api.mutate(PAUSE_JOB_TYPE_MUTATION, { jobType: type })).pauseJobType
      : (await api.mutate(RESUME_JOB_TYPE_MUTATION, { jobType: type })).resumeJobType) as PauseOutcome,
    pause ? `Job type ${type} paused: its new jobs wait.` : `Job type ${type} resumed.`);
    setPauseType("");
  }

  const canPause = queues.some((q) => q.viewerCanPause);
  const titleOf = (type: string) => jobTypes.find((t) => t.type === type)?.title ?? type;

  return (
    <section class="operations" aria-labelledby="operations-heading">
      <h1 id="operations-heading">Workers &amp; queues</h1>
      {error && <p class="notice notice--error" role="alert">{error}</p>}
      {notice && (
        <div class="notice notice--info" role="status">
          <p>{notice}</p>
          <button type="button" class="icon-button" aria-label="Dismiss" onClick={() => setNotice(null)}>×</button>
        </div>
      )}

      <h2>Workers</h2>
      {workers !== null && workers.length === 0 && (
        <p class="notice notice--warning" role="status">No worker is online — submitted jobs wait.</p>
      )}
      {workers !== null && workers.length > 0 && (
        <div class="table-wrap">
          <table class="figures workers" aria-label="Workers">
            <thead>
              <tr><th scope="col">Worker</th><th scope="col">Host</th><th scope="col">PID</th>
                <th scope="col">Threads</th><th scope="col">Queues</th><th scope="col">Started</th>
                <th scope="col">Last seen</th><th scope="col">Running jobs</th></tr>
            </thead>
            <tbody>
              {workers.map((w) => (
                <tr key={w.name} data-worker={w.name}>
                  <th scope="row">{w.name}</th><td>{w.host}</td><td>{w.pid}</td><td>{w.threads}</td>
                  <td>{w.queues.join(", ")}</td><td>{formatTime(w.startedAt)}</td>
                  <td>{formatTime(w.lastSeen)}</td>
                  <td>{w.runningJobIds.length === 0 ? "none" : w.runningJobIds.map((id, i) => (
                    <span key={id}>{i > 0 && ", "}
                      <a href={`/jobs/${id}`} onClick={(e) => { e.preventDefault(); onOpenJob(id); }}>{id}</a>
                    </span>
                  ))}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      <h2>Queues</h2>
      <div class="table-wrap">
        <table class="figures queues" aria-label="Queues">
          <thead>
            <tr><th scope="col">Queue</th><th scope="col">Waiting</th><th scope="col">Delayed</th>
              <th scope="col">Oldest wait</th><th scope="col">Broker messages</th>
              <th scope="col">State</th>{canPause && <th scope="col"><span class="visually-hidden">Action</span></th>}</tr>
          </thead>
          <tbody>
            {queues.map((q) => (
              <tr key={q.name} data-queue={q.name}>
                <th scope="row">{q.name}</th><td>{q.depth}</td><td>{q.delayed}</td>
                <td>{q.depth ? formatSeconds(q.oldestWaitSeconds) : "–"}</td>
                <td>{q.messages ?? "–"}</td><td>{q.paused ? "Paused" : "Running"}</td>
                {canPause && (
                  <td><button type="button" class="button" onClick={() => void pauseQueue(q)}>
                    {q.paused ? `Resume ${q.name}` : `Pause ${q.name}`}</button></td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h3>Paused job types</h3>
      {pausedTypes.length === 0 ? <p>None: jobs of every type start when a worker is free.</p> : (
        <ul class="paused-types">
          {pausedTypes.map((type) => (
            <li key={type}>{titleOf(type)} ({type})
              {canPause && <button type="button" class="button button--quiet"
                                   onClick={() => void pauseJobType(type, false)}>Resume {type}</button>}
            </li>
          ))}
        </ul>
      )}
      {canPause && (
        <form class="pause-type" onSubmit={(e) => { e.preventDefault(); if (pauseType) void pauseJobType(pauseType, true); }}>
          <label>Pause a job type{" "}
            <select value={pauseType} onChange={(e) => setPauseType((e.target as HTMLSelectElement).value)}>
              <option value="">Choose…</option>
              {jobTypes.filter((t) => !pausedTypes.includes(t.type)).map((t) => (
                <option key={t.type} value={t.type}>{t.title}</option>
              ))}
            </select>
          </label>{" "}
          <button type="submit" class="button" disabled={!pauseType}>Pause</button>
        </form>
      )}

      <h2>Finished jobs</h2>
      <div class="charts">
        {day && <FinishedChart hours={day.finishedPerHour} title="Last 24 hours, per hour" testId="finished-24h" />}
        {week && <FinishedChart hours={week.finishedPerHour} title="Last 7 days, per hour" testId="finished-7d" />}
      </div>
      <h2>Run times</h2>
      {week && <RunTimesChart runTimes={week.runTimes} title="Run time per job type, last 7 days" />}
    </section>
  );
}
