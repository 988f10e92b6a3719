"""No-op jobs through the whole stack, side by side with raw Dramatiq, in one run.

    .venv/bin/python -m bench.throughput [--jobs 3000] [--threads 8] [--history 1000000]
                                         [--rounds 3]

Four measurements, one after the other on the same machine:

1. **raw Dramatiq**: a no-op actor, one worker process, the same Redis;
2. **JobProcessor on PostgreSQL** (distributed): one `jobprocessor worker` process with
   the same number of threads; the benchmark submits through the access layer (policy,
   row, audit event, broker message) with 16 concurrent submitters, and the worker claims
   each job by guarded update, runs the no-op job type, completes it and publishes its
   events — everything a real job pays;
3. **JobProcessor on SQLite** (the embedded default): one process, in-process workers
   with the same number of threads, the same submissions;
4. **PostgreSQL with history**: as 2, with ``--history`` finished jobs (and their audit
   events) already in the table (0 skips it).

Each clock runs from the first send to the last job done, starting from an idle worker.
1 and 2 are measured ``--rounds`` times in turn (the machine is shared and noisy) and the
round with the median ratio is reported. Prints jobs/s of each, JobProcessor / raw
Dramatiq, SQLite / PostgreSQL, and history / empty.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench._common import REDIS_URL, prefix, process, scratch_postgres, wait_until


def raw_dramatiq(jobs: int, threads: int) -> float:
    namespace = prefix()
    env = {"BENCH_NAMESPACE": namespace, "BENCH_THREADS": str(threads)}
    import os

    os.environ.update(env)
    import importlib

    import bench.raw_dramatiq as raw

    raw = importlib.reload(raw)
    with process([sys.executable, "-m", "bench.raw_dramatiq"], env):
        time.sleep(2.0)  # let the worker boot and go idle
        started = time.perf_counter()
        for _ in range(jobs):
            raw.noop.send()
        raw.broker.join("bench", interval=20, timeout=600_000)
        elapsed = time.perf_counter() - started
    raw.broker.flush_all()
    return jobs / elapsed


#: Finished jobs of mixed types and users with their audit events, as months of use leave
#: them (``$1`` rows; ``$2`` the benchmark's user).
HISTORY = """
WITH jobs AS (
    INSERT INTO jp_job (type, feature, params, settings, user_id, status, submitted_at,
        started_at, finished_at, progress, progress_message, attempt, enqueued_at, subject,
        refs, search_text, version)
    SELECT (ARRAY['REPORT','EMPLOYEES_MASS_UPDATE','OPTIMIZATION','SHIFTS_ASSIGN'])[1 + g % 4],
        'Bench > History', '{}'::jsonb, '{"startAt": null}'::jsonb, $2,
        (ARRAY['COMPLETED','COMPLETED','COMPLETED','FAILED','CANCELLED'])[1 + g % 5],
        now() - make_interval(secs => ($1 - g) * 2.0 + 60),
        now() - make_interval(secs => ($1 - g) * 2.0 + 59),
        now() - make_interval(secs => ($1 - g) * 2.0 + 55),
        1.0, 'done', 1, now() - make_interval(secs => ($1 - g) * 2.0 + 60),
        'Level ' || (g % 50), jsonb_build_object('level', g % 50), 'history', 3
    FROM generate_series(1, $1) AS g
    RETURNING id, type, user_id, submitted_at, finished_at, status)
