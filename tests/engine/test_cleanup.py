"""Retention cleanup: old processed jobs go, with their files and audit events, in batches."""

from __future__ import annotations

import logging
import re
from datetime import timedelta

import pytest

from workers.engine import lifecycle, maintenance
from workers.engine.models import Job, JobEvent, JobFile
from workers.engine.records import JobRecord
from workers.engine.runtime import get_runtime
from workers.engine.status import JobStatus

from .conftest import Engine, SubmittedJobFactory

BATCH = 3


async def completed_with_file(submitted_job: SubmittedJobFactory) -> JobRecord:
    job = await submitted_job()
    running = await lifecycle.claim(job.id, "worker")
    assert running is not None
    await lifecycle.complete(running, {"summary": "done"}, [("out.csv", "text/csv", b"x\n")])
    return job


async def failed(submitted_job: SubmittedJobFactory) -> JobRecord:
    job = await submitted_job()
    running = await lifecycle.claim(job.id, "worker")
    assert running is not None
    await lifecycle.fail(running, "it broke")
    return job


async def cancelled(submitted_job: SubmittedJobFactory) -> JobRecord:
    job = await submitted_job()
    await lifecycle.cancel(job.id, job.user_id)
    return job


async def finished_days_ago(jobs: list[JobRecord], days: float) -> None:
    await Job.filter(id__in=[j.id for j in jobs]).update(
        finished_at=lifecycle.utcnow() - timedelta(days=days),
        submitted_at=lifecycle.utcnow() - timedelta(days=days + 1))


async def test_cleanup_deletes_old_processed_jobs_with_their_files_and_events_in_batches(
    engine: Engine, submitted_job: SubmittedJobFactory, caplog: pytest.LogCaptureFixture
) -> None:
    runtime = get_runtime()
    runtime.settings = runtime.settings.with_overrides(cleanup_batch_size=BATCH)
    retention = runtime.settings.retention_days
    old = [await completed_with_file(submitted_job) for _ in range(3)]
    old += [await failed(submitted_job) for _ in range(2)]
    old += [await cancelled(submitted_job) for _ in range(2)]
    await finished_days_ago(old, retention + 10)
    recent = [await completed_with_file(submitted_job),
              await completed_with_file(submitted_job)]
    await finished_days_ago(recent, retention - 1)
    old_but_waiting = await submitted_job()
    old_but_running = await submitted_job()
    await lifecycle.claim(old_but_running.id, "worker")
    await Job.filter(id__in=[old_but_waiting.id, old_but_running.id]).update(
        submitted_at=lifecycle.utcnow() - timedelta(days=retention + 10))
    old_ids = {j.id for j in old}

    caplog.set_level(logging.INFO, logger="workers.engine.maintenance")
    async with engine.bus.hub.listen() as sub:
        deleted = await maintenance.cleanup()
        changes = [sub.queue.get_nowait() for _ in range(sub.queue.qsize())]

    assert deleted == len(old)
    kept = {j.id for j in [*recent, old_but_waiting, old_but_running]}
    assert set(await Job.all().values_list("id", flat=True)) == kept
    assert not await JobFile.filter(job_id__in=old_ids).exists()
    assert not await JobEvent.filter(job_id__in=old_ids).exists()
    assert await JobFile.filter(job_id__in=[j.id for j in recent]).count() == 2
    assert await JobEvent.filter(job_id=old_but_waiting.id).exists()
    assert {c.job.id for c in changes if c.kind == "deleted"} == old_ids
    assert len(changes) == len(old)
    batches = [int(m.group(1)) for r in caplog.records
               if (m := re.match(r"retention cleanup deleted (\d+) jobs", r.getMessage()))]
    assert batches == [3, 3, 1]


async def test_cleanup_with_nothing_old_deletes_nothing(
    engine: Engine, submitted_job: SubmittedJobFactory
) -> None:
    job = await completed_with_file(submitted_job)

    assert await maintenance.cleanup() == 0

    stored = await lifecycle.load(job.id)
    assert stored is not None and stored.status is JobStatus.COMPLETED
