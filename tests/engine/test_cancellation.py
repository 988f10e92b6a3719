"""Cancelling: a waiting job at once, a running one at its next checkpoint, nothing half done.

Cancelled and failed jobs are never run again.
"""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from workers.engine import lifecycle, maintenance, submission
from workers.engine.errors import JobStateError
from workers.engine.events import JobChange
from workers.engine.models import Job
from workers.engine.services import Services
from workers.engine.status import JobStatus
from workers.wfm.models import Employee

from . import testing_jobs
from .conftest import (
    EmployeeFactory,
    Engine,
    SubmittedJobFactory,
    UserFactory,
    audit_trail,
    maintenance_passes,
    next_change,
    wait_for_status,
)

pytestmark = pytest.mark.usefixtures("test_job_types")


async def employees_as_stored() -> list[dict[str, Any]]:
    return await Employee.all().order_by("id").values(
        "number", "team", "skills", "weekly_contract_hours", "active"
    )


async def test_a_waiting_job_is_cancelled_at_once_and_never_starts(
    engine: Engine, submitted_job: SubmittedJobFactory
) -> None:
    job = await submitted_job()

    cancelled = await lifecycle.cancel(job.id, job.user_id)

    assert cancelled.status is JobStatus.CANCELLED and cancelled.finished_at is not None
    assert await lifecycle.claim(job.id, "worker-with-the-message") is None
    trail = await audit_trail(job.id)
    assert [(e.kind, e.actor_id) for e in trail] == [
        ("SUBMITTED", job.user_id), ("CANCELLED", job.user_id)
    ]


async def test_a_running_job_stops_at_its_next_checkpoint_without_a_result(
    engine_services: Services, user_factory: UserFactory
) -> None:
    user, _ = await user_factory()
    job = await submission.submit("TEST_SLOW", {"seconds": 60}, user_id=user.id)
    await wait_for_status(job.id, JobStatus.RUNNING)

    cancelling = await lifecycle.cancel(job.id, user.id)
    stopped = await wait_for_status(job.id, JobStatus.CANCELLED, timeout=30)

    assert cancelling.status is JobStatus.CANCELLING
    assert stopped.progress_message == "Cancelled" and stopped.result is None
    kinds = [e.kind for e in await audit_trail(job.id)]
    assert kinds == ["SUBMITTED", "RUNNING", "CANCELLING", "CANCELLED"]


