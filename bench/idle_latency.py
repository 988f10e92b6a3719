"""How soon an idle worker starts a submitted job, side by side with raw Dramatiq.

    .venv/bin/python -m bench.idle_latency [--jobs 100] [--gap 0.2]

Jobs are sent one at a time with a pause between them, so the worker is idle each time.
JobProcessor: from ``submit`` returning (row committed, message sent) to the worker's
claim (``started_at``). Raw Dramatiq (default settings): from ``send`` to the actor
starting. Prints the median, p95 and p99 of each, in milliseconds (targets for
JobProcessor: median ≤ 3 ms, p99 ≤ 10 ms; run 100 jobs or more for a p99 that is not
simply the slowest).
"""

from __future__ import annotations

import argparse
import asyncio
import math
import os
import statistics
import sys
import time
from datetime import UTC, datetime

from bench._common import REDIS_URL, prefix, process, scratch_postgres


def _summary(name: str, samples_ms: list[float]) -> str:
    samples_ms.sort()
    # Nearest rank: the smallest sample at least that share of all samples reach.
    p95, p99 = (samples_ms[max(0, math.ceil(len(samples_ms) * share) - 1)]
                for share in (0.95, 0.99))
    return (f"{name:34s} median {statistics.median(samples_ms):7.2f} ms   "
            f"p95 {p95:7.2f} ms   p99 {p99:7.2f} ms")


def raw_dramatiq(jobs: int, gap: float) -> list[float]:
    namespace = prefix()
    env = {"BENCH_NAMESPACE": namespace, "BENCH_THREADS": "8"}
    os.environ.update(env)
    import bench.raw_dramatiq as raw

    with process([sys.executable, "-m", "bench.raw_dramatiq"], env):
        time.sleep(2.0)
        for _ in range(jobs):
            time.sleep(gap)
            raw.noop.send(time.time())
        raw.broker.join("bench", interval=20, timeout=60_000)
        time.sleep(0.2)
        values = [float(v) * 1000 for v in raw._client.lrange(f"{namespace}:latency", 0, -1)]
    raw.broker.flush_all()
    raw._client.delete(f"{namespace}:latency")
    return values


async def _jobprocessor(db_url: str, redis_prefix: str, jobs: int, gap: float) -> list[float]:
    from bench.noop_job import NoopJob
    from workers.access import identity
    from workers.engine import submission
    from workers.engine.models import Job
    from workers.engine.services import open_services
    from workers.engine.settings import Settings

    settings = Settings(database_url_override=db_url, redis_url=REDIS_URL,
                        redis_prefix=redis_prefix, demo=False)
    services = await open_services(settings, run_jobs=False)
    samples: list[float] = []
    try:
        user, _ = await identity.create_user("bench", role="admin")
        await asyncio.sleep(2.0)
        for _ in range(jobs):
            await asyncio.sleep(gap)
            record = await submission.submit(NoopJob.name, {}, user_id=user.id)
            sent = datetime.now(UTC)
            while True:
                job = await Job.get(id=record.id)
                if job.started_at is not None:
                    break
                await asyncio.sleep(0.005)
            samples.append((job.started_at - sent).total_seconds() * 1000)
    finally:
        await services.close()
    return samples


def jobprocessor(jobs: int, gap: float) -> list[float]:
    redis_prefix = prefix()
    with scratch_postgres() as db_url:
        env = {
            "JOBPROCESSOR_DATABASE_URL": db_url,
            "JOBPROCESSOR_REDIS_URL": REDIS_URL,
            "JOBPROCESSOR_REDIS_PREFIX": redis_prefix,
            "JOBPROCESSOR_SECRET_KEY": "bench",
        }
        command = [sys.executable, "-c",
                   "from workers.engine.services import run_worker_process;"
                   "from workers.engine.settings import Settings;"
                   "raise SystemExit(run_worker_process(Settings.from_env()))"]
        with process(command, env):
            return asyncio.run(_jobprocessor(db_url, redis_prefix, jobs, gap))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--jobs", type=int, default=100)
    parser.add_argument("--gap", type=float, default=0.2, help="seconds between jobs")
    args = parser.parse_args()
    raw = raw_dramatiq(args.jobs, args.gap)
    ours = jobprocessor(args.jobs, args.gap)
    print(f"{args.jobs} jobs, one at a time, {args.gap:g} s apart (idle worker each time)")
    print(_summary("raw Dramatiq (default polling):", raw))
    print(_summary("JobProcessor (wake-up on enqueue):", ours))
    print(f"median ratio JobProcessor / raw: {statistics.median(ours) / statistics.median(raw):.3f}"
          "   (targets: JobProcessor median <= 3 ms, p99 <= 10 ms)")


if __name__ == "__main__":
    main()
