"""Pausing a queue or a job type: new jobs stay SUBMITTED, and start when it is resumed."""

from __future__ import annotations

from workers.engine import pausing, runner, submission
from workers.engine.models import Job
from workers.engine.status import JobStatus

from .conftest import maintenance_passes, wait_for_status
from .testing_jobs import RUNS


async def submit(user_id: int, job_type: str = "TEST_SLOW") -> int:
    record = await submission.submit(job_type, {"seconds": 0}, user_id=user_id)
    return record.id


async def test_a_paused_queue_keeps_new_jobs_submitted_until_it_is_resumed(
    engine_services, test_job_types, user_factory
):
    user, _ = await user_factory()
    assert await pausing.pause("queue", "jobs", actor_id=user.id)

    job_id = await submit(user.id)
    await maintenance_passes(engine_services, 3)

    waiting = await Job.get(id=job_id)
    assert waiting.status is JobStatus.SUBMITTED
    assert RUNS[job_id] == 0

    assert await pausing.resume("queue", "jobs") == 1
    await wait_for_status(job_id, JobStatus.COMPLETED)
    assert RUNS[job_id] == 1


async def test_a_paused_job_type_holds_only_its_own_jobs(
    engine_services, test_job_types, user_factory
):
    user, _ = await user_factory()
    await pausing.pause("job_type", "TEST_SLOW", actor_id=None)

    held = await submit(user.id, "TEST_SLOW")
    other = await submit(user.id, "TEST_SCOPED")

    await wait_for_status(other, JobStatus.COMPLETED)
    await maintenance_passes(engine_services, 2)
    assert (await Job.get(id=held)).status is JobStatus.SUBMITTED

    await pausing.resume("job_type", "TEST_SLOW")
    await wait_for_status(held, JobStatus.COMPLETED)
    assert RUNS[held] == 1


async def test_a_worker_drops_the_message_of_a_paused_job_and_leaves_it_waiting(
    engine, test_job_types, submitted_job
):
    job = await submitted_job()
    await pausing.pause("job_type", "TEST_SLOW", actor_id=None)

    await runner.run_job(job.id)

    stored = await Job.get(id=job.id)
    assert stored.status is JobStatus.SUBMITTED
    assert stored.attempt == 0


async def test_pausing_twice_is_refused_and_resuming_what_is_not_paused_sends_nothing(
    engine, test_job_types
):
    assert await pausing.pause("queue", "jobs", actor_id=None)
    assert not await pausing.pause("queue", "jobs", actor_id=None)

    assert await pausing.resume("job_type", "TEST_SLOW") is None
    assert (await pausing.paused()).queues == {"jobs"}


async def test_a_job_type_still_paused_keeps_waiting_when_its_queue_resumes(
    engine, test_job_types, submitted_job
):
    await pausing.pause("queue", "jobs", actor_id=None)
    await pausing.pause("job_type", "TEST_SLOW", actor_id=None)
    slow = await submitted_job(type="TEST_SLOW")
    other = await submitted_job(type="TEST_SCOPED")
    engine.broker.sent.clear()

    await pausing.resume("queue", "jobs")

    assert engine.broker.sent_ids() == [other.id]
    assert slow.id not in engine.broker.sent_ids()
