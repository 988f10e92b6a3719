/**
 * Why submitted jobs wait, over the overview, so nobody waits for a job without being
 * told why: "No worker is online — submitted jobs wait" while no worker process sends
 * heartbeats, and which queues and job types an administrator paused. Read every few
 * seconds (`workersOnline`, `pauses`).
 */
import { useEffect, useState } from "preact/hooks";
import { WAITING_QUERY } from "../api/documents";
import type { JobTypeInfo } from "../api/model";
import { useSession } from "../session";

const POLL_MS = 5000;

interface Waiting {
  workersOnline: number;
  pauses: { queues: string[]; jobTypes: string[] };
}

export function WaitingBanner({ jobTypes }: { jobTypes: JobTypeInfo[] }) {
  const { api } = useSession();
  const [waiting, setWaiting] = useState<Waiting | null>(null);

  useEffect(() => {
    let stopped = false;
    const read = () => api.query(WAITING_QUERY).then(
      (data) => { if (!stopped) setWaiting(data); },
      () => { /* the connection indicator and the overview say what is wrong */ },
    );
    void read();
    const timer = window.setInterval(read, POLL_MS);
    return () => {
      stopped = true;
      window.clearInterval(timer);
    };
  }, [api]);

  if (!waiting) return null;
  const { queues, jobTypes: pausedTypes } = waiting.pauses;
  const titles = pausedTypes.map((type) => jobTypes.find((t) => t.type === type)?.title ?? type);
  return (
    <>
      {waiting.workersOnline === 0 && (
        <div class="notice notice--warning waiting-banner" role="status">
          <p><strong>No worker is online — submitted jobs wait.</strong> They start as soon as a
            worker process runs (<code>jobprocessor worker</code>).</p>
        </div>
      )}
      {(queues.length > 0 || titles.length > 0) && (
        <div class="notice notice--info waiting-banner" role="status">
          <p><strong>Paused by an administrator:</strong>{" "}
            {[...queues.map((q) => `the ${q} queue`), ...titles].join(", ")}.
            {" "}Their submitted jobs wait until an administrator resumes them.</p>
        </div>
      )}
    </>
  );
}
