"""The only code that changes a job's status.

Every change is a guarded conditional update — ``UPDATE … WHERE id = ? AND status IN (…)``
(and, for a worker's writes, ``AND attempt = ?``) — whose row count decides who won. Two
callers racing for one job (cancel against start, finish against delete, two workers
given the same message) therefore always have exactly one winner, on PostgreSQL and on
SQLite alike. After a change the job's new state is published as an event.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from datetime import UTC, datetime, timedelta
from typing import Any

from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.expressions import F, Q
from tortoise.transactions import in_transaction

from workers.errors import JobNotFoundError, JobStateError
from workers.events import EventKind, JobChange
from workers.models import Job, JobEvent, JobFile
from workers.records import FileInfo, JobRecord
from workers.runtime import get_runtime
from workers.status import (
    CANCELLABLE_STATUSES,
    DELETABLE_STATUSES,
    LEASED_STATUSES,
    JobStatus,
)

logger = logging.getLogger(__name__)


def utcnow() -> datetime:
    return datetime.now(UTC)


async def load(job_id: int, connection: BaseDBAsyncClient | None = None) -> JobRecord | None:
    """The job's current state, or ``None`` when it does not exist."""
    job = await Job.filter(id=job_id).using_db(connection).select_related("user").first()
    if job is None:
        return None
    return JobRecord.from_model(job, job.user.username)


async def _record_event(
    job_id: int,
    kind: str,
    *,
    actor_id: int | None = None,
    message: str = "",
    at: datetime | None = None,
    connection: BaseDBAsyncClient | None = None,
) -> None:
    await JobEvent.create(
        job_id=job_id,
        kind=kind,
        actor_id=actor_id,
        message=message,
        at=at or utcnow(),
        using_db=connection,
    )


async def _publish(kind: EventKind, record: JobRecord) -> None:
    await get_runtime().bus.publish(JobChange(kind, record))


async def _publish_current(job_id: int) -> JobRecord | None:
    record = await load(job_id)
    if record is not None:
        await _publish("updated", record)
    return record


def _send(job_id: int, start_at: datetime | None) -> bool:
    """Hand the job to the broker; False (and logged) when the broker refused."""
    delay_ms = None
    if start_at is not None:
        delay_ms = max(0, int((start_at - utcnow()).total_seconds() * 1000))
        delay_ms = delay_ms or None
    try:
        get_runtime().enqueue(job_id, delay_ms)
    except Exception:
        logger.warning("could not enqueue job %s; the reconciler will resend it", job_id,
                       exc_info=True)
        return False
    return True


# --------------------------------------------------------------------------- submitting


async def create(
    *,
    job_type: str,
    feature: str,
    params: dict[str, Any],
    settings: dict[str, Any],
    user_id: int,
    start_at: datetime | None = None,
    resubmitted_from_id: int | None = None,
) -> JobRecord:
    """Store a new ``SUBMITTED`` job and hand it to the broker.

    The row is written first: if the broker is down, the job still exists (with no
    ``enqueued_at``) and the reconciler sends it once the broker is back.
    """
    now = utcnow()
    async with in_transaction() as conn:
        job = await Job.create(
            type=job_type,
            feature=feature,
            params=params,
            settings=settings,
            user_id=user_id,
            status=JobStatus.SUBMITTED,
            submitted_at=now,
            start_at=start_at,
            resubmitted_from_id=resubmitted_from_id,
            enqueued_at=now,
            progress_message="Waiting to start" if start_at is None else "Scheduled",
            using_db=conn,
        )
        message = f"resubmitted from job {resubmitted_from_id}" if resubmitted_from_id else ""
        await _record_event(job.id, "SUBMITTED", actor_id=user_id, message=message, at=now,
                            connection=conn)
    record = await load(job.id)
    assert record is not None
    await _publish("created", record)
    if not _send(job.id, start_at):
        await Job.filter(id=job.id, status=JobStatus.SUBMITTED).update(enqueued_at=None)
    return record


# --------------------------------------------------------------------------- the worker's side


async def claim(job_id: int, worker: str) -> JobRecord | None:
    """Take a ``SUBMITTED`` job that is due, for one attempt.

    Returns the running job, or ``None`` when someone else won (a duplicate message, a
    cancel, a delete) or the job is not due yet.
    """
    settings = get_runtime().settings
    now = utcnow()
    claimed = await (
        Job.filter(id=job_id, status=JobStatus.SUBMITTED)
        .filter(Q(start_at__isnull=True) | Q(start_at__lte=now))
        .update(
            status=JobStatus.RUNNING,
            attempt=F("attempt") + 1,
            started_at=now,
            lease_expires_at=now + timedelta(seconds=settings.lease_seconds),
            worker=worker,
            progress=0.0,
            progress_message="Started",
            error=None,
        )
    )
    if claimed != 1:
        return None
    record = await load(job_id)
    if record is None:
        return None
    await _record_event(job_id, "RUNNING", message=f"attempt {record.attempt} on {worker}", at=now)
    await _publish("updated", record)
    return record


