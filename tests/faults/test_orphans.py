"""Orphans are found and sent again whatever the queue's length (issue 12, item 4).

An API-side process (no workers) on the throwaway PostgreSQL and Redis: the jobs' messages
wait in Redis until the test restarts it empty.
"""

from __future__ import annotations

import asyncio
from datetime import timedelta

import pytest
from engine.conftest import SubmittedJobFactory
from servers import RedisServer

from workers.engine import lifecycle
from workers.engine.reconcile import Reconciler, resend_orphans
from workers.engine.runtime import get_runtime
from workers.engine.services import Services

from .conftest import waiting_a_while

pytestmark = [pytest.mark.integration, pytest.mark.usefixtures("test_job_types")]


async def test_jobs_whose_messages_wait_in_a_long_queue_are_not_orphans(
    queue_only: Services, submitted_job: SubmittedJobFactory
) -> None:
    for _ in range(40):
        await submitted_job()
    await submitted_job(start_at=lifecycle.utcnow() + timedelta(hours=1))
    await waiting_a_while()

    assert await resend_orphans() == 0


async def test_after_redis_restarts_empty_every_waiting_job_is_sent_again_exactly_once(
    queue_only: Services, submitted_job: SubmittedJobFactory, redis_server: RedisServer
) -> None:
    jobs = [await submitted_job() for _ in range(40)]
    later = await submitted_job(start_at=lifecycle.utcnow() + timedelta(hours=1))
    await waiting_a_while()

    await asyncio.to_thread(redis_server.restart)
    resent = await resend_orphans()
    await waiting_a_while()
    again = await resend_orphans()

    assert (resent, again) == (41, 0)
    inventory = get_runtime().inventory
    assert inventory is not None
    assert await asyncio.to_thread(inventory.job_ids) == {job.id for job in [*jobs, later]}


async def test_two_processes_reconciling_at_once_send_an_orphan_once(
    queue_only: Services, submitted_job: SubmittedJobFactory, redis_server: RedisServer
) -> None:
    for _ in range(10):
        await submitted_job()
    await waiting_a_while()
    await asyncio.to_thread(redis_server.restart)

    first, second = await asyncio.gather(Reconciler().maybe_run(), Reconciler().maybe_run())

    assert sorted([first, second]) == [0, 10]
