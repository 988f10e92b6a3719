"""The machinery of :mod:`workers.engine.lifecycle`; private to it.

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
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any

from tortoise import connections
from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.expressions import Q
from tortoise.fields import JSONField
from tortoise.transactions import in_transaction

from workers.engine.events import EventKind, JobChange
from workers.engine.models import Job, JobEvent, JobFile, JobSubmitter
from workers.engine.records import JobRecord
from workers.engine.runtime import get_runtime
from workers.engine.status import JobStatus

logger = logging.getLogger("workers.engine.lifecycle")


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
    message: str = "",
    when: Q | None = None,
    files: Iterable[tuple[str, str, bytes]] = (),
    connection: BaseDBAsyncClient | None = None,
) -> JobRecord | None:
    """Apply one guarded change with its audit event, in one transaction.

    Args:
        guard: conditions the row must meet (``status__in``, ``attempt``, …).
        changes: the columns to set.
        event: the audit event's kind; ``message`` its text (``{attempt}`` becomes the new
            attempt number).
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
        text = message.replace(ATTEMPT_PLACEHOLDER, str(record.attempt))
        # Stamped after the update: a change that waited for ours is stamped later.
        await record_event(job_id, event, job_type=record.type, job_owner_id=record.user_id,
                           actor_id=actor_id, message=text, at=utcnow(), connection=conn)
        return record

    if connection is not None:
        return await apply(connection)
    files = list(files)
    if not files and is_postgres():
        return await _transition_in_one_statement(
            job_id, guard, changes, event=event, actor_id=actor_id, message=message, when=when
        )
    async with in_transaction() as conn:
        return await apply(conn)


async def insert_job(values: dict[str, Any], *, event_message: str) -> JobRecord:
    """Insert a new job with its ``SUBMITTED`` audit event, atomically; returns its snapshot.

    On PostgreSQL this is one statement (one round trip); elsewhere one transaction.
    """
    if is_postgres():
        return await _insert_in_one_statement(values, event_message)
    async with in_transaction() as conn:
        job = await Job.create(**values, using_db=conn)
        await record_event(job.id, "SUBMITTED", job_type=job.type, job_owner_id=job.user_id,
                           actor_id=job.user_id, message=event_message, at=job.submitted_at,
                           connection=conn)
        await JobSubmitter.bulk_create(
            [JobSubmitter(type=job.type, user_id=job.user_id)], ignore_conflicts=True,
            using_db=conn,
        )
        record = await load(job.id, conn)
    assert record is not None
    return record


async def _insert_in_one_statement(values: dict[str, Any], event_message: str) -> JobRecord:
    columns: list[str] = []
    placeholders: list[str] = []
    params: list[Any] = []
    for name, field in Job._meta.fields_map.items():
        column = Job._meta.fields_db_projection.get(name)
        if field.pk or column is None:
            continue
        default = field.default() if callable(field.default) else field.default
        columns.append(column)
        params.append(field.to_db_value(values.get(name, default), Job))
        cast = "::jsonb" if isinstance(field, JSONField) else ""
        placeholders.append(f"${len(params)}{cast}")
    statement = (
        f"WITH created AS (INSERT INTO jp_job ({', '.join(columns)}) "
        f"VALUES ({', '.join(placeholders)}) RETURNING *), "
        "logged AS (INSERT INTO jp_job_event "
        "(job_id, at, kind, actor_id, message, job_type, job_owner_id) "
        f"SELECT id, submitted_at, 'SUBMITTED', user_id, ${len(params) + 1}, type, user_id "
        "FROM created), "
        "submitter AS (INSERT INTO jp_job_submitter (type, user_id) "
        "SELECT type, user_id FROM created ON CONFLICT (type, user_id) DO NOTHING) "
        "SELECT created.*, u.username AS username__ FROM created "
        "JOIN jp_user u ON u.id = created.user_id"
    )
    record = await one_record(statement, [*params, event_message])
    assert record is not None
    return record


def _record_from_row(row: dict[str, Any]) -> JobRecord:
    values = dict(row)
    username = values.pop("username__")
    return JobRecord.from_model(Job._init_from_db(**values), username)


def is_postgres() -> bool:
    return bool(connections.get("default").capabilities.dialect == "postgres")


#: ``{attempt}`` in an event message is filled in by the database with the new attempt.
ATTEMPT_PLACEHOLDER = "{attempt}"


async def _transition_in_one_statement(
    job_id: int,
    guard: dict[str, Any],
    changes: dict[str, Any],
    *,
    event: str,
    actor_id: int | None,
    message: str,
    when: Q | None,
) -> JobRecord | None:
    """:func:`transition` as one PostgreSQL statement: one round trip instead of five.

    ``UPDATE … RETURNING`` feeds the audit insert and the snapshot in a single statement,
    which is atomic on its own. The event is stamped with ``clock_timestamp()``, read
    after the row lock was taken, so a change that waited for this one is stamped later —
    the same ordering guarantee as the transaction in :func:`transition`.
    """
    query = Job.filter(id=job_id, **guard)
    if when is not None:
        query = query.filter(when)
    update = query.update(**changes)
    update._choose_db_if_not_chosen(True)
    update._make_query()
    sql, params = update.query.get_parameterized_sql()
    n = len(params)
    statement = f"WITH changed AS ({sql} RETURNING *), " + LOG_AND_SNAPSHOT.format(
        kind=f"${n + 1}", actor=f"${n + 2}::int",
        message=f"replace(${n + 3}, '{ATTEMPT_PLACEHOLDER}', attempt::text)",
    )
    return await one_record(statement, [*params, event, actor_id, message])


#: The tail of a single-statement change on PostgreSQL: after a ``changed`` CTE (the
#: ``UPDATE … RETURNING *``), write the audit event and return the snapshot. The event is
#: stamped with ``clock_timestamp()``, read after the row lock was taken.
LOG_AND_SNAPSHOT = (
    "logged AS (INSERT INTO jp_job_event "
    "(job_id, at, kind, actor_id, message, job_type, job_owner_id) "
    "SELECT id, clock_timestamp(), {kind}, {actor}, {message}, type, user_id FROM changed) "
    "SELECT changed.*, u.username AS username__ FROM changed "
    "JOIN jp_user u ON u.id = changed.user_id"
)


async def one_record(statement: str, params: list[Any]) -> JobRecord | None:
    """Run a statement that returns at most one job row with ``username__``; its snapshot."""
    rows = await connections.get("default").execute_query_dict(statement, params)
    return _record_from_row(rows[0]) if rows else None


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
