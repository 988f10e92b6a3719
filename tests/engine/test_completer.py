"""The completer: completions written many per statement, each still guarded, each
durable before the worker's actor returns (and Dramatiq acks the message)."""

from __future__ import annotations

import asyncio

import pytest

from workers.engine import lifecycle
from workers.engine.completer import completer
from workers.engine.runner import run_job, running_jobs
from workers.engine.status import JobStatus

from .conftest import Engine, SubmittedJobFactory, audit_trail, claimed_jobs
from .testing_jobs import RUNS

JOBS = 20


@pytest.fixture
def worker_open(monkeypatch: pytest.MonkeyPatch) -> None:
    """This process's worker takes jobs (whatever an earlier test's shutdown left)."""
    monkeypatch.setattr(running_jobs, "closing", False)


async def test_completions_made_together_are_written_in_fewer_statements_than_jobs(
    engine: Engine, submitted_job: SubmittedJobFactory
) -> None:
    jobs = await claimed_jobs(submitted_job, JOBS)
    before = completer().batches

    done = await asyncio.gather(
        *(lifecycle.complete(job, {"summary": f"job {job.id}"}) for job in jobs)
    )

    assert done == [True] * JOBS
    assert completer().batches - before < JOBS
    for job in jobs:
        stored = await lifecycle.load(job.id)
        assert stored is not None and stored.status is JobStatus.COMPLETED
        assert stored.result == {"summary": f"job {job.id}", "files": []}
        assert stored.version == job.version + 1
        assert [e.kind for e in await audit_trail(job.id)] == ["SUBMITTED", "RUNNING",
                                                                "COMPLETED"]


async def test_a_completion_in_a_batch_loses_when_its_job_was_cancelled_first(
    engine: Engine, submitted_job: SubmittedJobFactory
) -> None:
    cancelled, other = await claimed_jobs(submitted_job, 2)
    await lifecycle.cancel(cancelled.id, cancelled.user_id)

    done = await asyncio.gather(lifecycle.complete(cancelled, {"summary": "late"}),
                                lifecycle.complete(other, {"summary": "done"}))

    assert done == [False, True]
    stored = await lifecycle.load(cancelled.id)
    assert stored is not None and stored.status is JobStatus.CANCELLING
    assert "COMPLETED" not in [e.kind for e in await audit_trail(cancelled.id)]


async def test_a_completion_by_a_stale_attempt_loses_in_its_batch(
    engine: Engine, submitted_job: SubmittedJobFactory
) -> None:
    (job,) = await claimed_jobs(submitted_job, 1)

    done = await lifecycle.complete(job.evolve(attempt=job.attempt - 1), {"summary": "old"})

    assert done is False
    stored = await lifecycle.load(job.id)
    assert stored is not None and stored.status is JobStatus.RUNNING


async def test_a_job_is_completed_in_the_database_when_its_actor_returns(
    engine: Engine, submitted_job: SubmittedJobFactory, test_job_types: None,
    worker_open: None,
) -> None:
    job = await submitted_job(type="TEST_SLOW", params={"seconds": 0})

    await run_job(job.id)  # Dramatiq acks the message after this returns

    stored = await lifecycle.load(job.id)
    assert stored is not None and stored.status is JobStatus.COMPLETED


async def test_a_message_delivered_again_after_its_job_completed_changes_nothing(
    engine: Engine, submitted_job: SubmittedJobFactory, test_job_types: None,
    worker_open: None,
) -> None:
    # A worker that crashed between the completion and the ack: the message comes back.
    job = await submitted_job(type="TEST_SLOW", params={"seconds": 0})
    await run_job(job.id)
    completed = await lifecycle.load(job.id)

    await run_job(job.id)

    assert RUNS[job.id] == 1
    assert await lifecycle.load(job.id) == completed
    assert [e.kind for e in await audit_trail(job.id)] == ["SUBMITTED", "RUNNING", "COMPLETED"]


async def test_a_completion_that_cannot_be_written_fails_alone_not_its_batch(
    engine: Engine, submitted_job: SubmittedJobFactory
) -> None:
    bad, good = await claimed_jobs(submitted_job, 2)

    outcome = await asyncio.gather(lifecycle.complete(bad, {"summary": object()}),
                                   lifecycle.complete(good, {"summary": "done"}),
                                   return_exceptions=True)

    assert isinstance(outcome[0], TypeError) and outcome[1] is True
    stored = await lifecycle.load(bad.id)
    assert stored is not None and stored.status is JobStatus.RUNNING
