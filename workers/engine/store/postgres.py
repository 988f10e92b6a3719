"""The job store on PostgreSQL: each change one statement (see :mod:`.postgres_sql`)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime
from typing import Any

from tortoise.transactions import in_transaction

from workers.engine.records import JobRecord
from workers.engine.status import LEASED_STATUSES, JobStatus
from workers.engine.store import base
from workers.engine.store._sql import SqlJobStore
from workers.engine.store.base import (
    Completion,
    Connection,
    Move,
    NewJob,
    Progress,
    ProgressReport,
)
from workers.engine.store.postgres_sql import STATEMENTS


class PostgresJobStore(SqlJobStore):
    """:class:`workers.engine.store.base.JobStore` for PostgreSQL."""

    dialect = "postgres"
    statements = STATEMENTS

    async def _change(self, name: str, move: Move, values: dict[str, Any], *, event: str,
                      actor_id: int | None, message: str,
                      files: Sequence[tuple[str, str, bytes]] = (),
                      connection: Connection | None = None) -> JobRecord | None:
        values = {**values, "target": move.target, "sources": move.source_values,
                  "event": event, "actor_id": actor_id, "message": message}
        if not files:
            return await self._record(name, values, connection)
        if connection is not None:
            return await self._with_files(name, values, files, connection)
        async with in_transaction() as conn:
            return await self._with_files(name, values, files, conn)

    async def _with_files(self, name: str, values: dict[str, Any],
                          files: Sequence[tuple[str, str, bytes]],
                          connection: Connection) -> JobRecord | None:
        record = await self._record(name, values, connection)
        if record is not None:
            for file_name, content_type, content in files:
                await self._rows("INSERT_FILE", {
                    "job_id": record.id, "name": file_name, "content_type": content_type,
                    "size": len(content), "content": content, "at": values["at"],
                }, connection)
        return record

    async def claim_many(self, job_ids: Sequence[int], *, worker: str, now: datetime,
                         lease_until: datetime) -> dict[int, JobRecord]:
        if not job_ids:
            return {}
        rows = await self._rows("CLAIM_MANY", {
            "job_ids": list(job_ids), "now": now, "lease_until": lease_until,
            "worker": worker, "target": base.CLAIM.target, "sources": base.CLAIM.source_values,
            "event": "RUNNING", "actor_id": None,
            "message": f"attempt {base.ATTEMPT_PLACEHOLDER} on {worker}",
        })
        records = (JobRecord.from_row(row) for row in rows)
        return {record.id: record for record in records}

    async def progress_many(self, reports: Sequence[ProgressReport]) -> dict[int, Progress]:
        rows = await self._rows("PROGRESS_MANY", {
            "job_ids": [r.job_id for r in reports], "attempts": [r.attempt for r in reports],
            "fractions": [r.fraction for r in reports],
            "messages": [r.message for r in reports]})
        stored = {row["id"]: Progress(row["version"]) for row in rows}
        missing = [r for r in reports if r.job_id not in stored]
        if missing:  # why not: a cancel waiting, or no longer this attempt's
            states = {row["id"]: row for row in await self._rows(
                "ATTEMPTS", {"job_ids": [r.job_id for r in missing]})}
            for r in missing:
                state = states.get(r.job_id)
                stored[r.job_id] = (Progress(None, JobStatus(state["status"]))
                                    if state is not None and state["attempt"] == r.attempt
                                    else Progress(None))
        return stored

    async def complete_many(self, completions: Sequence[Completion]) -> dict[int, JobRecord]:
        if not completions:
            return {}
        rows = await self._rows("COMPLETE_MANY", {
            "job_ids": [c.job_id for c in completions],
            "attempts": [c.attempt for c in completions],
            "results": [c.result for c in completions],
            "ats": [c.at for c in completions],
            "target": base.COMPLETE.target, "sources": base.COMPLETE.source_values,
            "event": "COMPLETED", "actor_id": None, "message": "",
        })
        records = (JobRecord.from_row(row) for row in rows)
        return {record.id: record for record in records}

    async def renew_leases(self, attempts: Mapping[int, int], until: datetime) -> None:
        if attempts:
            await self._rows("RENEW_LEASES", {"job_ids": list(attempts),
                                              "attempts": list(attempts.values()),
                                              "until": until, "statuses": LEASED_STATUSES})

    async def insert_many(self, jobs: Sequence[NewJob]) -> list[JobRecord]:
        if not jobs:
            return []
        rows = await self._rows("INSERT_MANY", {
            "types": [j.type for j in jobs], "features": [j.feature for j in jobs],
            "params": [j.params for j in jobs], "settings": [j.settings for j in jobs],
            "user_ids": [j.user_id for j in jobs],
            "submitted_ats": [j.submitted_at for j in jobs],
            "start_ats": [j.start_at for j in jobs],
            "resubmitted_from_ids": [j.resubmitted_from_id for j in jobs],
            "enqueued_ats": [j.enqueued_at for j in jobs],
            "progress_messages": [j.progress_message for j in jobs],
            "scopes": [j.scope for j in jobs], "subjects": [j.subject for j in jobs],
            "refs": [j.refs for j in jobs], "search_texts": [j.search_text for j in jobs],
            "messages": [j.event_message for j in jobs],
        })
        if len(rows) != len(jobs):
            raise RuntimeError(f"{len(jobs)} jobs inserted, {len(rows)} read back")
        return [JobRecord.from_row(row) for row in rows]

    async def delete(self, record: JobRecord, *, actor_id: int | None, message: str) -> bool:
        return bool(await self._rows("DELETE", self._delete_values(record, actor_id, message)))

    async def purge(self, job_ids: Iterable[int]) -> list[JobRecord]:
        rows = await self._rows("PURGE", self._purge_values(job_ids))
        return [JobRecord.from_row(row) for row in rows]
