"""A message that arrives while the database is down is kept, never dropped (issue 12, item 3)."""

from __future__ import annotations

import asyncio

import pytest
from engine.conftest import Engine, SubmittedJobFactory
from servers import PostgresServer

from workers.engine import lifecycle, redelivery, runner
from workers.engine.status import JobStatus

from .conftest import outage

pytestmark = [pytest.mark.integration, pytest.mark.usefixtures("test_job_types")]


async def test_a_message_the_database_cannot_take_goes_back_to_the_broker_at_once(
    fault_engine: Engine,
    postgres_server: PostgresServer,
    submitted_job: SubmittedJobFactory,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(redelivery, "CLAIM_PATIENCE_SECONDS", 0.3)
    job = await submitted_job(params={"seconds": 0})
    fault_engine.broker.sent.clear()

    async with outage(postgres_server):
        await runner.run_job(job.id)

    assert fault_engine.broker.sent == [(job.id, redelivery.REDELIVERY_DELAY_MS)]
    stored = await lifecycle.load(job.id)
    assert stored is not None and stored.status is JobStatus.SUBMITTED
    assert stored.attempt == 0


async def test_a_message_that_arrives_during_a_short_outage_runs_once_the_database_is_back(
    fault_engine: Engine,
    postgres_server: PostgresServer,
    submitted_job: SubmittedJobFactory,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(redelivery, "CLAIM_PATIENCE_SECONDS", 30)
    job = await submitted_job(params={"seconds": 0})
    fault_engine.broker.sent.clear()

    await asyncio.to_thread(postgres_server.stop)
    await asyncio.gather(runner.run_job(job.id), asyncio.to_thread(postgres_server.start))

    stored = await lifecycle.load(job.id)
    assert stored is not None and stored.status is JobStatus.COMPLETED
    assert stored.attempt == 1
    assert fault_engine.broker.sent == []
