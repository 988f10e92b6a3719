"""Stopping a server hands its running jobs back instead of stranding them.

(``tests/integration`` does the same for a worker process stopped with SIGTERM.)
"""

from __future__ import annotations

import pytest

from workers.engine import lifecycle, submission
from workers.engine.services import open_services
from workers.engine.settings import Settings
from workers.engine.status import JobStatus

from .conftest import UserFactory, audit_trail, embedded_services, wait_for_status

pytestmark = pytest.mark.usefixtures("test_job_types")


async def start_then_stop(settings: Settings, user_factory: UserFactory, *,
                          cancel: bool = False) -> int:
    """Run a slow job on an embedded server, (cancel it,) stop the server; the job's id."""
    services = await open_services(settings)
    try:
        user, _ = await user_factory()
        job = await submission.submit("TEST_SLOW", {"seconds": 2.5}, user_id=user.id)
        await wait_for_status(job.id, JobStatus.RUNNING)
        if cancel:
            await lifecycle.cancel(job.id, user.id)
    finally:
        await services.close()
    return job.id


async def test_stopping_the_embedded_server_hands_a_running_job_back_and_it_runs_on_restart(
    engine_settings: Settings, user_factory: UserFactory
) -> None:
    job_id = await start_then_stop(engine_settings, user_factory)

    async with embedded_services(engine_settings):
        done = await wait_for_status(job_id, JobStatus.COMPLETED, timeout=10)
        trail = await audit_trail(job_id)

    assert done.attempt == 2
    assert [e.kind for e in trail] == ["SUBMITTED", "RUNNING", "SUBMITTED", "RUNNING",
                                       "COMPLETED"]
    assert "worker shut down during attempt 1" in trail[2].message


async def test_a_job_being_cancelled_when_the_server_stops_ends_cancelled(
    engine_settings: Settings, user_factory: UserFactory
) -> None:
    job_id = await start_then_stop(engine_settings, user_factory, cancel=True)

    async with embedded_services(engine_settings):
        stored = await lifecycle.load(job_id)

    assert stored is not None and stored.status is JobStatus.CANCELLED
