"""A finished body is never run again because a write failed (issue 12, item 2).

The body runs in this process against the throwaway PostgreSQL, which the test stops
while the body runs; the job's outcome must reach the database once it is back, and the
body must have run once.
"""

from __future__ import annotations

import asyncio
from datetime import timedelta

import pytest
from engine.conftest import Engine, SubmittedJobFactory, audit_trail
from servers import PostgresServer

from workers.engine import lifecycle, maintenance, runner
from workers.engine.heartbeats import Holder
from workers.engine.models import Job
from workers.engine.runtime import get_runtime
from workers.engine.status import JobStatus

from .conftest import outage
from .jobs import GATES, RUNS, STARTED

pytestmark = [pytest.mark.integration, pytest.mark.usefixtures("fault_job_types")]


async def start_gated(
    submitted_job: SubmittedJobFactory, **params: object
) -> tuple[int, asyncio.Task[None]]:
    job = await submitted_job(type="TEST_GATED", params=params)
    task = asyncio.create_task(runner.run_job(job.id))
    await asyncio.wait_for(STARTED[job.id].wait(), 30)
    return job.id, task


async def test_a_body_that_finished_during_an_outage_is_completed_once_the_database_is_back(
    fault_engine: Engine,
    postgres_server: PostgresServer,
    submitted_job: SubmittedJobFactory,
    caplog: pytest.LogCaptureFixture,
) -> None:
    job_id, task = await start_gated(submitted_job)

    async with outage(postgres_server):
        GATES[job_id].set()
        await asyncio.sleep(0)  # the body returns; its completion now meets the outage
    await asyncio.wait_for(task, 60)

    stored = await lifecycle.load(job_id)
    assert stored is not None and stored.status is JobStatus.COMPLETED
    assert stored.result is not None and stored.result["summary"] == "Gate opened after run 1."
    assert RUNS[job_id] == 1
    assert stored.attempt == 1
    assert f"database unreachable writing the outcome of job {job_id}" in caplog.text


async def test_a_body_that_cannot_reach_the_database_is_handed_back_not_failed(
    fault_engine: Engine, postgres_server: PostgresServer, submitted_job: SubmittedJobFactory
) -> None:
    job_id, task = await start_gated(submitted_job, touch_database=True)

    async with outage(postgres_server):
        GATES[job_id].set()
        await asyncio.sleep(0.5)  # let the body meet the outage before the database returns
    await asyncio.wait_for(task, 60)

    stored = await lifecycle.load(job_id)
    assert stored is not None and stored.status is JobStatus.SUBMITTED
    assert stored.error is None
    trail = await audit_trail(job_id)
    assert trail[-1].message == "database unreachable during attempt 1; waiting for another"


async def test_a_worker_that_waited_too_long_hands_the_job_back_without_spending_an_attempt(
    fault_engine: Engine, postgres_server: PostgresServer, submitted_job: SubmittedJobFactory
) -> None:
    runtime = get_runtime()
    runtime.settings = runtime.settings.with_overrides(outage_patience_seconds=0.3)
    job_id, task = await start_gated(submitted_job)

    async with outage(postgres_server):
        GATES[job_id].set()
        await asyncio.wait_for(task, 30)  # gives up while the database is still down
        assert (await runtime.lease_beacons.holders({job_id: 1}))[job_id] is Holder.HANDED_BACK
    await Job.filter(id=job_id).update(lease_expires_at=lifecycle.utcnow() - timedelta(seconds=1))
    await maintenance.reap_expired()

    stored = await lifecycle.load(job_id)
    assert stored is not None and stored.status is JobStatus.SUBMITTED
    trail = await audit_trail(job_id)
    assert trail[-1].message.startswith("database unreachable; its worker handed it back")
    assert fault_engine.broker.sent_ids()[-1] == job_id
