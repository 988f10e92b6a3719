"""Job scopes: jobs that work on the same thing (a schedule level) run one after another.

A second job of a busy scope is not failed and does not poll: its claim is refused, it
keeps waiting, and it is sent again as soon as the scope frees.
"""

from __future__ import annotations

import asyncio
from datetime import timedelta

import pytest

from workers.engine import lifecycle, maintenance, submission
from workers.engine.models import Job
from workers.engine.records import JobRecord
from workers.engine.services import Services
from workers.engine.status import JobStatus

from .conftest import Engine, UserFactory, wait_for_status

pytestmark = pytest.mark.usefixtures("test_job_types")


async def scoped_job(user_id: int, scope: str = "level:1", seconds: float = 0.0) -> JobRecord:
    return await submission.submit("TEST_SCOPED", {"scope": scope, "seconds": seconds},
                                   user_id=user_id)


async def waiting_jobs(user_id: int, count: int, scope: str = "level:1") -> list[JobRecord]:
    """Jobs of one scope, all waiting (made directly: submissions would replace or refuse
    a waiting job of the same type and scope, see test_overwrite)."""
    return [await lifecycle.create(job_type="TEST_SCOPED", feature="Tests", params={},
                                   settings={}, user_id=user_id, scope=scope)
            for _ in range(count)]


async def test_claims_racing_into_one_scope_start_exactly_one_job(
    engine: Engine, user_factory: UserFactory
) -> None:
    user, _ = await user_factory()
    jobs = await waiting_jobs(user.id, 8)

    claimed = await asyncio.gather(*(lifecycle.claim(job.id, f"w{n}")
                                      for n, job in enumerate(jobs)))

    winners = [r for r in claimed if r is not None]
    assert len(winners) == 1
    statuses = await Job.filter(id__in=[j.id for j in jobs]).values_list("status", flat=True)
    assert sorted(statuses).count(JobStatus.RUNNING) == 1
    waiting = await lifecycle.load(next(j.id for j in jobs if j.id != winners[0].id))
    assert waiting is not None and waiting.status is JobStatus.SUBMITTED
    assert waiting.progress_message == (
        f"Waiting for job {winners[0].id}, which works on the same schedule level")


async def test_a_job_of_another_scope_or_without_one_starts_beside_a_running_scope(
    engine: Engine, user_factory: UserFactory
) -> None:
    user, _ = await user_factory()
    first = await scoped_job(user.id, "level:1")
    other = await scoped_job(user.id, "level:2")
    plain = await submission.submit("TEST_SLOW", {}, user_id=user.id)
    assert await lifecycle.claim(first.id, "w1") is not None

    assert await lifecycle.claim(other.id, "w2") is not None
    assert await lifecycle.claim(plain.id, "w3") is not None


async def test_jobs_on_one_level_run_one_after_the_other_and_the_next_starts_at_once(
    engine_services: Services, user_factory: UserFactory
) -> None:
    user, _ = await user_factory()
    first = await scoped_job(user.id, "level:7", seconds=0.6)
    await wait_for_status(first.id, JobStatus.RUNNING)
    second = await scoped_job(user.id, "level:7", seconds=0.1)
    beside = await scoped_job(user.id, "level:8", seconds=0.1)

    done_first = await wait_for_status(first.id, JobStatus.COMPLETED)
    done_second = await wait_for_status(second.id, JobStatus.COMPLETED)
    done_beside = await wait_for_status(beside.id, JobStatus.COMPLETED)

    assert done_first.finished_at and done_second.started_at and done_beside.finished_at
    assert done_second.started_at >= done_first.finished_at
    assert (done_second.started_at - done_first.finished_at).total_seconds() < 0.5
    assert done_beside.finished_at < done_first.finished_at  # another level: no waiting
    assert done_second.attempt == 1  # it waited; it never failed or retried


async def test_a_waiting_job_whose_wake_up_was_missed_is_sent_by_the_safety_net(
    engine: Engine, user_factory: UserFactory
) -> None:
    user, _ = await user_factory()
    first, second = await waiting_jobs(user.id, 2)
    running = await lifecycle.claim(first.id, "w1")
    assert running is not None and await lifecycle.claim(second.id, "w2") is None
    assert await lifecycle.complete(running, {"summary": "done"})  # nobody woke `second`
    engine.broker.sent.clear()

    woken = await maintenance.wake_idle_scopes(stale_seconds=0)

    assert woken == 1 and engine.broker.sent_ids() == [second.id]
    assert await lifecycle.claim(second.id, "w2") is not None


async def test_the_safety_net_leaves_a_scope_alone_while_its_job_runs(
    engine: Engine, user_factory: UserFactory
) -> None:
    user, _ = await user_factory()
    first, _ = await waiting_jobs(user.id, 2)
    assert await lifecycle.claim(first.id, "w1") is not None
    engine.broker.sent.clear()

    assert await maintenance.wake_idle_scopes(stale_seconds=0) == 0
    assert engine.broker.sent == []


async def test_the_reconciler_leaves_a_job_waiting_for_a_busy_scope_alone(
    engine: Engine, user_factory: UserFactory
) -> None:
    user, _ = await user_factory()
    first, second = await waiting_jobs(user.id, 2)
    assert await lifecycle.claim(first.id, "w1") is not None
    long_ago = lifecycle.utcnow() - timedelta(hours=1)
    await Job.filter(id=second.id).update(enqueued_at=long_ago)
    engine.broker.sent.clear()

    assert await maintenance.reconcile() == 0
    assert engine.broker.sent == []
