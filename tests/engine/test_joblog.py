"""The job log: one line per change of a job, with the job's fields, progress at milestones."""

from __future__ import annotations

import logging
from datetime import UTC, datetime

import pytest

from workers.engine import joblog
from workers.engine.records import JobRecord
from workers.engine.status import JobStatus


def record(status: JobStatus, *, attempt: int = 1, progress: float = 0.0,
           message: str = "", error: str | None = None) -> JobRecord:
    return JobRecord(id=901, type="REPORT", feature="Monitoring > Reports", params={},
                     settings={}, user_id=1, username="ann", status=status,
                     submitted_at=datetime.now(UTC), attempt=attempt, progress=progress,
                     progress_message=message, error=error)


def test_a_jobs_story_is_one_line_per_change_with_progress_at_each_quarter(caplog):
    caplog.set_level(logging.INFO, logger="jobprocessor.jobs")
    story = [
        ("created", record(JobStatus.SUBMITTED, attempt=0)),
        ("updated", record(JobStatus.RUNNING)),
        *[("updated", record(JobStatus.RUNNING, progress=p / 10, message=f"step {p}"))
          for p in range(1, 10)],
        ("updated", record(JobStatus.COMPLETED, progress=1.0)),
    ]

    for kind, job in story:
        joblog.log_change(kind, job)

    events = [r.getMessage() for r in caplog.records]
    assert events == [
        "job submitted (job 901, REPORT)",
        "job started (job 901, REPORT)",
        "job progress 30%: step 3 (job 901, REPORT)",
        "job progress 50%: step 5 (job 901, REPORT)",
        "job progress 80%: step 8 (job 901, REPORT)",
        "job completed (job 901, REPORT)",
    ]
    assert all((r.job_id, r.job_type, r.user) == (901, "REPORT", "ann")  # type: ignore[attr-defined]
               for r in caplog.records)


@pytest.mark.parametrize("change, line, level", [
    (record(JobStatus.FAILED, error="The team does not exist."),
     "job failed: The team does not exist. (job 901, REPORT)", logging.WARNING),
    (record(JobStatus.SUBMITTED, attempt=1, message="Worker lost; waiting for another attempt"),
     "job requeued: Worker lost; waiting for another attempt (job 901, REPORT)", logging.INFO),
    (record(JobStatus.CANCELLED), "job cancelled (job 901, REPORT)", logging.INFO),
])
def test_endings_and_requeues_say_what_happened(caplog, change, line, level):
    caplog.set_level(logging.INFO, logger="jobprocessor.jobs")

    joblog.log_change("updated", change)

    (logged,) = caplog.records
    assert (logged.getMessage(), logged.levelno, logged.attempt) == (line, level, 1)  # type: ignore[attr-defined]
