"""The only code that changes a job's status: what each change means, and who hears of it.

Each function names one change (``claim``, ``cancel``, …) and makes it through the job
store (:mod:`workers.engine.store`): a guarded conditional update — ``UPDATE … WHERE
id = ? AND status IN (…)`` (and, for a worker's writes, ``AND attempt = ?``) — whose row
count decides who won, with the statuses it may start from taken from ``TRANSITIONS``.
Two callers racing for one job (cancel against start, finish against delete, two
workers given the same message) therefore always have exactly one winner, on PostgreSQL
and on SQLite alike. The change, its audit event and the snapshot it publishes are taken
together, so the audit trail lists changes in the order they happened and each published
event shows the job exactly as that change left it. This module then publishes the
change and talks to the broker.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from datetime import UTC, datetime, timedelta
from typing import Any

from tortoise.exceptions import IntegrityError

from workers.engine.claimer import claimer
from workers.engine.completer import completer
from workers.engine.errors import JobNotFoundError, JobStateError
from workers.engine.events import EventKind, JobChange
from workers.engine.inserter import inserter
from workers.engine.models import Job
from workers.engine.progress_writer import progress_writer
from workers.engine.records import FileInfo, JobRecord
from workers.engine.runtime import get_runtime
from workers.engine.scopes import scope_noun
from workers.engine.status import (
    CANCELLABLE_STATUSES,
    DELETABLE_STATUSES,
    LEASED_STATUSES,
    JobStatus,
)
from workers.engine.store import NewJob, get_store
from workers.engine.store.base import Connection

__all__ = [
    "cancel", "claim", "complete", "create", "delete", "fail", "fail_lost",
    "finish_cancelled", "lease_states", "load", "mark_unsent", "publish_purged",
    "published_after_commit", "release", "renew_leases", "report_progress",
    "requeue_lost", "resend", "utcnow",
]

logger = logging.getLogger(__name__)

#: Times :func:`delete` re-reads a job that changed under it before giving up.
DELETE_TRIES = 5


def utcnow() -> datetime:
    """Now, in UTC (the database stores aware times)."""
    return datetime.now(UTC)


async def load(job_id: int, connection: Connection | None = None) -> JobRecord | None:
    """The job's current state, or ``None`` when it does not exist."""
    return await get_store().load(job_id, connection=connection)


async def publish(kind: EventKind, record: JobRecord) -> None:
    await get_runtime().bus.publish(JobChange(kind, record))


def _delay_ms(start_at: datetime | None) -> int | None:
    if start_at is None:
        return None
    return max(0, int((start_at - utcnow()).total_seconds() * 1000)) or None


def send(job_id: int, start_at: datetime | None) -> bool:
    """Hand the job to the broker; False (and logged) when the broker refused."""
    try:
        get_runtime().enqueue(job_id, _delay_ms(start_at))
    except Exception:
        logger.warning("could not enqueue job %s; the reconciler will resend it", job_id,
                       exc_info=True)
        return False
    return True


async def send_or_mark_unsent(job_id: int, start_at: datetime | None) -> bool:
    """Hand the job to the broker — off the event loop where the runtime has a sender —
    or mark it unsent for the reconciler when the broker refused."""
    send_async = get_runtime().send_async
    if send_async is None:
        sent = send(job_id, start_at)
    else:
        try:
            await send_async(job_id, _delay_ms(start_at))
            sent = True
        except Exception:
            logger.warning("could not enqueue job %s; the reconciler will resend it",
                           job_id, exc_info=True)
            sent = False
    if sent:
        return True
    await get_store().mark_unsent(job_id)
    return False


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
    scope: str | None = None,
    event_message: str = "",
    subject: str = "",
    refs: dict[str, int] | None = None,
    search_text: str = "",
) -> JobRecord:
    """Store a new ``SUBMITTED`` job and hand it to the broker.

    The row is written first: if the broker is down, the job still exists (with no
    ``enqueued_at``) and the reconciler sends it once the broker is back. ``scope`` names
    what the job works on: jobs of one scope run one at a time (see :func:`claim`).
    """
    now = utcnow()
    message = f"resubmitted from job {resubmitted_from_id}" if resubmitted_from_id else ""
    message = "; ".join(part for part in (message, event_message) if part)
    # With the other submissions of this loop, in one statement (see the inserter); the
    # copy's RESUBMITTED event on its original goes with it ("who resubmitted job 7?" is
    # asked of job 7; the copy's id stays out of it: the original's owner may not see it).
    record = await inserter().insert(NewJob(
        type=job_type, feature=feature, params=params, settings=settings, user_id=user_id,
        submitted_at=now, start_at=start_at, resubmitted_from_id=resubmitted_from_id,
        enqueued_at=now,
        progress_message="Waiting to start" if start_at is None else "Scheduled",
        scope=scope, subject=subject, refs=refs or {}, search_text=search_text,
        event_message=message,
    ))
    await publish("created", record)
    await send_or_mark_unsent(record.id, start_at)
    return record


