"""Embedded, an orphan is sent again by the same rule as distributed (issue 12, item 4).

One process, SQLite, the in-memory broker and in-process workers (``jobprocessor serve``
without Redis). The broker loses nothing there, but a worker that meets an unexpected
error before it claims a job drops that job's message; the job then waits with nothing
behind it. The reconciler must find it within its interval even while a long queue
waits — the old rule sent it only once the queue was empty, a minute later at best.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from datetime import datetime, timedelta

import pytest
from engine.conftest import SubmittedJobFactory, embedded_services, wait_for_status

from workers.engine import lifecycle, runner
from workers.engine.memory_inventory import MessageLedger
from workers.engine.models import Job
from workers.engine.reconcile import ORPHAN_AFTER_SECONDS
from workers.engine.services import Services
from workers.engine.settings import Settings
from workers.engine.status import JobStatus

from .jobs import GATES, STARTED

pytestmark = pytest.mark.usefixtures("fault_job_types", "test_job_types")


@pytest.fixture
async def one_worker_thread(settings: Settings) -> AsyncIterator[Services]:
    """Embedded services whose single worker thread a gated job can keep busy, and whose
    reconciler looks at every maintenance pass."""
    async with embedded_services(
        settings.with_overrides(worker_threads=1, reconcile_interval_seconds=0)
    ) as services:
        yield services


async def until(condition: Callable[[], bool], timeout: float = 30) -> None:
    """Return once ``condition()`` holds (checked every 10 ms)."""
    async with asyncio.timeout(timeout):
        while not condition():
            await asyncio.sleep(0.01)


def ledger_of(services: Services) -> MessageLedger:
    inventory = services.runtime.inventory
    assert isinstance(inventory, MessageLedger)
    return inventory


def in_an_hour() -> datetime:
    return lifecycle.utcnow() + timedelta(hours=1)


async def sent_long_ago(*job_ids: int) -> None:
    """These jobs' messages went out longer ago than an orphan needs to be noticed."""
    await Job.filter(id__in=job_ids).update(
        enqueued_at=lifecycle.utcnow() - timedelta(seconds=ORPHAN_AFTER_SECONDS + 30)
    )


async def test_an_orphan_is_sent_again_while_a_long_queue_waits_and_its_body_runs_once(
    one_worker_thread: Services,
    submitted_job: SubmittedJobFactory,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    services = one_worker_thread
    ledger = ledger_of(services)
    dropped: list[int] = []
    held_back = runner._held_back

    async def fails_once(job_id: int) -> bool:
        if not dropped:
            dropped.append(job_id)
            raise RuntimeError("an unexpected error before the claim")
        return await held_back(job_id)

    monkeypatch.setattr(runner, "_held_back", fails_once)
    orphan = await submitted_job(params={"seconds": 0})
    await until(lambda: dropped == [orphan.id] and orphan.id not in ledger.job_ids())
    busy = await submitted_job(type="TEST_GATED")
    await asyncio.wait_for(STARTED[busy.id].wait(), 30)
    queue = [await submitted_job(params={"seconds": 0}) for _ in range(20)]
    later = await submitted_job(params={"seconds": 0}, start_at=in_an_hour())
    await sent_long_ago(orphan.id, *(job.id for job in [*queue, later]))
    reconciler = services.maintenance.reconciler if services.maintenance else None
    assert reconciler is not None

    await until(lambda: reconciler.resent > 0)

    assert services.runtime.pending_count()  # the queue was not empty
    assert reconciler.resent == 1  # the orphan only: queued and scheduled jobs had messages
    GATES[busy.id].set()
    done = await wait_for_status(orphan.id, JobStatus.COMPLETED, timeout=30)
    assert done.attempt == 1
    for job in queue:
        assert (await wait_for_status(job.id, JobStatus.COMPLETED, timeout=30)).attempt == 1
    waiting = await lifecycle.load(later.id)
    assert waiting is not None and waiting.status is JobStatus.SUBMITTED


async def test_a_job_whose_message_waits_for_its_delay_is_held_by_the_ledger(
    one_worker_thread: Services, submitted_job: SubmittedJobFactory
) -> None:
    later = await submitted_job(params={"seconds": 0}, start_at=in_an_hour())

    assert later.id in ledger_of(one_worker_thread).job_ids()
