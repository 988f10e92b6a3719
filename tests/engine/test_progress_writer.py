"""The progress writer: progress reports made together are written in fewer statements
than reports, each guarded by its attempt, and a job's reports land in the order made."""

from __future__ import annotations

import asyncio

from workers.engine import lifecycle
from workers.engine.progress_writer import progress_writer
from workers.engine.status import JobStatus

from .conftest import Engine, SubmittedJobFactory, claimed_jobs

JOBS = 20


async def test_progress_reported_together_is_written_in_fewer_statements_than_reports(
    engine: Engine, submitted_job: SubmittedJobFactory
) -> None:
    jobs = await claimed_jobs(submitted_job, JOBS)
    before = progress_writer().batches

    reported = await asyncio.gather(*(
        lifecycle.report_progress(job, 0.5, f"half of job {job.id}") for job in jobs))

    assert progress_writer().batches - before < JOBS
    for job, new in zip(jobs, reported, strict=True):
        assert new is not None and new.version == job.version + 1
        stored = await lifecycle.load(job.id)
        assert stored is not None
        assert (stored.progress, stored.progress_message) == (0.5, f"half of job {job.id}")
        assert stored.version == new.version


async def test_a_jobs_reports_made_at_once_are_stored_in_the_order_made(
    engine: Engine, submitted_job: SubmittedJobFactory
) -> None:
    (job,) = await claimed_jobs(submitted_job, 1)

    reported = await asyncio.gather(*(
        lifecycle.report_progress(job, step / 10, f"step {step}") for step in range(1, 6)))

    versions = [new.version for new in reported if new is not None]
    assert versions == sorted(versions) and len(set(versions)) == 5
    stored = await lifecycle.load(job.id)
    assert stored is not None
    assert (stored.progress, stored.progress_message) == (0.5, "step 5")
    assert stored.version == versions[-1]


async def test_in_a_batch_a_cancelled_job_is_told_to_stop_and_a_stale_attempt_is_refused(
    engine: Engine, submitted_job: SubmittedJobFactory
) -> None:
    cancelled, stale, fine = await claimed_jobs(submitted_job, 3)
    await lifecycle.cancel(cancelled.id, cancelled.user_id)

    outcome = await asyncio.gather(
        lifecycle.report_progress(cancelled, 0.3, "ignored"),
        lifecycle.report_progress(stale.evolve(attempt=stale.attempt - 1), 0.3, "old"),
        lifecycle.report_progress(fine, 0.3, "fine"))

    assert outcome[0] is not None and outcome[0].status is JobStatus.CANCELLING
    assert outcome[1] is None
    assert outcome[2] is not None and outcome[2].progress == 0.3
    stored = await lifecycle.load(stale.id)
    assert stored is not None and stored.progress == 0.0


async def test_a_report_made_while_the_jobs_previous_one_is_being_written_waits_for_it(
    engine: Engine, submitted_job: SubmittedJobFactory
) -> None:
    (job,) = await claimed_jobs(submitted_job, 1)
    first = asyncio.create_task(lifecycle.report_progress(job, 0.1, "first"))
    await asyncio.sleep(0)  # the first is taken into a batch and is being written
    second = asyncio.create_task(lifecycle.report_progress(job, 0.2, "second"))
    await asyncio.sleep(0)
    third = asyncio.create_task(lifecycle.report_progress(job, 0.3, "third"))

    reported = await asyncio.gather(first, second, third)

    versions = [new.version for new in reported if new is not None]
    assert versions == sorted(versions) and len(versions) == 3
    stored = await lifecycle.load(job.id)
    assert stored is not None and stored.progress_message == "third"
