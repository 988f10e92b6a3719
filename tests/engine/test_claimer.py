"""The claimer: claims made together are written in fewer statements than jobs, each still
guarded, and a scope conflict refuses only the job that would take a held scope."""

from __future__ import annotations

import asyncio

from workers.engine import lifecycle
from workers.engine.claimer import claimer
from workers.engine.models import Job
from workers.engine.status import JobStatus

from .conftest import Engine, SubmittedJobFactory, audit_trail

JOBS = 20


async def test_claims_made_together_are_written_in_fewer_statements_than_jobs(
    engine: Engine, submitted_job: SubmittedJobFactory
) -> None:
    jobs = [await submitted_job() for _ in range(JOBS)]
    before = claimer().batches

    claimed = await asyncio.gather(*(lifecycle.claim(job.id, "worker-1") for job in jobs))

    assert claimer().batches - before < JOBS
    for job, record in zip(jobs, claimed, strict=True):
        assert record is not None and record.id == job.id
        assert record.status is JobStatus.RUNNING and record.attempt == 1
        assert record.version == job.version + 1
        assert (await Job.get(id=job.id)).worker == "worker-1"
        assert [e.kind for e in await audit_trail(job.id)] == ["SUBMITTED", "RUNNING"]


async def test_of_two_messages_of_one_job_claimed_together_one_wins(
    engine: Engine, submitted_job: SubmittedJobFactory
) -> None:
    job = await submitted_job()

    first, second = await asyncio.gather(lifecycle.claim(job.id, "worker-1"),
                                         lifecycle.claim(job.id, "worker-1"))

    assert [r is not None for r in (first, second)].count(True) == 1
    stored = await lifecycle.load(job.id)
    assert stored is not None and stored.attempt == 1
    assert [e.kind for e in await audit_trail(job.id)] == ["SUBMITTED", "RUNNING"]


async def test_a_job_not_due_yet_is_not_claimed_in_a_batch_with_due_ones(
    engine: Engine, submitted_job: SubmittedJobFactory
) -> None:
    from datetime import timedelta

    due = await submitted_job()
    later = await submitted_job(start_at=lifecycle.utcnow() + timedelta(hours=1))

    claimed_due, claimed_later = await asyncio.gather(lifecycle.claim(due.id, "w"),
                                                      lifecycle.claim(later.id, "w"))

    assert claimed_due is not None and claimed_later is None
    stored = await lifecycle.load(later.id)
    assert stored is not None and stored.status is JobStatus.SUBMITTED


async def test_a_scope_conflict_in_a_batch_refuses_only_the_job_whose_scope_is_held(
    engine: Engine, submitted_job: SubmittedJobFactory
) -> None:
    holder = await submitted_job(scope="level:1")
    assert await lifecycle.claim(holder.id, "w") is not None
    blocked = await submitted_job(scope="level:1")
    free = [await submitted_job() for _ in range(3)]

    outcome = await asyncio.gather(lifecycle.claim(blocked.id, "w"),
                                   *(lifecycle.claim(job.id, "w") for job in free))

    assert outcome[0] is None
    assert all(record is not None for record in outcome[1:])
    stored = await lifecycle.load(blocked.id)
    assert stored is not None and stored.status is JobStatus.SUBMITTED
