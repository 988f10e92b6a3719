"""How soon a running job stops after its cancel, through PostgreSQL and Redis.

    .venv/bin/python -m bench.cancel_latency [--jobs 30]

A worker process runs a job that checks for a cancel every 5 ms. The benchmark cancels
it and measures from ``cancel`` returning (the job is ``CANCELLING`` in the database and
the event is on its way) to the job's ``finished_at`` (``CANCELLED`` stored by the
worker). Side by side: the same worker with its event listener switched off, so the job
only learns of the cancel from the database — its progress write every 100 ms finds the
job ``CANCELLING`` (the worker's own status poll, once a second, is the last resort).
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
from datetime import UTC, datetime

from bench._common import REDIS_URL, prefix, process, scratch_postgres


async def _measure(db_url: str, redis_prefix: str, jobs: int) -> list[float]:
    from bench.noop_job import TickJob
    from workers.access import identity
    from workers.engine import lifecycle, submission
    from workers.engine.models import Job
    from workers.engine.services import open_services
    from workers.engine.settings import Settings
    from workers.engine.status import JobStatus

    settings = Settings(database_url_override=db_url, redis_url=REDIS_URL,
                        redis_prefix=redis_prefix, demo=False, secret_key="bench")
    services = await open_services(settings, run_jobs=False)
    samples: list[float] = []
    try:
        user, _ = await identity.create_user("bench", role="admin")
        await asyncio.sleep(1.5)
        for _ in range(jobs):
            record = await submission.submit(TickJob.name, {}, user_id=user.id)
            while (await Job.get(id=record.id)).status is not JobStatus.RUNNING:
                await asyncio.sleep(0.005)
            await asyncio.sleep(0.05)
            await lifecycle.cancel(record.id, user.id)
            asked = datetime.now(UTC)
            while True:
                job = await Job.get(id=record.id)
                if job.status is JobStatus.CANCELLED:
                    break
                await asyncio.sleep(0.002)
            assert job.finished_at is not None
            samples.append((job.finished_at - asked).total_seconds() * 1000)
    finally:
        await services.close()
    return samples


def measure(jobs: int, *, events: bool) -> list[float]:
    redis_prefix = prefix()
    with scratch_postgres() as db_url:
        env = {
            "JOBPROCESSOR_DATABASE_URL": db_url,
            "JOBPROCESSOR_REDIS_URL": REDIS_URL,
            "JOBPROCESSOR_REDIS_PREFIX": redis_prefix,
            "JOBPROCESSOR_SECRET_KEY": "bench",
        }
        setup = "" if events else (
            "import workers.engine.runner as r;"
            "r.RunningJobs._watch_events = lambda self, hub: __import__('asyncio').sleep(1e9);"
        )
        command = [sys.executable, "-c", setup +
                   "from workers.engine.services import run_worker_process;"
                   "from workers.engine.settings import Settings;"
                   "raise SystemExit(run_worker_process(Settings.from_env()))"]
        with process(command, env):
            return asyncio.run(_measure(db_url, redis_prefix, jobs))


def _line(name: str, samples: list[float]) -> str:
    ordered = sorted(samples)
    p95 = ordered[max(0, int(len(ordered) * 0.95) - 1)]
    return f"{name:44s} median {statistics.median(ordered):7.1f} ms   p95 {p95:7.1f} ms"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--jobs", type=int, default=30)
    args = parser.parse_args()
    nudged = measure(args.jobs, events=True)
    polled = measure(args.jobs, events=False)
    print(f"{args.jobs} running jobs cancelled, one at a time")
    print(_line("JobProcessor (event nudge):", nudged))
    print(_line("without the nudge (progress write, 100 ms):", polled))
    ratio = statistics.median(nudged) / statistics.median(polled)
    print(f"median ratio nudge / database only: {ratio:.3f}   (target: nudge p95 <= 50 ms)")


if __name__ == "__main__":
    main()
