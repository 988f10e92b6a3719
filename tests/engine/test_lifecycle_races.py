"""Races between start, cancel, finish and delete: whatever the interleaving, one winner.

Every race runs on SQLite and on PostgreSQL (there with a pool of connections, so the
attempts really overlap in the database). No workers run: the tests call
:mod:`workers.engine.lifecycle` exactly as workers and the API do. Each race runs on several jobs
at once with the attempts shuffled, so both orders of a race get exercised.
"""

from __future__ import annotations

import asyncio
import random
from collections.abc import Awaitable, Callable
from functools import partial
from typing import Any

from workers.engine import lifecycle
from workers.engine.errors import JobNotFoundError, JobStateError
from workers.engine.events import JobChange
from workers.engine.models import Job, JobEvent, JobFile
from workers.engine.records import JobRecord
from workers.engine.status import JobStatus

from .conftest import Engine, SubmittedJobFactory, audit_trail

#: Racing attempts per job.
ATTEMPTS = 50
#: Jobs raced at once per test.
JOBS = 6

Attempt = tuple[str, int, Callable[[], Awaitable[Any]]]


async def race(attempts: list[Attempt], seed: int) -> dict[int, dict[str, list[Any]]]:
    """Run every attempt concurrently (shuffled); results, or exceptions, per job and action."""
    random.Random(seed).shuffle(attempts)
    results = await asyncio.gather(*(call() for _, _, call in attempts), return_exceptions=True)
    outcome: dict[int, dict[str, list[Any]]] = {}
    for (action, job_id, _), result in zip(attempts, results, strict=True):
        if isinstance(result, BaseException) and not isinstance(
            result, JobStateError | JobNotFoundError
        ):
            raise result
        outcome.setdefault(job_id, {}).setdefault(action, []).append(result)
    return outcome


def wins(results: list[Any]) -> list[JobRecord]:
    return [r for r in results if isinstance(r, JobRecord)]


def losses(results: list[Any]) -> list[Exception]:
    return [r for r in results if isinstance(r, Exception)]


async def assert_trail(job_id: int, expected: list[str], actors: dict[str, int | None]) -> None:
    """The audit trail records each change once, in order, with its actor and a time."""
    trail = await audit_trail(job_id)
    assert [event.kind for event in trail] == expected
    for event in trail:
        assert event.actor_id == actors.get(event.kind), (event.kind, event.actor_id)
    times = [event.at for event in trail]
    assert times == sorted(times), "the audit trail's times go backwards"


def status_events(changes: list[JobChange], job_id: int) -> list[str]:
    """The statuses published for one job, in publishing order (one per status change)."""
    seen = [c.job.status.value if c.kind != "deleted" else "DELETED"
            for c in changes if c.job.id == job_id]
    return [s for i, s in enumerate(seen) if i == 0 or s != seen[i - 1]]


async def test_a_job_delivered_fifty_times_is_started_exactly_once(
    engine: Engine, submitted_job: SubmittedJobFactory
) -> None:
    job = await submitted_job()

    outcome = await race(
        [("claim", job.id, partial(lifecycle.claim, job.id, f"worker-{i}"))
         for i in range(ATTEMPTS)],
        seed=1,
    )

    started = [r for r in outcome[job.id]["claim"] if r is not None]
    assert len(started) == 1
    stored = await lifecycle.load(job.id)
    assert stored is not None and stored.status is JobStatus.RUNNING and stored.attempt == 1
    await assert_trail(job.id, ["SUBMITTED", "RUNNING"], {"SUBMITTED": job.user_id})


