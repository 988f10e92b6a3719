"""The reaper: jobs whose worker stopped renewing its lease do not stay running.

Here the lifecycle runs without workers, and a lease "expires" by moving its end into the
past; ``tests/integration/test_worker_processes.py`` kills real worker processes.
"""

from __future__ import annotations

from datetime import timedelta

from workers.engine import lifecycle, maintenance
from workers.engine.models import Job
from workers.engine.records import JobRecord
from workers.engine.runtime import get_runtime
from workers.engine.status import JobStatus

from .conftest import Engine, SubmittedJobFactory, audit_trail


async def expire_lease(job_id: int) -> None:
    """What a dead worker leaves behind: a lease nobody renews."""
    await Job.filter(id=job_id).update(lease_expires_at=lifecycle.utcnow() - timedelta(seconds=1))


async def started(submitted_job: SubmittedJobFactory) -> JobRecord:
    job = await submitted_job()
    running = await lifecycle.claim(job.id, "worker-that-dies")
    assert running is not None
    return running


async def test_a_running_job_whose_worker_died_is_sent_again_for_another_attempt(
    engine: Engine, submitted_job: SubmittedJobFactory
) -> None:
    job = await started(submitted_job)
    await expire_lease(job.id)
    engine.broker.sent.clear()

    moved = await maintenance.reap_expired()

    assert moved == 1
    stored = await lifecycle.load(job.id)
    assert stored is not None and stored.status is JobStatus.SUBMITTED
    assert engine.broker.sent_ids() == [job.id]
    trail = await audit_trail(job.id)
    assert trail[-1].kind == "SUBMITTED"
    assert trail[-1].message == "lost its worker during attempt 1; retrying"
    again = await lifecycle.claim(job.id, "another-worker")
    assert again is not None and again.attempt == 2


async def test_a_job_whose_workers_died_max_attempts_times_fails_with_a_clear_error(
    engine: Engine, submitted_job: SubmittedJobFactory
) -> None:
    job = await submitted_job()
    for attempt in range(1, engine.settings.max_attempts + 1):
        assert await lifecycle.claim(job.id, f"worker-{attempt}") is not None
        await expire_lease(job.id)
        await maintenance.reap_expired()

    stored = await lifecycle.load(job.id)
    assert stored is not None and stored.status is JobStatus.FAILED
    assert stored.error == (
        f"This job lost its worker {engine.settings.max_attempts} times (the worker running "
        "it stopped responding); giving up. Submit the job again to retry."
    )
    kinds = [e.kind for e in await audit_trail(job.id)]
    assert kinds == ["SUBMITTED", "RUNNING", "SUBMITTED", "RUNNING", "SUBMITTED", "RUNNING",
                     "FAILED"]


async def test_a_cancelling_job_whose_worker_died_ends_cancelled(
    engine: Engine, submitted_job: SubmittedJobFactory
) -> None:
    job = await started(submitted_job)
    await lifecycle.cancel(job.id, job.user_id)
    await expire_lease(job.id)

    await maintenance.reap_expired()

    stored = await lifecycle.load(job.id)
    assert stored is not None and stored.status is JobStatus.CANCELLED


async def test_the_reaper_leaves_a_job_whose_worker_renewed_its_lease_in_time(
    engine: Engine, submitted_job: SubmittedJobFactory
) -> None:
    # The reaper read the job while its lease looked expired; the worker renewed it since.
    job = await started(submitted_job)

    requeued = await lifecycle.requeue_lost(job.id, job.attempt)
    failed = await lifecycle.fail_lost(job.id, job.attempt, JobStatus.RUNNING)

    assert (requeued, failed) == (False, False)
    stored = await lifecycle.load(job.id)
    assert stored is not None and stored.status is JobStatus.RUNNING


async def test_a_stalled_worker_learns_that_the_reaper_took_its_job_back(
    engine: Engine, submitted_job: SubmittedJobFactory
) -> None:
    job = await started(submitted_job)
    await expire_lease(job.id)
    await maintenance.reap_expired()

    states = await lifecycle.renew_leases({job.id: job.attempt})

    assert states == {job.id: None}
    stored = await Job.get(id=job.id)
    assert stored.lease_expires_at is None


async def test_a_job_whose_worker_is_only_cut_off_from_the_database_keeps_its_lease(
    engine: Engine, submitted_job: SubmittedJobFactory
) -> None:
    # Its lease in the row expired (the worker could not renew it), but its beacon is alive.
    job = await started(submitted_job)
    await get_runtime().lease_beacons.beat({job.id: job.attempt})
    await expire_lease(job.id)

    moved = await maintenance.reap_expired()

    assert moved == 0
    stored = await lifecycle.load(job.id)
    assert stored is not None and stored.status is JobStatus.RUNNING
    assert stored.attempt == 1


async def test_a_job_handed_back_because_the_database_was_unreachable_spends_no_attempt(
    engine: Engine, submitted_job: SubmittedJobFactory
) -> None:
    job = await submitted_job()
    for attempt in range(1, engine.settings.max_attempts + 2):
        assert await lifecycle.claim(job.id, f"worker-{attempt}") is not None
        await get_runtime().lease_beacons.hand_back(job.id, attempt)
        await expire_lease(job.id)
        assert await maintenance.reap_expired() == 1

    stored = await lifecycle.load(job.id)
    assert stored is not None and stored.status is JobStatus.SUBMITTED
    trail = await audit_trail(job.id)
    assert trail[-1].message == (
        f"database unreachable; its worker handed it back (no attempt spent) during attempt "
        f"{engine.settings.max_attempts + 1}; retrying"
    )


async def test_only_lost_workers_count_towards_max_attempts(
    engine: Engine, submitted_job: SubmittedJobFactory
) -> None:
    job = await submitted_job()
    beacons = get_runtime().lease_beacons
    attempt = 0
    for crash in range(1, engine.settings.max_attempts + 1):
        attempt += 1
        assert await lifecycle.claim(job.id, "worker") is not None  # handed back first
        await beacons.hand_back(job.id, attempt)
        await expire_lease(job.id)
        await maintenance.reap_expired()
        attempt += 1
        assert await lifecycle.claim(job.id, "worker") is not None  # then its worker dies
        await expire_lease(job.id)
        await maintenance.reap_expired()
        stored = await lifecycle.load(job.id)
        assert stored is not None
        expected = (JobStatus.FAILED if crash == engine.settings.max_attempts
                    else JobStatus.SUBMITTED)
        assert stored.status is expected
