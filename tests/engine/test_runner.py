"""A worker process's hold on its running jobs: duplicates, late events, lost jobs."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import UTC, datetime

import pytest

from workers.engine import submission
from workers.engine.errors import JobLostError
from workers.engine.events import EventHub, JobChange
from workers.engine.jobtypes import JobContext
from workers.engine.records import JobRecord
from workers.engine.runner import RunningJobs
from workers.engine.services import Services
from workers.engine.status import JobStatus

from . import testing_jobs
from .conftest import UserFactory, audit_trail, wait_for_status


def running_record(attempt: int) -> JobRecord:
    return JobRecord(id=7, type="TEST_SLOW", feature="Tests", params={}, settings={},
                     user_id=1, username="someone", status=JobStatus.RUNNING,
                     submitted_at=datetime.now(UTC), attempt=attempt)


@pytest.fixture
async def watched() -> AsyncIterator[tuple[EventHub, JobContext]]:
    """A job at attempt 2 held by a worker that watches events (no database needed)."""
    hub, jobs = EventHub(), RunningJobs()
    await jobs.start(hub, lease_seconds=60)
    ctx = JobContext(running_record(attempt=2))
    jobs.add(ctx)
    try:
        yield hub, ctx
    finally:
        await jobs.stop()


async def deliver(hub: EventHub, record: JobRecord) -> None:
    hub.dispatch(JobChange("updated", record))
    for _ in range(3):
        await asyncio.sleep(0)


async def test_a_late_event_from_an_earlier_attempt_does_not_stop_the_current_one(
    watched: tuple[EventHub, JobContext]
) -> None:
    hub, ctx = watched
    # E.g. the reaper's "back to SUBMITTED" of attempt 1, heard after attempt 2 started.
    await deliver(hub, running_record(attempt=1).evolve(status=JobStatus.SUBMITTED))

    await ctx.checkpoint()

    assert not ctx.cancel_requested


async def test_an_event_from_a_newer_attempt_stops_the_current_one(
    watched: tuple[EventHub, JobContext]
) -> None:
    hub, ctx = watched
    await deliver(hub, running_record(attempt=3))

    with pytest.raises(JobLostError):
        await ctx.checkpoint()


async def test_a_job_delivered_several_times_runs_once(
    services: Services, user_factory: UserFactory, test_job_types: None
) -> None:
    user, _ = await user_factory()
    job = await submission.submit("TEST_SLOW", {"seconds": 0.2}, user_id=user.id)
    for _ in range(4):
        services.runtime.enqueue(job.id, None)

    await wait_for_status(job.id, JobStatus.COMPLETED)
    # Every duplicate was delivered and handled (dropped: nothing to claim).
    await asyncio.to_thread(services.broker.join, services.settings.queue_name)

    assert testing_jobs.RUNS[job.id] == 1
    assert [e.kind for e in await audit_trail(job.id)] == ["SUBMITTED", "RUNNING", "COMPLETED"]
