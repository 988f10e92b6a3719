"""The job store on SQLite: each change one short transaction (see :mod:`.sqlite_sql`).

SQLite has one writer; Tortoise's SQLite client holds one connection behind a lock for
the whole transaction, so the row is not changed by anyone else between the guarded
update and its audit event, which is stamped after the update.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from datetime import UTC, datetime
from typing import Any

from tortoise.transactions import in_transaction

from workers.engine.records import JobRecord
from workers.engine.status import LEASED_STATUSES
from workers.engine.store import base
from workers.engine.store._sql import SqlJobStore
from workers.engine.store.base import (
    ATTEMPT_PLACEHOLDER,
    Completion,
    Connection,
    Move,
    NewJob,
    Progress,
    ProgressReport,
)
from workers.engine.store.sqlite_sql import STATEMENTS


class SqliteJobStore(SqlJobStore):
    """:class:`workers.engine.store.base.JobStore` for SQLite."""

    dialect = "sqlite"
    statements = STATEMENTS

    @staticmethod
    def encode_list(values: list[Any]) -> Any:
        return json.dumps(values)

    async def _change(self, name: str, move: Move, values: dict[str, Any], *, event: str,
                      actor_id: int | None, message: str,
                      files: Sequence[tuple[str, str, bytes]] = (),
                      connection: Connection | None = None) -> JobRecord | None:
        values = {**values, "target": move.target, "sources": move.source_values}

        async def apply(conn: Connection) -> JobRecord | None:
            if not await self._rows(name, values, conn):
                return None
            record = await self.load(values["job_id"], connection=conn)
            assert record is not None
            await self._log(conn, record.id, event, actor_id,
                            message.replace(ATTEMPT_PLACEHOLDER, str(record.attempt)),
                            record.type)
            for file_name, content_type, content in files:
                await self._rows("INSERT_FILE", {
                    "job_id": record.id, "name": file_name, "content_type": content_type,
                    "size": len(content), "content": content, "at": values["at"],
                }, conn)
            return record

        if connection is not None:
            return await apply(connection)
        async with in_transaction() as conn:
            return await apply(conn)

    async def claim_many(self, job_ids: Sequence[int], *, worker: str, now: datetime,
                         lease_until: datetime) -> dict[int, JobRecord]:
        # Each in turn in one transaction (one commit): a scope conflict undoes them all,
        # as the one statement on PostgreSQL would, and the caller claims one by one.
        done: dict[int, JobRecord] = {}
        message = f"attempt {ATTEMPT_PLACEHOLDER} on {worker}"
        async with in_transaction() as conn:
            for job_id in job_ids:
                record = await self._change(
                    "CLAIM", base.CLAIM,
                    {"job_id": job_id, "now": now, "lease_until": lease_until,
                     "worker": worker},
                    event="RUNNING", actor_id=None, message=message, connection=conn)
                if record is not None:
                    done[job_id] = record
        return done

    async def progress_many(self, reports: Sequence[ProgressReport]) -> dict[int, Progress]:
        done: dict[int, Progress] = {}
        async with in_transaction() as conn:  # each in turn, one commit for the batch
            for r in reports:
                done[r.job_id] = await self._progress(r, conn)
        return done

    async def complete_many(self, completions: Sequence[Completion]) -> dict[int, JobRecord]:
        done: dict[int, JobRecord] = {}
        if not completions:
            return done
        async with in_transaction() as conn:  # one commit for the batch
            for c in completions:
                record = await self.complete(c.job_id, c.attempt, result=c.result, files=(),
                                             at=c.at, connection=conn)
                if record is not None:
                    done[record.id] = record
        return done

    async def renew_leases(self, attempts: Mapping[int, int], until: datetime) -> None:
        if not attempts:
            return
        async with in_transaction() as conn:  # one commit for all of them
            for job_id, attempt in attempts.items():
                await self._rows("RENEW_LEASE", {"job_id": job_id, "attempt": attempt,
                                                 "until": until, "statuses": LEASED_STATUSES},
                                 conn)

    async def _log(self, conn: Connection, job_id: int, kind: str, actor_id: int | None,
                   message: str, job_type: str, at: datetime | None = None) -> None:
        # Stamped after the change: a change that waited for this one is stamped later.
        await self._rows("LOG_EVENT", {
            "job_id": job_id, "kind": kind, "actor_id": actor_id, "message": message,
            "at": at or datetime.now(UTC), "job_type": job_type,
        }, conn)

    async def insert_many(self, jobs: Sequence[NewJob]) -> list[JobRecord]:
        if not jobs:
            return []
        records = []
        async with in_transaction() as conn:  # one commit for the batch
            for job in jobs:
                rows = await self._rows("INSERT", self._new_values(job), conn)
                job_id = rows[0]["id"]
                await self._log(conn, job_id, "SUBMITTED", job.user_id, job.event_message,
                                job.type, at=job.submitted_at)
                if job.resubmitted_from_id is not None:
                    await self._log(conn, job.resubmitted_from_id, "RESUBMITTED",
                                    job.user_id, "a copy was submitted", job.type,
                                    at=job.submitted_at)
                await self._rows("ADD_SUBMITTER", {"type": job.type, "user_id": job.user_id},
                                 conn)
                record = await self.load(job_id, connection=conn)
                assert record is not None
                records.append(record)
        return records

    async def delete(self, record: JobRecord, *, actor_id: int | None, message: str) -> bool:
        values = self._delete_values(record, actor_id, message)
        async with in_transaction() as conn:
            if not await self._rows("DELETE", values, conn):
                return False
            await self._rows("DELETE_FILES", {"job_ids": [record.id]}, conn)
            # The event refers to the job by id and keeps its type and owner itself.
            await self._rows("LOG_EVENT_OF_GONE", {
                "job_id": record.id, "kind": "DELETED", "actor_id": actor_id,
                "message": message, "at": datetime.now(UTC), "job_type": record.type,
                "job_owner_id": record.user_id,
            }, conn)
        return True

    async def purge(self, job_ids: Iterable[int]) -> list[JobRecord]:
        values = self._purge_values(job_ids)
        async with in_transaction() as conn:
            rows = await self._rows("FINISHED", values, conn)
            records = [JobRecord.from_row(row) for row in rows]
            gone = [row["id"] for row in await self._rows("PURGE", values, conn)]
            await self._rows("DELETE_FILES", {"job_ids": gone}, conn)
            await self._rows("DELETE_EVENTS", {"job_ids": gone}, conn)
        kept = set(gone)
        return [record for record in records if record.id in kept]