INSERT INTO jp_job_event (job_id, at, kind, actor_id, message, job_type, job_owner_id)
SELECT id, submitted_at, 'SUBMITTED', user_id, '', type, user_id FROM jobs
UNION ALL
SELECT id, finished_at, status, NULL, '', type, user_id FROM jobs
"""


async def _submit_and_wait(settings: Any, jobs: int, *, history: int = 0) -> float:
    """Submit ``jobs`` no-op jobs with 16 concurrent submitters; jobs/s until all completed."""
    from bench.noop_job import NoopJob
    from workers.access import identity, submissions
    from workers.engine import db
    from workers.engine.models import Job
    from workers.engine.services import open_services
    from workers.engine.status import JobStatus

    services = await open_services(settings, migrate=settings.embedded)
    try:
        user, _ = await identity.create_user("bench", role="admin")
        if history:
            conn = db.connections.get("default")
            filled = time.perf_counter()
            await conn.execute_query(HISTORY.replace("$1", str(history))
                                     .replace("$2", str(user.id)))
            # Analysed as autovacuum would have, and checkpointed: the fill's dirty pages
            # are flushed now, not by a checkpoint in the middle of the measured run.
            await conn.execute_script("ANALYZE jp_job; ANALYZE jp_job_event; CHECKPOINT")
            print(f"  ({history:,} finished jobs written in "
                  f"{time.perf_counter() - filled:.0f} s)", flush=True)
        await asyncio.sleep(2.0)  # the worker is idle
        # Counted by primary key range: a count by status would scan the history.
        first = ((await Job.all().order_by("-id").first()) or Job(id=0)).id + 1
        started = time.perf_counter()
        queue: asyncio.Queue[int] = asyncio.Queue()
        for i in range(jobs):
            queue.put_nowait(i)

        async def submitter() -> None:
            while not queue.empty():
                queue.get_nowait()
                await submissions.submit(NoopJob.name, {}, user_id=user.id)

        await asyncio.gather(*(submitter() for _ in range(16)))
        while await Job.filter(id__gte=first, status=JobStatus.COMPLETED).count() < jobs:
            await asyncio.sleep(0.02)
        elapsed = time.perf_counter() - started
        unfinished = await Job.filter(id__gte=first).exclude(status=JobStatus.COMPLETED).count()
        if unfinished:
            raise RuntimeError(f"{unfinished} jobs did not complete")
    finally:
        await services.close()
    return jobs / elapsed


def sqlite_embedded(jobs: int, threads: int) -> float:
    """The embedded default: SQLite, in-process workers, one process."""
    from workers.engine.settings import Settings

    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(data_dir=Path(tmp), demo=False, worker_threads=threads,
                            secret_key="bench")
        return asyncio.run(_submit_and_wait(settings, jobs))


def jobprocessor(jobs: int, threads: int, history: int = 0) -> float:
    from workers.engine.settings import Settings

    redis_prefix = prefix()
    with scratch_postgres() as db_url:
        env = {
            "JOBPROCESSOR_DATABASE_URL": db_url,
            "JOBPROCESSOR_REDIS_URL": REDIS_URL,
            "JOBPROCESSOR_REDIS_PREFIX": redis_prefix,
            "JOBPROCESSOR_WORKER_THREADS": str(threads),
            "JOBPROCESSOR_SECRET_KEY": "bench",
        }
        command = [sys.executable, "-c",
                   "from workers.engine.services import run_worker_process;"
                   "from workers.engine.settings import Settings;"
                   "raise SystemExit(run_worker_process(Settings.from_env()))"]
        settings = Settings(database_url_override=db_url, redis_url=REDIS_URL,
                            redis_prefix=redis_prefix, demo=False, secret_key="bench")
        with process(command, env) as proc:
            wait_until(lambda: proc.poll() is None, 5)
            return asyncio.run(_submit_and_wait(settings, jobs, history=history))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--jobs", type=int, default=3000)
    parser.add_argument("--threads", type=int, default=8)
    parser.add_argument("--history", type=int, default=1_000_000,
                        help="finished jobs already in the table for the last run (0: skip)")
    parser.add_argument("--rounds", type=int, default=3,
                        help="raw Dramatiq and PostgreSQL measured in turn this many times")
    args = parser.parse_args()
    pairs = []
    for round_no in range(1, args.rounds + 1):
        pair = (raw_dramatiq(args.jobs, args.threads), jobprocessor(args.jobs, args.threads))
        pairs.append(pair)
        print(f"round {round_no}: raw Dramatiq {pair[0]:6.0f} jobs/s, JobProcessor PG "
              f"{pair[1]:6.0f} jobs/s, ratio {pair[1] / pair[0]:.2f}", flush=True)
    raw, ours = sorted(pairs, key=lambda p: p[1] / p[0])[len(pairs) // 2]  # the median round
    lite = sqlite_embedded(args.jobs, args.threads)
    print(f"jobs={args.jobs} threads={args.threads} (1 worker process each; "
          f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores); "
          f"the median of {len(pairs)} rounds:")
    print(f"raw Dramatiq (no-op actor):          {raw:8.0f} jobs/s")
    print(f"JobProcessor, PostgreSQL:            {ours:8.0f} jobs/s")
    print(f"JobProcessor, SQLite (embedded):     {lite:8.0f} jobs/s")
    print(f"ratio JobProcessor PG / raw Dramatiq: {ours / raw:7.2f}  (target >= 0.50)")
    print(f"ratio SQLite / PostgreSQL:            {lite / ours:7.2f}  (target >= 0.50)")
    if args.history:
        full = jobprocessor(args.jobs, args.threads, history=args.history)
        print(f"JobProcessor, PostgreSQL, {args.history:,} finished jobs in the table: "
              f"{full:8.0f} jobs/s")
        print(f"ratio with history / empty:           {full / ours:7.2f}  (target >= 0.90)")


if __name__ == "__main__":
    main()
