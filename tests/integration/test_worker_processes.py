"""Worker processes on the real PostgreSQL and Redis: killed workers, lost messages, latency."""

from __future__ import annotations

import asyncio

import pytest
from engine.conftest import audit_trail, wait_for_status

from workers.access.models import User
from workers.engine import submission
from workers.engine.broker import WakingRedisBroker
from workers.engine.models import Job
from workers.engine.status import JobStatus

from .conftest import Cluster

pytestmark = [pytest.mark.integration, pytest.mark.usefixtures("test_job_types")]

#: Seconds a worker process may take to start and pick up its first job.
STARTUP = 30


async def submit_slow(seconds: float) -> int:
    user, _ = await User.get_or_create(username="planner")
    job = await submission.submit("TEST_SLOW", {"seconds": seconds}, user_id=user.id)
    return job.id


async def wait_for_attempt(job_id: int, attempt: int, timeout: float) -> None:
    """Until the job is RUNNING its ``attempt``-th time."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not await Job.exists(id=job_id, status=JobStatus.RUNNING, attempt=attempt):
        assert loop.time() < deadline, f"job {job_id} never ran attempt {attempt}"
        await asyncio.sleep(0.02)


async def test_a_job_whose_worker_is_killed_is_finished_by_another_worker(
    cluster: Cluster
) -> None:
    cluster.start_worker()
    cluster.start_worker()
    job_id = await submit_slow(seconds=1.5)
    await wait_for_attempt(job_id, 1, timeout=STARTUP)
    killed = await cluster.worker_pid_running(job_id)

    cluster.kill(killed)
    done = await wait_for_status(job_id, JobStatus.COMPLETED, timeout=20)

    assert done.attempt == 2
    assert await cluster.worker_pid_running(job_id) != killed
    trail = await audit_trail(job_id)
    assert [e.kind for e in trail] == ["SUBMITTED", "RUNNING", "SUBMITTED", "RUNNING",
                                       "COMPLETED"]
    assert "stopped responding during attempt 1" in trail[2].message


async def test_a_stopped_worker_hands_its_job_back_at_once_for_another_worker(
    cluster: Cluster
) -> None:
    cluster.start_worker()
    cluster.start_worker()
    job_id = await submit_slow(seconds=1.5)
    await wait_for_attempt(job_id, 1, timeout=STARTUP)
    stopped = await cluster.worker_pid_running(job_id)
    exit_code = await asyncio.to_thread(cluster.terminate, stopped)
    done = await wait_for_status(job_id, JobStatus.COMPLETED, timeout=20)

    assert exit_code == 0  # how fast it stops is bench/'s business, not a test's
    assert done.attempt == 2
    assert await cluster.worker_pid_running(job_id) != stopped
    trail = await audit_trail(job_id)
    assert "worker shut down during attempt 1" in trail[2].message


async def test_a_job_whose_workers_keep_dying_fails_after_max_attempts_with_a_clear_error(
    cluster: Cluster
) -> None:
    cluster.start_worker()
    cluster.start_worker()
    job_id = await submit_slow(seconds=60)

    for attempt in range(1, cluster.max_attempts + 1):
        await wait_for_attempt(job_id, attempt, timeout=STARTUP)
        cluster.kill(await cluster.worker_pid_running(job_id))
        cluster.start_worker()  # someone must be left to notice
    failed = await wait_for_status(job_id, JobStatus.FAILED, timeout=20)

    assert failed.error == (
        f"The worker running this job stopped responding {cluster.max_attempts} times; "
        "giving up. Submit the job again to retry."
    )
    kinds = [e.kind for e in await audit_trail(job_id)]
    assert kinds == ["SUBMITTED", "RUNNING", "SUBMITTED", "RUNNING", "FAILED"]


async def test_a_job_whose_message_was_lost_is_sent_again_and_runs(cluster: Cluster) -> None:
    job_id = await submit_slow(seconds=0)
    broker = cluster.services.broker
    assert isinstance(broker, WakingRedisBroker)
    queue = f"{broker.namespace}:{cluster.settings.queue_name}"
    broker.client.delete(queue, f"{queue}.msgs")  # Redis lost it (no persistence, a crash)
    assert cluster.services.runtime.pending_count() == 0

    cluster.start_worker()
    done = await wait_for_status(job_id, JobStatus.COMPLETED, timeout=STARTUP)

    assert done.attempt == 1
    assert [e.kind for e in await audit_trail(job_id)] == ["SUBMITTED", "RUNNING", "COMPLETED"]