async def test_cancel_racing_start_has_one_winner(
    engine: Engine, submitted_job: SubmittedJobFactory
) -> None:
    jobs = [await submitted_job() for _ in range(JOBS)]
    attempts: list[Attempt] = []
    for job in jobs:
        attempts += [("claim", job.id, partial(lifecycle.claim, job.id, f"w{i}"))
                     for i in range(ATTEMPTS // 2)]
        attempts += [("cancel", job.id, partial(lifecycle.cancel, job.id, job.user_id))
                     for _ in range(ATTEMPTS // 2)]

    async with engine.bus.hub.listen() as sub:
        outcome = await race(attempts, seed=2)
        changes = [sub.queue.get_nowait() for _ in range(sub.queue.qsize())]

    for job in jobs:
        claims, cancels = outcome[job.id]["claim"], outcome[job.id]["cancel"]
        stored = await lifecycle.load(job.id)
        assert stored is not None
        assert len(wins(cancels)) == 1
        assert all(isinstance(e, JobStateError) for e in losses(cancels))
        started = [r for r in claims if r is not None]
        if stored.status is JobStatus.CANCELLED:
            # The cancel came first: the job never started, and never will.
            assert started == []
            expected = ["SUBMITTED", "CANCELLED"]
            assert await lifecycle.claim(job.id, "late-worker") is None
        else:
            # A worker came first: the cancel asks it to stop at its next checkpoint.
            assert stored.status is JobStatus.CANCELLING
            assert len(started) == 1
            expected = ["SUBMITTED", "RUNNING", "CANCELLING"]
        await assert_trail(job.id, expected, {"SUBMITTED": job.user_id,
                                              "CANCELLED": job.user_id,
                                              "CANCELLING": job.user_id})
        assert status_events(changes, job.id) == expected[1:]


async def test_cancel_racing_finish_has_one_winner(
    engine: Engine, submitted_job: SubmittedJobFactory
) -> None:
    jobs = [await submitted_job() for _ in range(JOBS)]
    running = {job.id: await lifecycle.claim(job.id, "worker") for job in jobs}

    async def finish(record: JobRecord | None) -> bool:
        # What the runner does: complete unless cancelled; a cancelled job then stops.
        assert record is not None
        done = await lifecycle.complete(record, {"summary": "done"},
                                        [("out.csv", "text/csv", b"a,b\n")])
        if not done:
            assert await lifecycle.finish_cancelled(record)
        return done

    attempts: list[Attempt] = []
    for job in jobs:
        attempts.append(("finish", job.id, partial(finish, running[job.id])))
        attempts += [("cancel", job.id, partial(lifecycle.cancel, job.id, job.user_id))
                     for _ in range(ATTEMPTS - 1)]

    outcome = await race(attempts, seed=3)

    for job in jobs:
        (completed,), cancels = outcome[job.id]["finish"], outcome[job.id]["cancel"]
        stored = await lifecycle.load(job.id)
        assert stored is not None
        files = await JobFile.filter(job_id=job.id).count()
        assert all(isinstance(e, JobStateError) for e in losses(cancels))
        if completed:
            assert stored.status is JobStatus.COMPLETED
            assert wins(cancels) == []
            assert files == 1 and stored.result is not None
            expected = ["SUBMITTED", "RUNNING", "COMPLETED"]
        else:
            assert stored.status is JobStatus.CANCELLED
            assert len(wins(cancels)) == 1
            assert files == 0 and stored.result is None
            expected = ["SUBMITTED", "RUNNING", "CANCELLING", "CANCELLED"]
        await assert_trail(job.id, expected, {"SUBMITTED": job.user_id,
                                              "CANCELLING": job.user_id})


async def test_delete_racing_start_has_one_winner(
    engine: Engine, submitted_job: SubmittedJobFactory
) -> None:
    jobs = [await submitted_job() for _ in range(JOBS)]
    attempts: list[Attempt] = []
    for job in jobs:
        attempts += [("claim", job.id, partial(lifecycle.claim, job.id, f"w{i}"))
                     for i in range(ATTEMPTS // 2)]
        attempts += [("delete", job.id, partial(lifecycle.delete, job.id, job.user_id))
                     for _ in range(ATTEMPTS // 2)]

    outcome = await race(attempts, seed=4)

    for job in jobs:
        claims, deletes = outcome[job.id]["claim"], outcome[job.id]["delete"]
        stored = await lifecycle.load(job.id)
        started = [r for r in claims if r is not None]
        if stored is None:
            assert len(wins(deletes)) == 1
            assert all(isinstance(e, JobNotFoundError) for e in losses(deletes))
            assert started == []
            expected = ["SUBMITTED", "DELETED"]
        else:
            assert stored.status is JobStatus.RUNNING and len(started) == 1
            assert wins(deletes) == []
            assert all(isinstance(e, JobStateError) and e.status is JobStatus.RUNNING
                       for e in losses(deletes))
            expected = ["SUBMITTED", "RUNNING"]
        await assert_trail(job.id, expected, {"SUBMITTED": job.user_id,
                                              "DELETED": job.user_id})


async def test_delete_racing_cancel_removes_the_job_once_and_reports_its_last_status(
    engine: Engine, submitted_job: SubmittedJobFactory
) -> None:
    jobs = [await submitted_job() for _ in range(JOBS)]
    attempts: list[Attempt] = []
    for job in jobs:
        attempts += [("cancel", job.id, partial(lifecycle.cancel, job.id, job.user_id))
                     for _ in range(ATTEMPTS // 2)]
        attempts += [("delete", job.id, partial(lifecycle.delete, job.id, job.user_id))
                     for _ in range(ATTEMPTS // 2)]

    async with engine.bus.hub.listen() as sub:
        outcome = await race(attempts, seed=5)
        changes = [sub.queue.get_nowait() for _ in range(sub.queue.qsize())]

    for job in jobs:
        cancels, deletes = outcome[job.id]["cancel"], outcome[job.id]["delete"]
        assert await Job.exists(id=job.id) is False
        (deleted,) = wins(deletes)
        assert all(isinstance(e, JobNotFoundError) for e in losses(deletes))
        assert len(wins(cancels)) <= 1
        assert all(isinstance(e, JobNotFoundError | JobStateError) for e in losses(cancels))
        # A cancel that won came before the delete; the deletion reports the job as it was.
        last_status = JobStatus.CANCELLED if wins(cancels) else JobStatus.SUBMITTED
        expected = ["SUBMITTED", *(["CANCELLED"] if wins(cancels) else []), "DELETED"]
        await assert_trail(job.id, expected, {"SUBMITTED": job.user_id,
                                              "CANCELLED": job.user_id,
                                              "DELETED": job.user_id})
        assert deleted.status is last_status
        (deletion,) = [c for c in changes if c.job.id == job.id and c.kind == "deleted"]
        assert deletion.job.status is last_status
        trail = await audit_trail(job.id)
        assert last_status.value in trail[-1].message


async def test_audit_events_of_a_deleted_job_stay_on_record(
    engine: Engine, submitted_job: SubmittedJobFactory
) -> None:
    job = await submitted_job()

    await lifecycle.delete(job.id, job.user_id)

    kinds = await JobEvent.filter(job_id=job.id).order_by("id").values_list("kind", flat=True)
    assert kinds == ["SUBMITTED", "DELETED"]


async def test_a_completed_job_is_deleted_together_with_its_result_files(
    engine: Engine, submitted_job: SubmittedJobFactory
) -> None:
    job = await submitted_job()
    running = await lifecycle.claim(job.id, "worker-1")
    assert running is not None
    files = [("a.csv", "text/csv", b"a"), ("a.xlsx", "application/octet-stream", b"b")]
    assert await lifecycle.complete(running, {"summary": "done"}, files)

    deleted = await lifecycle.delete(job.id, job.user_id)

    assert deleted.status is JobStatus.COMPLETED
    assert not await Job.exists(id=job.id)
    assert not await JobFile.exists(job_id=job.id)
    kinds = await JobEvent.filter(job_id=job.id).order_by("id").values_list("kind", flat=True)
    assert kinds[-1] == "DELETED"