# --------------------------------------------------------------------------- the worker's side


async def claim(job_id: int, worker: str) -> JobRecord | None:
    """Take a ``SUBMITTED`` job that is due, for one attempt.

    Returns the running job, or ``None`` when someone else won (a duplicate message, a
    cancel, a delete), the job is not due yet, or another job of its scope is running:
    a partial unique index allows one running job per scope, so of two claims racing
    into one scope the database refuses the second. That job keeps waiting, and is sent
    again when the scope frees (:mod:`workers.engine.scopes`).
    """
    try:
        record = await _claim(job_id, worker)
    except IntegrityError:
        await _note_scope_busy(job_id)
        return None
    if record is not None:
        await publish("updated", record)
    return record


async def _claim(job_id: int, worker: str) -> JobRecord | None:
    # With the other claims of this loop's jobs, in one statement (see the claimer).
    return await claimer().claim(job_id, worker=worker,
                                 lease_seconds=get_runtime().settings.lease_seconds)


async def _note_scope_busy(job_id: int) -> None:
    """Tell the waiting job's watchers which job it waits for (its status stays SUBMITTED)."""
    record = await load(job_id)
    if record is None or record.scope is None or record.status is not JobStatus.SUBMITTED:
        return
    holder = await Job.filter(scope=record.scope, status__in=list(LEASED_STATUSES)).first()
    message = (f"Waiting for job {holder.id}, which works on the same {scope_noun(record.scope)}"
               if holder is not None else "Waiting to start")
    version = await get_store().note_waiting(job_id, message[:200])
    if version is not None:
        await publish("updated", record.evolve(progress_message=message[:200], version=version))


async def report_progress(record: JobRecord, fraction: float, message: str) -> JobRecord | None:
    """Store progress of a running job.

    Returns the job with its new progress; the job with status ``CANCELLING`` (progress
    not stored) when a cancel is waiting, so the caller stops now; ``None`` when this
    worker no longer owns the job.
    """
    fraction = min(1.0, max(0.0, float(fraction)))
    message = message[:200]
    # With the other progress reports of this loop's jobs, in one statement.
    stored = await progress_writer().report(record.id, record.attempt, fraction, message)
    if stored.version is not None:
        new = record.evolve(status=JobStatus.RUNNING, progress=fraction,
                            progress_message=message, version=stored.version)
        await publish("updated", new)
        return new
    # Not running: publishing this progress would show a cancelling job as running again.
    if stored.status is JobStatus.CANCELLING:
        return record.evolve(status=JobStatus.CANCELLING)
    return None