async def test_a_running_job_stops_even_when_the_cancel_event_is_lost(
    engine_services: Services, user_factory: UserFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    user, _ = await user_factory()
    job = await submission.submit("TEST_SLOW", {"seconds": 60}, user_id=user.id)
    await wait_for_status(job.id, JobStatus.RUNNING)
    bus = engine_services.bus
    deliver = bus.publish

    async def lose_cancel_events(change: JobChange) -> None:
        if change.job.status is not JobStatus.CANCELLING:
            await deliver(change)

    monkeypatch.setattr(bus, "publish", lose_cancel_events)

    await lifecycle.cancel(job.id, user.id)
    # The worker re-reads its jobs' statuses at least every second; the 60 s job stops
    # long before its end (bench/cancel_latency.py measures how soon).
    stopped = await wait_for_status(job.id, JobStatus.CANCELLED, timeout=30)

    assert stopped.result is None and testing_jobs.RUNS[job.id] == 1


async def test_progress_reported_after_a_cancel_does_not_show_the_job_running_again(
    engine: Engine, submitted_job: SubmittedJobFactory
) -> None:
    job = await submitted_job()
    running = await lifecycle.claim(job.id, "worker")
    assert running is not None
    await lifecycle.cancel(job.id, job.user_id)

    async with engine.bus.hub.listen(job.id) as sub:
        reported = await lifecycle.report_progress(running, 0.5, "Halfway")
        published = [sub.queue.get_nowait().job.status for _ in range(sub.queue.qsize())]

    assert reported is not None and reported.status is JobStatus.CANCELLING
    assert JobStatus.RUNNING not in published
    stored = await lifecycle.load(job.id)
    assert stored is not None and stored.status is JobStatus.CANCELLING
    assert stored.progress_message == "Cancelling…"


async def test_withdrawing_a_job_that_started_is_refused_and_it_keeps_running(
    engine: Engine, submitted_job: SubmittedJobFactory
) -> None:
    job = await submitted_job()
    await lifecycle.claim(job.id, "worker")

    with pytest.raises(JobStateError, match="already started") as refused:
        await lifecycle.cancel(job.id, job.user_id, only_if_not_started=True)

    assert refused.value.status is JobStatus.RUNNING
    stored = await lifecycle.load(job.id)
    assert stored is not None and stored.status is JobStatus.RUNNING
    assert [e.kind for e in await audit_trail(job.id)] == ["SUBMITTED", "RUNNING"]


async def test_withdrawing_a_job_that_has_not_started_cancels_it(
    engine: Engine, submitted_job: SubmittedJobFactory
) -> None:
    job = await submitted_job()

    withdrawn = await lifecycle.cancel(job.id, job.user_id, only_if_not_started=True)

    assert withdrawn.status is JobStatus.CANCELLED


async def test_a_mass_update_cancelled_while_it_runs_changes_no_employee(
    engine_services: Services, user_factory: UserFactory, employee_factory: EmployeeFactory
) -> None:
    user, _ = await user_factory()
    await Employee.bulk_create([
        Employee(number=f"M{n:04}", name=f"Member {n}", team="Team A", skills=["Phone"],
                 weekly_contract_hours=38.0)
        for n in range(1000)
    ])
    before = await employees_as_stored()

    async with engine_services.bus.hub.listen() as sub:
        job = await submission.submit(
            "EMPLOYEES_MASS_UPDATE", {"changes": {"weeklyContractHours": 20}}, user_id=user.id
        )
        await next_change(sub, lambda c: c.job.id == job.id
                          and c.job.progress_message.startswith("Selected"))
        await lifecycle.cancel(job.id, user.id)
    stopped = await wait_for_status(job.id, *(JobStatus.CANCELLED, JobStatus.COMPLETED))

    assert stopped.status is JobStatus.CANCELLED
    assert await employees_as_stored() == before


async def test_a_cancel_while_a_job_writes_its_changes_rolls_all_of_them_back(
    pg_services: Services, user_factory: UserFactory, employee_factory: EmployeeFactory
) -> None:
    # PostgreSQL only: SQLite has one writer, so there a cancel waits for the commit
    # and then finds the job completed (still one winner).
    user, _ = await user_factory()
    for team in ("Team A", "Team B", "Team C"):
        await employee_factory(team=team)
    before = await employees_as_stored()
    job = await submission.submit("TEST_WRITE_THEN_WAIT", {"team": "Moved"}, user_id=user.id)
    await asyncio.wait_for(testing_jobs.WRITTEN[job.id].wait(), 10)

    await lifecycle.cancel(job.id, user.id)
    stopped = await wait_for_status(job.id, *(JobStatus.CANCELLED, JobStatus.COMPLETED))

    assert stopped.status is JobStatus.CANCELLED
    assert await employees_as_stored() == before


@pytest.mark.parametrize(
    ("outcome", "error"),
    [
        ("fail", "The test job was told to fail."),
        ("crash", "The job stopped because of an internal error."),
    ],
)
async def test_a_failed_job_fails_once_with_a_readable_error_and_is_never_retried(
    engine_services: Services, user_factory: UserFactory, outcome: str, error: str
) -> None:
    user, _ = await user_factory()
    job = await submission.submit("TEST_SLOW", {"seconds": 0, "outcome": outcome},
                                  user_id=user.id)
    failed = await wait_for_status(job.id, JobStatus.FAILED)

    assert await maintenance.reap_expired() == 0
    assert await maintenance.reconcile(everything=True) == 0
    await maintenance_passes(engine_services, 3)

    assert failed.error is not None and failed.error.startswith(error)
    assert "secret internal detail" not in failed.error
    assert testing_jobs.RUNS[job.id] == 1
    stored = await Job.get(id=job.id)
    assert stored.status is JobStatus.FAILED and stored.attempt == 1


async def test_a_cancelled_running_job_is_never_run_again(
    engine_services: Services, user_factory: UserFactory
) -> None:
    user, _ = await user_factory()
    job = await submission.submit("TEST_SLOW", {"seconds": 60}, user_id=user.id)
    await wait_for_status(job.id, JobStatus.RUNNING)
    await lifecycle.cancel(job.id, user.id)
    await wait_for_status(job.id, JobStatus.CANCELLED)

    assert await maintenance.reap_expired() == 0
    assert await maintenance.reconcile(everything=True) == 0
    await maintenance_passes(engine_services, 3)

    assert testing_jobs.RUNS[job.id] == 1
    stored = await Job.get(id=job.id)
    assert stored.status is JobStatus.CANCELLED and stored.attempt == 1
