"""The reconciler: a waiting job with no message behind it is sent again; schedules hold."""

from __future__ import annotations

import asyncio
from datetime import timedelta

import pytest

from workers.engine import lifecycle, maintenance, submission
from workers.engine.models import Job
from workers.engine.services import Services
from workers.engine.settings import Settings
from workers.engine.status import JobStatus

from . import testing_jobs
from .conftest import (
    Engine,
    SubmittedJobFactory,
    UserFactory,
    embedded_services,
    lifecycle_only,
    wait_for_status,
)


async def enqueued_at_of(job_id: int) -> object:
    return (await Job.get(id=job_id)).enqueued_at


async def age_message(job_id: int, seconds: float) -> None:
    """Pretend the job's message went out ``seconds`` ago."""
    await Job.filter(id=job_id).update(
        enqueued_at=lifecycle.utcnow() - timedelta(seconds=seconds))


async def test_a_job_submitted_while_the_broker_is_down_is_kept_and_sent_once_it_is_back(
    engine: Engine, submitted_job: SubmittedJobFactory
) -> None:
    engine.broker.down = True
    job = await submitted_job()
    assert await enqueued_at_of(job.id) is None
    assert await maintenance.reconcile() == 0  # still down

    engine.broker.down = False
    sent = await maintenance.reconcile()

    assert sent == 1 and engine.broker.sent_ids() == [job.id]
    assert await enqueued_at_of(job.id) is not None
    assert await maintenance.reconcile() == 0  # its message is on its way now
    stored = await lifecycle.load(job.id)
    assert stored is not None and stored.status is JobStatus.SUBMITTED


async def test_a_lost_message_is_sent_again_when_the_queue_is_empty(
    engine: Engine, submitted_job: SubmittedJobFactory
) -> None:
    lost = await submitted_job()
    fresh = await submitted_job()
    await age_message(lost.id, engine.settings.redeliver_after_seconds + 1)
    engine.broker.sent.clear()

    engine.broker.pending = 5  # others wait ahead of it: it is merely waiting its turn
    waiting = await maintenance.reconcile()
    engine.broker.pending = 0  # nothing waits, yet the job never started: its message is lost
    resent = await maintenance.reconcile()

    assert (waiting, resent) == (0, 1)
    assert engine.broker.sent_ids() == [lost.id]
    assert fresh.id not in engine.broker.sent_ids()


async def test_a_scheduled_job_is_sent_with_its_delay_and_cannot_start_early(
    engine: Engine, submitted_job: SubmittedJobFactory
) -> None:
    start_at = lifecycle.utcnow() + timedelta(minutes=5)
    job = await submitted_job(start_at=start_at)
    await age_message(job.id, engine.settings.redeliver_after_seconds + 1)

    early = await lifecycle.claim(job.id, "worker-with-an-early-message")
    resent = await maintenance.reconcile()

    ((sent_id, delay_ms),) = engine.broker.sent
    assert sent_id == job.id and delay_ms is not None
    assert 299_000 <= delay_ms <= 300_000
    assert early is None and resent == 0
    stored = await lifecycle.load(job.id)
    assert stored is not None and stored.status is JobStatus.SUBMITTED


@pytest.mark.usefixtures("test_job_types")
async def test_a_job_submitted_while_the_broker_refuses_runs_once_it_accepts_again(
    engine_services: Services, user_factory: UserFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    user, _ = await user_factory()

    def refuse(job_id: int, delay_ms: int | None) -> None:
        raise ConnectionError("Redis is down")

    runtime = engine_services.runtime
    monkeypatch.setattr(runtime, "enqueue", refuse)
    job = await submission.submit("TEST_SLOW", {"seconds": 0}, user_id=user.id)
    assert await enqueued_at_of(job.id) is None
    monkeypatch.undo()

    done = await wait_for_status(job.id, JobStatus.COMPLETED, timeout=5)

    assert done.attempt == 1 and testing_jobs.RUNS[job.id] == 1


@pytest.mark.usefixtures("test_job_types")
async def test_a_scheduled_job_starts_at_its_time_and_not_before(
    engine_services: Services, user_factory: UserFactory
) -> None:
    user, _ = await user_factory()
    start_at = lifecycle.utcnow() + timedelta(seconds=3)

    job = await submission.submit("TEST_SLOW", {"seconds": 0}, user_id=user.id,
                                  start_at=start_at)
    early = await lifecycle.claim(job.id, "an-eager-worker")
    waiting = await lifecycle.load(job.id)
    done = await wait_for_status(job.id, JobStatus.COMPLETED, timeout=5)

    assert early is None
    assert waiting is not None and waiting.status is JobStatus.SUBMITTED
    assert done.started_at is not None and done.started_at >= start_at
    assert done.started_at - start_at < timedelta(seconds=1)


@pytest.mark.usefixtures("test_job_types")
async def test_jobs_left_waiting_when_the_embedded_server_stopped_run_when_it_starts_again(
    engine_settings: Settings, submitted_job: SubmittedJobFactory
) -> None:
    async with lifecycle_only(engine_settings):
        job = await submitted_job(params={"seconds": 0})  # its message dies with the process

    async with embedded_services(engine_settings):
        done = await wait_for_status(job.id, JobStatus.COMPLETED, timeout=5)

    assert done.attempt == 1


async def test_reconcilers_of_several_workers_resend_a_lost_message_once(
    engine: Engine, submitted_job: SubmittedJobFactory
) -> None:
    lost = await submitted_job()
    engine.broker.down = True
    unsent = await submitted_job()
    engine.broker.down = False
    await age_message(lost.id, engine.settings.redeliver_after_seconds + 1)
    engine.broker.sent.clear()

    await asyncio.gather(*(maintenance.reconcile() for _ in range(5)))

    assert sorted(engine.broker.sent_ids()) == sorted([lost.id, unsent.id])
