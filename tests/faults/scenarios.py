"""The fault scenarios of issue 12, each measured from the journal and the job rows.

Every scenario runs on a fresh database and Redis prefix of the same throwaway servers:

* ``kill -9`` — a random busy worker is killed, a new one started, again and again;
* ``redis`` — Redis is killed and restarted **empty** while jobs wait (their messages go);
* ``postgres`` — PostgreSQL is stopped for some seconds while jobs run, and GraphQL
  requests keep coming to an API process;
* ``sigterm`` — a busy worker is stopped as a service manager stops it.

Each reports jobs lost (final but not completed), stuck (not final 120 s after the last
fault), bodies run twice (a second *finish* in the journal, except after a ``kill -9`` of
the worker that had finished it — that body ran again for a real crash and is counted
apart), plain-text HTTP 500s, the worst wait of an orphan (a job waiting when Redis lost
its message, until its body started again), and how long after the last fault every job
was final. :data:`CI` is the size ``scripts/test`` runs; :data:`FULL` the issue's.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import random
import subprocess
import time
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import httpx
from servers import PostgresServer, RedisServer

from workers.engine.models import Job
from workers.engine.status import JobStatus

from .rig import FaultRig, rig

#: Seconds every job has, after the last fault, to be final before it counts as stuck.
SETTLE_SECONDS = 120.0


@dataclass(frozen=True)
class Size:
    """How many faults of each kind, over how many jobs."""

    kills: int
    kill_jobs: int
    redis_restarts: int
    redis_wave: int
    postgres_stops: int
    postgres_down: tuple[float, float]
    sigterms: int
    job_seconds: tuple[float, float]


CI = Size(
    kills=10,
    kill_jobs=100,
    redis_restarts=3,
    redis_wave=20,
    postgres_stops=2,
    postgres_down=(5, 10),
    sigterms=1,
    job_seconds=(0.3, 1.0),
)
FULL = Size(
    kills=50,
    kill_jobs=500,
    redis_restarts=20,
    redis_wave=50,
    postgres_stops=10,
    postgres_down=(5, 30),
    sigterms=5,
    job_seconds=(0.5, 2.0),
)


@dataclass
class Result:
    """What one scenario measured."""

    scenario: str
    faults: int
    jobs: int = 0
    lost: int = 0
    stuck: int = 0
    run_twice: int = 0
    rerun_after_kill: int = 0
    requests: int = 0
    plain_500s: int = 0
    worst_orphan_wait: float | None = None
    final_after_last_fault: float | None = None
    exit_codes: list[int] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    @property
    def held(self) -> bool:
        return (
            self.lost == self.stuck == self.run_twice == self.plain_500s == 0
            and (self.worst_orphan_wait or 0) <= 30
            and self.final_after_last_fault is not None
            and self.final_after_last_fault <= 60
            and all(code == 0 for code in self.exit_codes)
        )


async def _settle(
    the_rig: FaultRig,
    ids: list[int],
    last_fault: float,
    result: Result,
    orphans: Sequence[tuple[float, list[int]]] = (),
) -> Result:
    """Wait for every job, then count from the rows and the journal."""
    statuses = await the_rig.wait_until_final(ids, SETTLE_SECONDS)
    result.jobs = len(ids)
    result.stuck = sum(
        1
        for i in ids
        if statuses.get(i) not in (JobStatus.COMPLETED, JobStatus.FAILED, JobStatus.CANCELLED)
    )
    result.lost = sum(1 for i in ids if statuses.get(i) in (JobStatus.FAILED, JobStatus.CANCELLED))
    failed = await Job.filter(id__in=ids, status=JobStatus.FAILED).values_list("id", "error")
    result.problems += [f"job {job_id} failed: {error}" for job_id, error in failed[:5]]
    for job_id, _ in failed[:2]:
        result.problems.append(the_rig.why_failed(job_id))
    finished = [
        at
        for (at,) in await Job.filter(id__in=ids, finished_at__isnull=False).values_list(
            "finished_at"
        )
    ]
    if finished and not result.stuck:
        result.final_after_last_fault = max(0.0, max(f.timestamp() for f in finished) - last_fault)
    journal = the_rig.journal()
    finishes: dict[int, list[int]] = defaultdict(list)
    starts: dict[int, list[float]] = defaultdict(list)
    for entry in journal:
        if entry.kind == "finish":
            finishes[entry.job_id].append(entry.pid)
        else:
            starts[entry.job_id].append(entry.at)
    for job_id, pids in finishes.items():
        if len(pids) > 1:
            if all(pid in the_rig.killed for pid in pids[:-1]):
                result.rerun_after_kill += 1
            else:
                result.run_twice += 1
                result.problems.append(f"job {job_id}'s body finished {len(pids)} times")
    waits = []
    for restarted_at, waiting in orphans:
        for job_id in waiting:
            later = [at for at in starts[job_id] if at >= restarted_at]
            if later:
                waits.append(min(later) - restarted_at)
    if waits:
        result.worst_orphan_wait = max(waits)
    return result


#: Seconds the kill scenario waits for a worker to run a job before it kills any worker.
BUSY_PATIENCE_SECONDS = 60.0


async def _busy_worker(the_rig: FaultRig, rng: random.Random) -> subprocess.Popen[bytes]:
    """A random live worker that runs a job now, waiting for one to.

    A worker still starting holds no job: killing it tests only start-up, and at the kill
    scenario's pace (a kill every 0.8-1.6 s, a start taking longer on a loaded machine)
    once killed every worker before it ran anything for 40 s. Only when no worker runs a
    job within :data:`BUSY_PATIENCE_SECONDS` is any live one taken.
    """
    loop = asyncio.get_running_loop()
    deadline = loop.time() + BUSY_PATIENCE_SECONDS
    while True:
        live = the_rig.live_workers()
        with contextlib.suppress(Exception):  # the database may be slow to answer
            running = await the_rig.running_on()
            busy = [p for p in live if running.get(p.pid)]
            if busy:
                return rng.choice(busy)
        if loop.time() >= deadline:
            return rng.choice(live)
        await asyncio.sleep(0.1)


async def kill_workers(
    pg: PostgresServer,
    redis: RedisServer,
    folder: Path,
    size: Size,
    rng: random.Random,
    workers: int = 3,
    threads: int = 4,
) -> Result:
    """``kill -9`` of a random busy worker, a new one started after each.

    ``workers`` x ``threads`` can run the jobs' bodies within about the time the kills
    take: with fewer (3 x 2 measured 71.7 s at full size, every thread busy throughout)
    the jobs still queued at the last kill, not the kills, decide "all final after the
    last fault", and the bound says nothing about recovery.
    """
    result = Result("kill -9 of a worker", size.kills)
    async with rig(pg, redis, folder, threads=threads) as the_rig:
        for _ in range(workers):
            the_rig.start_worker()
        ids = await the_rig.submit(size.kill_jobs, size.job_seconds, rng)
        last_fault = time.time()
        for _ in range(size.kills):
            await asyncio.sleep(rng.uniform(0.8, 1.6))
            victim = await _busy_worker(the_rig, rng)
            await asyncio.to_thread(the_rig.kill, victim)
            last_fault = time.time()
            the_rig.note(f"killed worker {victim.pid}")
            the_rig.start_worker()
        return await _settle(the_rig, ids, last_fault, result)


async def restart_redis(
    pg: PostgresServer,
    redis: RedisServer,
    folder: Path,
    size: Size,
    rng: random.Random,
    workers: int = 2,
    threads: int = 8,
) -> Result:
    """Redis killed while jobs wait, down a moment, restarted empty.

    ``workers`` x ``threads`` (the default thread count) can run the waves' bodies within
    about the time the faults take, so that the waits measured are the reconciler's, not
    a queue's (with 2 x 2 the full size queued 312 s of work for 4 threads).
    """
    result = Result("Redis killed, restarted empty", size.redis_restarts)
    orphans: list[tuple[float, list[int]]] = []
    async with rig(pg, redis, folder, threads=threads) as the_rig:
        for _ in range(workers):
            the_rig.start_worker()
        ids: list[int] = []
        last_fault = time.time()
        for _ in range(size.redis_restarts):
            ids += await the_rig.submit(size.redis_wave, size.job_seconds, rng)
            await asyncio.sleep(rng.uniform(0.2, 0.6))
            waiting = [
                i
                for (i,) in await Job.filter(id__in=ids, status=JobStatus.SUBMITTED).values_list(
                    "id"
                )
            ]
            await asyncio.to_thread(redis.kill)
            the_rig.note("Redis killed")
            await asyncio.sleep(rng.uniform(0.5, 4.0))
            await asyncio.to_thread(redis.start)
            last_fault = time.time()
            the_rig.note(f"Redis restarted empty; {len(waiting)} jobs were waiting")
            orphans.append((last_fault, waiting))
            await asyncio.sleep(rng.uniform(1.0, 3.0))
        return await _settle(the_rig, ids, last_fault, result, orphans)


QUERY = {"query": "{ jobs(first: 1) { totalCount } }"}
SUBMIT = {
    "query": "mutation { submitJob(input: {params: {testJournal: {seconds: 0.1}}}) { __typename } }"
}


async def _probe(the_rig: FaultRig, stop: asyncio.Event, result: Result) -> None:
    """GraphQL requests with and without a token until ``stop``; counts plain-text 500s."""
    headers = {"Authorization": f"Bearer {the_rig.token}"}
    async with httpx.AsyncClient(timeout=10) as client:
        while not stop.is_set():
            for body, auth in ((QUERY, headers), (QUERY, {}), (SUBMIT, headers)):
                try:
                    response = await client.post(the_rig.api_url(), json=body, headers=auth)
                except httpx.HTTPError:
                    continue
                result.requests += 1
                if response.status_code >= 500:
                    try:
                        json.loads(response.text)["errors"]
                    except (ValueError, KeyError, TypeError):
                        result.plain_500s += 1
            await asyncio.sleep(0.1)


async def stop_postgres(
    pg: PostgresServer,
    redis: RedisServer,
    folder: Path,
    size: Size,
    rng: random.Random,
    workers: int = 2,
) -> Result:
    """PostgreSQL stopped for some seconds while jobs run and requests come in."""
    result = Result("PostgreSQL stopped", size.postgres_stops)
    async with rig(pg, redis, folder) as the_rig:
        for _ in range(workers):
            the_rig.start_worker()
        await the_rig.start_api()
        ids: list[int] = []
        last_fault = time.time()
        for _ in range(size.postgres_stops):
            ids += await the_rig.submit(8, (2.0, 4.0), rng)
            await asyncio.sleep(rng.uniform(1.0, 2.0))  # some run, some will finish while down
            stop = asyncio.Event()
            probing = asyncio.create_task(_probe(the_rig, stop, result))
            await asyncio.to_thread(pg.stop)
            the_rig.note("PostgreSQL stopped")
            await asyncio.sleep(rng.uniform(*size.postgres_down))
            await asyncio.to_thread(pg.start)
            last_fault = time.time()
            the_rig.note("PostgreSQL started")
            stop.set()
            await probing
            await asyncio.sleep(2.0)
        return await _settle(the_rig, ids, last_fault, result)


async def sigterm_worker(
    pg: PostgresServer,
    redis: RedisServer,
    folder: Path,
    size: Size,
    rng: random.Random,
    workers: int = 2,
) -> Result:
    """SIGTERM of a busy worker; it must exit 0 and its jobs run elsewhere."""
    result = Result("SIGTERM of a busy worker", size.sigterms)
    async with rig(pg, redis, folder) as the_rig:
        for _ in range(workers):
            the_rig.start_worker()
        ids: list[int] = []
        last_fault = time.time()
        for _ in range(size.sigterms):
            ids += await the_rig.submit(10, (2.0, 4.0), rng)
            busy: dict[int, list[int]] = {}
            for _ in range(300):
                busy = await the_rig.running_on()
                if busy:
                    break
                await asyncio.sleep(0.1)
            victim = next(
                (p for p in the_rig.live_workers() if busy.get(p.pid)), the_rig.live_workers()[0]
            )
            the_rig.note(f"SIGTERM to worker {victim.pid}")
            result.exit_codes.append(await asyncio.to_thread(the_rig.terminate, victim))
            last_fault = time.time()
            the_rig.note(f"worker {victim.pid} exited {result.exit_codes[-1]}")
            the_rig.start_worker()
        return await _settle(the_rig, ids, last_fault, result)


SCENARIOS = (kill_workers, restart_redis, stop_postgres, sigterm_worker)


def table(results: list[Result]) -> str:
    """The results as a Markdown table."""

    def seconds(value: float | None) -> str:
        return "-" if value is None else f"{value:.1f} s"

    lines = [
        "| fault | times | jobs | lost | stuck | bodies run twice | re-run after kill -9 "
        "| requests / plain 500s | worst orphan wait | all final after last fault |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in results:
        requests = f"{r.requests} / {r.plain_500s}" if r.requests else "-"
        lines.append(
            f"| {r.scenario} | {r.faults} | {r.jobs} | {r.lost} | {r.stuck} | "
            f"{r.run_twice} | {r.rerun_after_kill} | {requests} | "
            f"{seconds(r.worst_orphan_wait)} | {seconds(r.final_after_last_fault)} |"
        )
    return "\n".join(lines)
