"""The job store's promises that a single call shows: the transition table guards every
move it makes, and every write of a job row gives the job a new, persisted version that
its events carry."""

from __future__ import annotations

from datetime import timedelta

import pytest

from workers.engine import lifecycle
from workers.engine.events import JobChange
from workers.engine.models import Job
from workers.engine.runtime import get_runtime
from workers.engine.status import TRANSITIONS, JobStatus, sources_of
from workers.engine.store import MOVES, Move, TransitionNotAllowedError, get_store

from .conftest import Engine, SubmittedJobFactory


def test_every_move_of_the_store_is_a_transition() -> None:
    for move in MOVES:
        for source in move.sources:
            assert move.target in TRANSITIONS[source], (source, move.target)


def test_a_move_outside_the_transition_table_cannot_be_defined() -> None:
    with pytest.raises(TransitionNotAllowedError, match="COMPLETED may not become RUNNING"):
        Move(JobStatus.RUNNING, frozenset({JobStatus.COMPLETED}))


def test_a_move_without_sources_may_start_wherever_the_table_allows() -> None:
    assert Move(JobStatus.CANCELLED).sources == sources_of(JobStatus.CANCELLED)


def test_a_cancelling_job_cannot_complete() -> None:
    assert JobStatus.COMPLETED not in TRANSITIONS[JobStatus.CANCELLING]


async def test_every_write_gives_the_job_a_new_version_that_its_events_carry(
    engine: Engine, submitted_job: SubmittedJobFactory
) -> None:
    async with engine.bus.hub.listen() as sub:
        job = await submitted_job()
        running = await lifecycle.claim(job.id, "worker")
        assert running is not None
        progressed = await lifecycle.report_progress(running, 0.5, "Halfway")
        assert progressed is not None
        await lifecycle.renew_leases({job.id: running.attempt})  # a write without an event
        await lifecycle.cancel(job.id, job.user_id)
        assert await lifecycle.finish_cancelled(progressed)
        stored = await lifecycle.load(job.id)
        gone = await lifecycle.delete(job.id, job.user_id)
        changes: list[JobChange] = [sub.queue.get_nowait() for _ in range(sub.queue.qsize())]

    assert job.version == 1
    versions = [change.version for change in changes if change is not None]
    assert versions == [1, 2, 3, 5, 6, 7]
    assert stored is not None and stored.version == 6
    assert gone.version == 7 and changes[-1].kind == "deleted"
    assert all(change.to_message()["version"] == change.job.version for change in changes)


async def test_a_delete_is_refused_when_the_job_changed_since_it_was_read(
    engine: Engine, submitted_job: SubmittedJobFactory
) -> None:
    job = await submitted_job()
    assert await get_store().mark_sent(job.id, at=lifecycle.utcnow())  # version 2 now

    deleted = await get_store().delete(job, actor_id=None, message="deleted")

    assert not deleted
    stored = await lifecycle.load(job.id)
    assert stored is not None and stored.version == 2


async def test_renewing_leases_extends_only_the_jobs_held_by_the_attempt_named(
    engine: Engine, submitted_job: SubmittedJobFactory
) -> None:
    held, stale, waiting = jobs = [await submitted_job() for _ in range(3)]
    for job in (held, stale):
        assert await lifecycle.claim(job.id, "worker") is not None
    until = lifecycle.utcnow() + timedelta(hours=1)

    await get_store().renew_leases({held.id: 1, stale.id: 0, waiting.id: 0}, until)

    leases = dict(await Job.filter(id__in=[j.id for j in jobs]).values_list(
        "id", "lease_expires_at"))
    assert leases[held.id] == until
    assert leases[stale.id] is not None and leases[stale.id] < until
    assert leases[waiting.id] is None


async def test_a_job_whose_message_the_broker_refused_is_stored_as_unsent(
    engine: Engine, submitted_job: SubmittedJobFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The reconciler sends it once the broker is back (see test_reconciler).
    async def refused(job_id: int, delay_ms: int | None) -> None:
        raise ConnectionError("broker down")

    monkeypatch.setattr(get_runtime(), "send_async", refused)

    job = await submitted_job()

    assert (await Job.get(id=job.id)).enqueued_at is None
