"""The two statements every job runs — claim and completion — written out for PostgreSQL.

Private to :mod:`workers.engine.lifecycle`. They do exactly what the generic guarded
:func:`workers.engine._transitions.transition` does for these two changes (update guarded by
status and attempt, audit event, snapshot), in one statement each and without building
the query through the ORM every time: on a busy worker, query building cost as much as
the database round trip. SQLite uses the generic path; the engine's tests run both.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import datetime
from typing import Any

from workers.engine._transitions import LOG_AND_SNAPSHOT, one_record
from workers.engine.records import JobRecord
from workers.engine.status import JobStatus

CLAIM = (
    "WITH changed AS (UPDATE jp_job SET status = 'RUNNING', attempt = attempt + 1, "
    "started_at = $2, lease_expires_at = $3, worker = $4, progress = 0, "
    "progress_message = 'Started', error = NULL "
    "WHERE id = $1 AND status = 'SUBMITTED' AND (start_at IS NULL OR start_at <= $2) "
    "RETURNING *), "
    + LOG_AND_SNAPSHOT.format(
        kind="'RUNNING'", actor="NULL", message="'attempt ' || attempt || ' on ' || $4"
    )
)

COMPLETE = (
    "WITH changed AS (UPDATE jp_job SET status = 'COMPLETED', finished_at = $3, "
    "progress = 1, progress_message = 'Completed', result = $4::jsonb, "
    "lease_expires_at = NULL "
    "WHERE id = $1 AND attempt = $2 AND status = ANY($5::text[]) RETURNING *), "
    + LOG_AND_SNAPSHOT.format(kind="'COMPLETED'", actor="NULL", message="''")
)


async def claim(job_id: int, now: datetime, lease_until: datetime, worker: str) -> JobRecord | None:
    return await one_record(CLAIM, [job_id, now, lease_until, worker])


async def complete(
    job_id: int,
    attempt: int,
    statuses: Iterable[JobStatus],
    finished_at: datetime,
    result: dict[str, Any],
) -> JobRecord | None:
    return await one_record(
        COMPLETE,
        [job_id, attempt, finished_at, json.dumps(result), [s.value for s in statuses]],
    )
