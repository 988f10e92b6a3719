"""No-op jobs through the whole stack, side by side with raw Dramatiq, in one run.

    .venv/bin/python -m bench.throughput [--jobs 3000] [--threads 8]

Both sides use one worker process with the same number of threads, the same Redis, and
start from an idle worker: the clock runs from the first send to the last job done.
JobProcessor's side writes each job to PostgreSQL, claims it by guarded update, runs the
no-op job type, completes it and publishes its events — everything a real job pays.
Prints jobs/s of each and their ratio.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import time

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


async def _submit_and_wait(db_url: str, redis_prefix: str, jobs: int) -> float:
    from bench.noop_job import NoopJob
    from workers.access import identity, submissions
    from workers.engine.models import Job
    from workers.engine.services import open_services
    from workers.engine.settings import Settings
    from workers.engine.status import JobStatus

    settings = Settings(database_url_override=db_url, redis_url=REDIS_URL,
                        redis_prefix=redis_prefix, demo=False)
    services = await open_services(settings, run_jobs=False)
    try:
        user, _ = await identity.create_user("bench", role="admin")
        await asyncio.sleep(2.0)
        started = time.perf_counter()
        queue: asyncio.Queue[int] = asyncio.Queue()
        for i in range(jobs):
            queue.put_nowait(i)

        async def submitter() -> None:
            while not queue.empty():
                queue.get_nowait()
                await submissions.submit(NoopJob.name, {}, user_id=user.id)

        await asyncio.gather(*(submitter() for _ in range(16)))
        while await Job.filter(status=JobStatus.COMPLETED).count() < jobs:
            await asyncio.sleep(0.02)
        elapsed = time.perf_counter() - started
        failed = await Job.exclude(status=JobStatus.COMPLETED).count()
        if failed:
            raise RuntimeError(f"{failed} jobs did not complete")
    finally:
        await services.close()
    return jobs / elapsed


def jobprocessor(jobs: int, threads: int) -> float:
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
        with process(command, env) as proc:
            wait_until(lambda: proc.poll() is None, 5)
            return asyncio.run(_submit_and_wait(db_url, redis_prefix, jobs))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--jobs", type=int, default=3000)
    parser.add_argument("--threads", type=int, default=8)
    args = parser.parse_args()
    raw = raw_dramatiq(args.jobs, args.threads)
    ours = jobprocessor(args.jobs, args.threads)
    print(f"jobs={args.jobs} threads={args.threads} (1 worker process each)")
    print(f"raw Dramatiq (no-op actor):        {raw:8.0f} jobs/s")
    print(f"JobProcessor (whole stack, PG):    {ours:8.0f} jobs/s")
    print(f"ratio JobProcessor / raw Dramatiq: {ours / raw:8.2f}  (target >= 0.50)")


if __name__ == "__main__":
    main()
