"""The two statements every job runs — claim and completion — written out for PostgreSQL.

Private to :mod:`workers.lifecycle`. They do exactly what the generic guarded
:func:`workers._transitions.transition` does for these two changes (update guarded by
status and attempt, audit event, snapshot), in one statement each and without building
the query through the ORM every time: on a busy worker, query building cost as much as
the database round trip. SQLite uses the generic path; the engine's tests run both.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import datetime
from typing import Any

from tortoise import connections

from workers.models import Job
from workers.records import JobRecord
from workers.status import JobStatus

_SNAPSHOT = (
    "logged AS (INSERT INTO jp_job_event "
    "(job_id, at, kind, actor_id, message, job_type, job_owner_id) "
    "SELECT id, clock_timestamp(), {kind}, NULL, {message}, type, user_id FROM changed) "
    "SELECT changed.*, u.username AS username__ FROM changed "
    "JOIN jp_user u ON u.id = changed.user_id"
)

CLAIM = (
    "WITH changed AS (UPDATE jp_job SET status = 'RUNNING', attempt = attempt + 1, "
    "started_at = $2, lease_expires_at = $3, worker = $4, progress = 0, "
    "progress_message = 'Started', error = NULL "
    "WHERE id = $1 AND status = 'SUBMITTED' AND (start_at IS NULL OR start_at <= $2) "
    "RETURNING *), "
    + _SNAPSHOT.format(kind="'RUNNING'", message="'attempt ' || attempt || ' on ' || $4")
)

COMPLETE = (
    "WITH changed AS (UPDATE jp_job SET status = 'COMPLETED', finished_at = $3, "
    "progress = 1, progress_message = 'Completed', result = $4::jsonb, "
    "lease_expires_at = NULL "
    "WHERE id = $1 AND attempt = $2 AND status = ANY($5::text[]) RETURNING *), "
    + _SNAPSHOT.format(kind="'COMPLETED'", message="''")
)


def is_postgres() -> bool:
    return bool(connections.get("default").capabilities.dialect == "postgres")


async def claim(job_id: int, now: datetime, lease_until: datetime, worker: str) -> JobRecord | None:
    return await _one(CLAIM, [job_id, now, lease_until, worker])


async def complete(
    job_id: int,
    attempt: int,
    statuses: Iterable[JobStatus],
    finished_at: datetime,
    result: dict[str, Any],
) -> JobRecord | None:
    return await _one(
        COMPLETE,
        [job_id, attempt, finished_at, json.dumps(result), [s.value for s in statuses]],
    )


async def _one(statement: str, params: list[Any]) -> JobRecord | None:
    rows = await connections.get("default").execute_query_dict(statement, params)
    if not rows:
        return None
    values = dict(rows[0])
    username = values.pop("username__")
    return JobRecord.from_model(Job._init_from_db(**values), username)