async def complete(
    record: JobRecord,
    result: dict[str, Any],
    files: Iterable[tuple[str, str, bytes]] = (),
    *,
    connection: Connection | None = None,
) -> bool:
    """Mark a ``RUNNING`` job ``COMPLETED`` with its result and files.

    Returns once the completion is durable (a completion without files or transaction
    is written by this loop's :class:`workers.engine.completer.Completer`, together with
    others). Returns False when the job is no longer this attempt's, or a cancel was
    requested first (the caller then ends it ``CANCELLED``, see :func:`finish_cancelled`). With
    ``connection`` the change joins the caller's transaction (the job's own data changes
    commit together with its completion) and nothing is published: the caller publishes
    after its commit with :func:`published_after_commit`.
    """
    files = list(files)
    infos: list[FileInfo] = [
        {"name": name, "contentType": ctype, "size": len(content)} for name, ctype, content in files
    ]
    stored = {**result, "files": infos}
    if files or connection is not None:
        done = await get_store().complete(record.id, record.attempt, result=stored,
                                          files=files, at=utcnow(), connection=connection)
    else:  # the common case: written with other jobs' completions in one statement
        done = await completer().complete(record.id, record.attempt, stored, utcnow())
    if done is not None and connection is None:
        await publish("updated", done)
    return done is not None


async def published_after_commit(job_id: int) -> None:
    """Publish a job's state once the transaction that changed it has committed."""
    record = await load(job_id)
    if record is not None:
        await publish("updated", record)


async def fail(record: JobRecord, error: str) -> bool:
    """Mark the job ``FAILED`` with a user-facing ``error``; False when it is no longer ours."""
    done = await get_store().fail(record.id, record.attempt, error=error, at=utcnow())
    if done is not None:
        await publish("updated", done)
    return done is not None


async def finish_cancelled(record: JobRecord) -> bool:
    """A running job stopped at a checkpoint after a cancel: ``CANCELLING`` → ``CANCELLED``."""
    done = await get_store().finish_cancelled(record.id, record.attempt,
                                              message="stopped at a checkpoint", at=utcnow())
    if done is not None:
        await publish("updated", done)
    return done is not None


async def release(record: JobRecord, *, because: str = "worker shut down") -> bool:
    """A worker shutting down hands a running job back: ``RUNNING`` → ``SUBMITTED``.

    ``because`` says why in the audit trail (a shutdown, or the database unreachable
    from the job's body); either way it costs the job no attempt.

    The job is left unsent (no ``enqueued_at``): the next maintenance pass of any running
    worker — or the embedded server's next start — sends it, never the closing worker.
    Returns False when the job is no longer ours or is cancelling (then it should end
    ``CANCELLED`` instead).
    """
    waiting = await get_store().requeue(
        record.id, record.attempt, label="Its worker shut down; waiting for another",
        message=f"{because} during attempt {record.attempt}; waiting for another",
        enqueued_at=None,
    )
    if waiting is None:
        return False
    await publish("updated", waiting)
    return True


async def mark_unsent(job_id: int) -> None:
    """A closing worker got the job's message: leave it for a running worker to send again."""
    await get_store().mark_unsent(job_id)


async def lease_states(attempts: dict[int, int]) -> dict[int, JobStatus | None]:
    """For each ``{job_id: attempt}`` a worker runs: the job's status, or ``None`` if lost.

    Lost means deleted, taken by a newer attempt, or no longer leased (the reaper took it
    back while this worker was stalled).
    """
    found = await get_store().lease_states(attempts)
    states: dict[int, JobStatus | None] = {}
    for job_id, attempt in attempts.items():
        stored = found.get(job_id)
        owned = stored is not None and stored[0] == attempt and stored[1] in LEASED_STATUSES
        states[job_id] = stored[1] if owned and stored is not None else None
    return states


async def renew_leases(attempts: dict[int, int]) -> dict[int, JobStatus | None]:
    """Extend the leases of the jobs this worker runs (``{job_id: attempt}``).

    Returns :func:`lease_states`; the caller stops lost jobs and cancels those that are
    ``CANCELLING``.
    """
    if not attempts:
        return {}
    until = utcnow() + timedelta(seconds=get_runtime().settings.lease_seconds)
    await get_store().renew_leases(attempts, until)
    return await lease_states(attempts)


# --------------------------------------------------------------------------- users' actions


