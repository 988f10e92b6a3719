"""One log line per job change: submitted, started, progress, finished, failed, cancelled,
requeued, deleted — each with ``job_id``, ``job_type``, ``user`` and ``attempt``.

Lines go to the ``jobprocessor.jobs`` logger at INFO (a failure at WARNING). Progress is
logged at its milestones — each quarter of the way — not at every report. With
``JOBPROCESSOR_LOG_FORMAT=json`` the job fields become JSON keys, so a log search for
``job_id=42`` finds the job's whole story across processes.
"""

from __future__ import annotations

import logging

from workers.engine.records import JobRecord
from workers.engine.status import JobStatus

logger = logging.getLogger("jobprocessor.jobs")

#: ``job_id → (attempt, status, progress milestone)`` last logged, to log a change once.
_last: dict[int, tuple[int, JobStatus, int]] = {}
#: Progress is logged when it passes each of this many equal steps.
MILESTONES = 4


def _milestone(progress: float) -> int:
    return min(MILESTONES, int(progress * MILESTONES + 1e-9))
_LAST_CAP = 10_000


def job_fields(record: JobRecord) -> dict[str, object]:
    """The fields every line about a job carries (``extra=`` of a log call)."""
    return {"job_id": record.id, "job_type": record.type, "user": record.username,
            "attempt": record.attempt}


def _describe(kind: str, record: JobRecord) -> str | None:
    if kind == "created":
        return "job submitted" if record.start_at is None else "job submitted, scheduled"
    if kind == "deleted":
        return "job deleted"
    status = record.status
    before = _last.get(record.id)
    if before is not None and before[1] is status and before[0] == record.attempt:
        if status is JobStatus.RUNNING and _milestone(record.progress) > before[2]:
            return f"job progress {record.progress:.0%}: {record.progress_message}"
        return None
    if status is JobStatus.RUNNING:
        return "job started"
    if status is JobStatus.SUBMITTED:
        if record.attempt > 0:
            return f"job requeued: {record.progress_message}"
        return None
    if status is JobStatus.CANCELLING:
        return "job cancel requested"
    if status is JobStatus.COMPLETED:
        return "job completed"
    if status is JobStatus.FAILED:
        return f"job failed: {record.error or 'no error given'}"
    if status is JobStatus.CANCELLED:
        return "job cancelled"
    return None


def log_change(kind: str, record: JobRecord) -> None:
    """Log one published job change (once per status, and at each progress milestone)."""
    if not logger.isEnabledFor(logging.INFO):
        return
    event = _describe(kind, record)
    if kind == "deleted" or record.status.is_final:
        _last.pop(record.id, None)
    else:
        _last[record.id] = (record.attempt, record.status, _milestone(record.progress))
        if len(_last) > _LAST_CAP:
            del _last[next(iter(_last))]
    if event is not None:
        level = logging.WARNING if record.status is JobStatus.FAILED else logging.INFO
        logger.log(level, "%s (job %s, %s)", event, record.id, record.type,
                   extra=job_fields(record))
