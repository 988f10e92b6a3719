/**
 * "No worker is online — submitted jobs wait": shown over the overview while no worker
 * process sends heartbeats (`workersOnline` is 0, read every few seconds), so nobody waits
 * for a job that nothing will run without being told why.
 */
import { useEffect, useState } from "preact/hooks";
import { WORKERS_ONLINE_QUERY } from "../api/documents";
import { useSession } from "../session";

const POLL_MS = 5000;

export function NoWorkerBanner() {
  const { api } = useSession();
  const [online, setOnline] = useState<number | null>(null);

  useEffect(() => {
    let stopped = false;
    const read = () => api.query(WORKERS_ONLINE_QUERY).then(
      (data) => { if (!stopped) setOnline(data.workersOnline); },
      () => { /* the connection indicator and the overview say what is wrong */ },
    );
    void read();
    const timer = window.setInterval(read, POLL_MS);
    return () => {
      stopped = true;
      window.clearInterval(timer);
    };
  }, [api]);

  if (online !== 0) return null;
  return (
    <div class="notice notice--warning no-worker" role="status">
      <p><strong>No worker is online — submitted jobs wait.</strong> They start as soon as a
        worker process runs (<code>jobprocessor worker</code>).</p>
    </div>
  );
}