async def cancel(
    job_id: int, actor_id: int | None, *, only_if_not_started: bool = False,
    reason: str = "withdrawn before it started",
) -> JobRecord:
    """Cancel a job: a waiting one at once, a running one at its next checkpoint.

    ``reason`` is the audit message when a waiting job is withdrawn.

    Raises:
        JobNotFoundError: no such job.
        JobStateError: it already finished, is already cancelling, or (with
            ``only_if_not_started``) it has already started.
    """
    store = get_store()
    record = await store.withdraw(job_id, actor_id=actor_id, reason=reason, at=utcnow())
    if record is None and not only_if_not_started:
        record = await store.request_cancel(job_id, actor_id=actor_id)
    if record is not None:
        await publish("updated", record)
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
    """Delete a job that no worker holds, with its files; returns it as it was deleted.

    The delete is guarded by the version just read, so the record returned, the published
    event and the audit message all describe the job as it really was (a change that
    slipped in between makes it read again). The event carries the version after it.

    Raises:
        JobNotFoundError: no such job.
        JobStateError: it is running or cancelling.
    """
    status = JobStatus.SUBMITTED
    for _ in range(DELETE_TRIES):
        record = await load(job_id)
        if record is None:
            raise JobNotFoundError(job_id)
        status = record.status
        if status not in DELETABLE_STATUSES:
            raise JobStateError(job_id, record.status, "deleted",
                                "Cancel it first, or wait until it finishes.")
        deleted = await get_store().delete(
            record, actor_id=actor_id,
            message=f"{record.type} job of {record.username} deleted while "
                    f"{record.status.value}",
        )
        if deleted:
            gone = record.evolve(version=record.version + 1)
            await publish("deleted", gone)
            return gone
    raise JobStateError(job_id, status, "deleted", "It keeps changing; try again.")


# --------------------------------------------------------------------------- maintenance


#: The audit message's start when the reaper takes a job back from a dead worker; the
#: reaper counts these events to decide when a job has crashed too often.
LOST_WORKER = "lost its worker"


async def requeue_lost(job_id: int, attempt: int, *, reason: str = LOST_WORKER) -> bool:
    """The reaper: a ``RUNNING`` job whose lease expired gets another attempt.

    ``reason`` starts the audit message: :data:`LOST_WORKER` (a crash), or why the worker
    handed the job back. Guarded by the expiry too: a worker that renewed its lease since
    the reaper looked keeps its job.
    """
    now = utcnow()
    record = await get_store().requeue(
        job_id, attempt, label="Worker lost; waiting for another attempt",
        message=f"{reason} during attempt {attempt}; retrying",
        enqueued_at=now, lease_expired_before=now,
    )
    if record is None:
        return False
    await publish("updated", record)
    await send_or_mark_unsent(job_id, None)
    return True


async def fail_lost(job_id: int, attempt: int, status: JobStatus, *,
                    crashes: int | None = None) -> bool:
    """The reaper: a job whose worker was lost too often fails (or, if cancelling, is cancelled).

    ``crashes`` is how many times it lost its worker, this time included (the attempt
    number by default).
    """
    now = utcnow()
    store = get_store()
    if status is JobStatus.CANCELLING:
        record = await store.finish_cancelled(
            job_id, attempt, message=f"{LOST_WORKER} while cancelling", at=now,
            lease_expired_before=now,
        )
    else:
        error = (f"This job {LOST_WORKER} {crashes or attempt} times (the worker running it "
                 "stopped responding); giving up. Submit the job again to retry.")
        record = await store.fail(job_id, attempt, error=error, at=now,
                                  lease_expired_before=now)
    if record is None:
        return False
    await publish("updated", record)
    return True


async def resend(
    job_id: int, start_at: datetime | None = None, *, unless_sent_since: datetime | None = None
) -> bool:
    """The reconciler: send a waiting job's message again (it is lost, or never went out).

    Args:
        unless_sent_since: skip the job if it was (re)sent at or after this time — by the
            reconciler of another worker — so that one of them sends it, not all.

    Returns:
        True when this call sent it.
    """
    if not await get_store().mark_sent(job_id, at=utcnow(),
                                       unless_sent_since=unless_sent_since):
        return False
    return await send_or_mark_unsent(job_id, start_at)


async def publish_purged(records: Iterable[JobRecord]) -> None:
    """Tell subscribers that retention cleanup removed these jobs (as they were deleted)."""
    for record in records:
        await publish("deleted", record.evolve(version=record.version + 1))