def _owned(job_id: int, attempt: int, statuses: Iterable[JobStatus] = LEASED_STATUSES) -> Any:
    return Job.filter(id=job_id, attempt=attempt, status__in=list(statuses))


async def report_progress(record: JobRecord, fraction: float, message: str) -> JobRecord | None:
    """Store progress of a running job; ``None`` when the worker no longer owns it."""
    fraction = min(1.0, max(0.0, float(fraction)))
    message = message[:200]
    updated = await _owned(record.id, record.attempt).update(
        progress=fraction, progress_message=message
    )
    if updated != 1:
        return None
    new = record.evolve(progress=fraction, progress_message=message)
    await _publish("updated", new)
    return new


async def complete(
    record: JobRecord,
    result: dict[str, Any],
    files: Iterable[tuple[str, str, bytes]] = (),
    *,
    connection: BaseDBAsyncClient | None = None,
    allow_cancelling: bool = True,
) -> bool:
    """Mark the job ``COMPLETED`` with its result and files; False when it is no longer ours.

    With ``connection`` the change joins the caller's transaction (the job's own data
    changes commit together with its completion) and nothing is published: the caller
    publishes after its commit with :func:`published_after_commit`.
    """
    now = utcnow()
    infos: list[FileInfo] = [
        {"name": name, "contentType": ctype, "size": len(content)} for name, ctype, content in files
    ]
    stored = {**result, "files": infos}
    statuses = LEASED_STATUSES if allow_cancelling else {JobStatus.RUNNING}

    async def write(conn: BaseDBAsyncClient) -> bool:
        updated = await _owned(record.id, record.attempt, statuses).using_db(conn).update(
            status=JobStatus.COMPLETED,
            finished_at=now,
            progress=1.0,
            progress_message="Completed",
            result=stored,
            lease_expires_at=None,
        )
        if updated != 1:
            return False
        for name, ctype, content in files:
            await JobFile.create(job_id=record.id, name=name, content_type=ctype,
                                 size=len(content), content=content, using_db=conn)
        await _record_event(record.id, "COMPLETED", at=now, connection=conn)
        return True

    if connection is not None:
        return await write(connection)
    async with in_transaction() as conn:
        done = await write(conn)
    if done:
        await _publish_current(record.id)
    return done


async def published_after_commit(job_id: int) -> None:
    """Publish a job's state once the transaction that changed it has committed."""
    await _publish_current(job_id)


async def fail(record: JobRecord, error: str) -> bool:
    """Mark the job ``FAILED`` with a user-facing ``error``; False when it is no longer ours."""
    now = utcnow()
    updated = await _owned(record.id, record.attempt).update(
        status=JobStatus.FAILED, finished_at=now, error=error, lease_expires_at=None,
        progress_message="Failed",
    )
    if updated != 1:
        return False
    await _record_event(record.id, "FAILED", message=error, at=now)
    await _publish_current(record.id)
    return True


async def finish_cancelled(record: JobRecord) -> bool:
    """A running job stopped at a checkpoint after a cancel: ``CANCELLING`` → ``CANCELLED``."""
    now = utcnow()
    updated = await _owned(record.id, record.attempt, {JobStatus.CANCELLING}).update(
        status=JobStatus.CANCELLED, finished_at=now, lease_expires_at=None,
        progress_message="Cancelled",
    )
    if updated != 1:
        return False
    await _record_event(record.id, "CANCELLED", message="stopped at a checkpoint", at=now)
    await _publish_current(record.id)
    return True


async def renew_leases(attempts: dict[int, int]) -> dict[int, JobStatus | None]:
    """Extend the leases of the jobs this worker runs (``{job_id: attempt}``).

    Returns each job's status as stored now, or ``None`` when the worker lost it; the
    caller stops lost jobs and cancels those that are ``CANCELLING``.
    """
    if not attempts:
        return {}
    until = utcnow() + timedelta(seconds=get_runtime().settings.lease_seconds)
    for job_id, attempt in attempts.items():
        await _owned(job_id, attempt).update(lease_expires_at=until)
    rows = await Job.filter(id__in=list(attempts)).values_list("id", "attempt", "status")
    found = {row[0]: (row[1], JobStatus(row[2])) for row in rows}
    states: dict[int, JobStatus | None] = {}
    for job_id, attempt in attempts.items():
        stored = found.get(job_id)
        states[job_id] = stored[1] if stored and stored[0] == attempt else None
    return states


# --------------------------------------------------------------------------- users' actions


