"""The machinery of :mod:`workers.lifecycle`; private to it.

Nothing else may call :func:`transition`: every status change goes through a named
lifecycle function (``claim``, ``cancel``, …), which decides the guard.

:func:`transition` applies one guarded change — ``UPDATE … WHERE id = ? AND status IN (…)``
— with its audit event and the snapshot to publish, in one transaction: the row stays
locked until the event is written, so the audit trail lists changes in the order they
happened, and each published event shows the job exactly as that change left it, even if
another change or a delete follows at once.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from typing import Any

from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.expressions import Q
from tortoise.transactions import in_transaction

from workers.events import EventKind, JobChange
from workers.models import Job, JobEvent, JobFile
from workers.records import JobRecord
from workers.runtime import get_runtime
from workers.status import JobStatus

logger = logging.getLogger("workers.lifecycle")


def utcnow() -> datetime:
    """Now, in UTC (the database stores aware times)."""
    return datetime.now(UTC)


async def load(job_id: int, connection: BaseDBAsyncClient | None = None) -> JobRecord | None:
    """The job's current state, or ``None`` when it does not exist."""
    job = await Job.filter(id=job_id).using_db(connection).select_related("user").first()
    if job is None:
        return None
    return JobRecord.from_model(job, job.user.username)


async def record_event(
    job_id: int,
    kind: str,
    *,
    job_type: str,
    job_owner_id: int | None,
    actor_id: int | None = None,
    message: str = "",
    at: datetime | None = None,
    connection: BaseDBAsyncClient | None = None,
) -> None:
    """Write an audit event; the job's type and owner are kept with it, for after its row."""
    await JobEvent.create(
        job_id=job_id,
        kind=kind,
        actor_id=actor_id,
        message=message,
        at=at or utcnow(),
        job_type=job_type,
        job_owner_id=job_owner_id,
        using_db=connection,
    )


async def publish(kind: EventKind, record: JobRecord) -> None:
    await get_runtime().bus.publish(JobChange(kind, record))


async def transition(
    job_id: int,
    guard: dict[str, Any],
    changes: dict[str, Any],
    *,
    event: str,
    actor_id: int | None = None,
    message: str | Callable[[JobRecord], str] = "",
    when: Q | None = None,
    files: Iterable[tuple[str, str, bytes]] = (),
    connection: BaseDBAsyncClient | None = None,
) -> JobRecord | None:
    """Apply one guarded change with its audit event, in one transaction.

    Args:
        guard: conditions the row must meet (``status__in``, ``attempt``, …).
        changes: the columns to set.
        event: the audit event's kind; ``message`` its text (or made from the new record).
        when: an extra condition (e.g. the job is due).
        files: result files stored with the change.
        connection: join the caller's transaction instead of opening one.

    Returns:
        The job as this change left it, or ``None`` when the guard did not hold (someone
        else won, or the job is gone). Nothing is published: callers publish after commit.
    """

    async def apply(conn: BaseDBAsyncClient) -> JobRecord | None:
        query = Job.filter(id=job_id, **guard)
        if when is not None:
            query = query.filter(when)
        if await query.using_db(conn).update(**changes) != 1:
            return None
        for name, ctype, content in files:
            await JobFile.create(job_id=job_id, name=name, content_type=ctype,
                                 size=len(content), content=content, using_db=conn)
        record = await load(job_id, conn)
        assert record is not None
        text = message(record) if callable(message) else message
        # Stamped after the update: a change that waited for ours is stamped later.
        await record_event(job_id, event, job_type=record.type, job_owner_id=record.user_id,
                           actor_id=actor_id, message=text, at=utcnow(), connection=conn)
        return record

    if connection is not None:
        return await apply(connection)
    async with in_transaction() as conn:
        return await apply(conn)


def send(job_id: int, start_at: datetime | None) -> bool:
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


async def send_or_mark_unsent(job_id: int, start_at: datetime | None) -> bool:
    if send(job_id, start_at):
        return True
    await Job.filter(id=job_id, status=JobStatus.SUBMITTED).update(enqueued_at=None)
    return False