async def cancel(
    job_id: int, actor_id: int | None, *, only_if_not_started: bool = False
) -> JobRecord:
    """Cancel a job: a waiting one at once, a running one at its next checkpoint.

    Raises:
        JobNotFoundError: no such job.
        JobStateError: it already finished, is already cancelling, or (with
            ``only_if_not_started``) it has already started.
    """
    now = utcnow()
    withdrawn = await Job.filter(id=job_id, status=JobStatus.SUBMITTED).update(
        status=JobStatus.CANCELLED, finished_at=now, progress_message="Cancelled",
    )
    if withdrawn == 1:
        await _record_event(job_id, "CANCELLED", actor_id=actor_id, at=now,
                            message="withdrawn before it started")
        record = await _publish_current(job_id)
        assert record is not None
        return record
    if not only_if_not_started:
        requested = await Job.filter(id=job_id, status=JobStatus.RUNNING).update(
            status=JobStatus.CANCELLING, progress_message="Cancelling…"
        )
        if requested == 1:
            await _record_event(job_id, "CANCELLING", actor_id=actor_id, at=now,
                                message="cancel requested while running")
            record = await _publish_current(job_id)
            assert record is not None
            return record
    current = await load(job_id)
    if current is None:
        raise JobNotFoundError(job_id)
    if only_if_not_started and current.status in LEASED_STATUSES:
        raise JobStateError(job_id, current.status, "withdrawn",
                            "It has already started; cancel it from the overview to stop it.")
    reason = "" if current.status not in CANCELLABLE_STATUSES else "Try again."
    raise JobStateError(job_id, current.status, "cancelled", reason)


async def delete(job_id: int, actor_id: int | None) -> JobRecord:
    """Delete a job that no worker holds, with its files.

    Raises:
        JobNotFoundError: no such job.
        JobStateError: it is running or cancelling.
    """
    record = await load(job_id)
    if record is None:
        raise JobNotFoundError(job_id)
    async with in_transaction() as conn:
        deleted = await Job.filter(id=job_id, status__in=list(DELETABLE_STATUSES)).using_db(
            conn
        ).delete()
        if deleted == 1:
            await JobFile.filter(job_id=job_id).using_db(conn).delete()
            await _record_event(job_id, "DELETED", actor_id=actor_id, connection=conn,
                                message=f"{record.type} job deleted while {record.status.value}")
    if deleted != 1:
        current = await load(job_id)
        if current is None:
            raise JobNotFoundError(job_id)
        raise JobStateError(job_id, current.status, "deleted",
                            "Cancel it first, or wait until it finishes.")
    await _publish("deleted", record)
    return record


# --------------------------------------------------------------------------- maintenance


async def requeue_lost(job_id: int, attempt: int) -> bool:
    """The reaper: a ``RUNNING`` job whose lease expired gets another attempt."""
    now = utcnow()
    updated = await _owned(job_id, attempt, {JobStatus.RUNNING}).update(
        status=JobStatus.SUBMITTED, lease_expires_at=None, worker=None, enqueued_at=now,
        progress=0.0, progress_message="Worker lost; waiting for another attempt",
    )
    if updated != 1:
        return False
    await _record_event(job_id, "SUBMITTED", at=now,
                        message=f"worker stopped responding during attempt {attempt}; retrying")
    await _publish_current(job_id)
    if not _send(job_id, None):
        await Job.filter(id=job_id, status=JobStatus.SUBMITTED).update(enqueued_at=None)
    return True


async def fail_lost(job_id: int, attempt: int, status: JobStatus) -> bool:
    """The reaper: a job whose worker was lost too often fails (or, if cancelling, is cancelled)."""
    now = utcnow()
    if status is JobStatus.CANCELLING:
        target, message = JobStatus.CANCELLED, "worker stopped responding while cancelling"
        error = None
    else:
        target = JobStatus.FAILED
        error = (f"The worker running this job stopped responding {attempt} times; "
                 "giving up. Submit the job again to retry.")
        message = error
    updated = await _owned(job_id, attempt, {status}).update(
        status=target, finished_at=now, lease_expires_at=None, error=error,
        progress_message=target.value.capitalize(),
    )
    if updated != 1:
        return False
    await _record_event(job_id, target.value, at=now, message=message)
    await _publish_current(job_id)
    return True


async def resend(job_id: int, start_at: datetime | None = None) -> bool:
    """The reconciler: send a waiting job's message again (it is lost, or never went out)."""
    now = utcnow()
    touched = await Job.filter(id=job_id, status=JobStatus.SUBMITTED).update(enqueued_at=now)
    if touched != 1:
        return False
    if not _send(job_id, start_at):
        await Job.filter(id=job_id, status=JobStatus.SUBMITTED).update(enqueued_at=None)
        return False
    return True


async def publish_purged(records: Iterable[JobRecord]) -> None:
    """Tell subscribers that retention cleanup removed these jobs."""
    for record in records:
        await _publish("deleted", record)
