"""What both SQL stores share: named parameters, running statements, and the methods
whose logic does not depend on the database.

Statements are written with named parameters (``:job_id``); :class:`Statement` turns
them into the database's placeholders once (``$1`` for PostgreSQL, ``?`` for SQLite).
Everything goes through Tortoise's public connection API (``connections.get``,
``execute_query_dict``, ``in_transaction``), so the store joins the transactions of
code that uses the ORM.
"""

from __future__ import annotations

import json
import re
from abc import ABC, abstractmethod
from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime
from enum import Enum
from typing import Any, ClassVar, Literal

from tortoise import connections

from workers.engine.records import JobRecord
from workers.engine.status import DELETABLE_STATUSES, FINAL_STATUSES, JobStatus
from workers.engine.store import base
from workers.engine.store.base import (
    Completion,
    Connection,
    Move,
    NewJob,
    Progress,
    ProgressReport,
)

Dialect = Literal["postgres", "sqlite"]

_PARAMETER = re.compile(r"(?<![:\w]):([a-z_][a-z0-9_]*)")


class Statement:
    """One SQL statement with named parameters, compiled for one dialect."""

    __slots__ = ("names", "sql")

    def __init__(self, sql: str, dialect: Dialect) -> None:
        names: list[str] = []
        if dialect == "postgres":
            def number(match: re.Match[str]) -> str:
                name = match.group(1)
                if name not in names:
                    names.append(name)
                return f"${names.index(name) + 1}"

            self.sql = _PARAMETER.sub(number, sql)
        else:
            def mark(match: re.Match[str]) -> str:
                names.append(match.group(1))
                return "?"

            self.sql = _PARAMETER.sub(mark, sql)
        self.names = tuple(names)

    def bind(self, values: Mapping[str, Any], encode_list: Any) -> list[Any]:
        """The parameter list for ``values`` (JSON and lists encoded for the database).

        Raises:
            KeyError: a parameter the statement names is missing.
        """
        return [_encode(values[name], encode_list) for name in self.names]


def _encode(value: Any, encode_list: Any) -> Any:
    if isinstance(value, dict):
        return json.dumps(value)
    if isinstance(value, list | tuple | frozenset | set):
        return encode_list([_encode(item, encode_list) for item in value])
    if isinstance(value, Enum):
        return value.value
    return value


class SqlJobStore(ABC):
    """:class:`workers.engine.store.base.JobStore` over SQL; subclasses give the statements
    (a module of named SQL strings) and the parts done differently per database."""

    dialect: ClassVar[Dialect]
    #: Statement name → SQL with named parameters.
    statements: ClassVar[Mapping[str, str]]

    def __init__(self) -> None:
        self._compiled = {name: Statement(sql, self.dialect)
                          for name, sql in self.statements.items()}

    # ----------------------------------------------------------------------- plumbing

    @staticmethod
    def encode_list(values: list[Any]) -> Any:
        """A list parameter as the database takes it."""
        return values

    def _connection(self, connection: Connection | None) -> Connection:
        return connection if connection is not None else connections.get("default")

    async def _rows(self, name: str, values: Mapping[str, Any],
                    connection: Connection | None = None) -> list[dict[str, Any]]:
        statement = self._compiled[name]
        rows = await self._connection(connection).execute_query_dict(
            statement.sql, statement.bind(values, self.encode_list)
        )
        return [dict(row) for row in rows]

    async def _record(self, name: str, values: Mapping[str, Any],
                      connection: Connection | None = None) -> JobRecord | None:
        rows = await self._rows(name, values, connection)
        return JobRecord.from_row(rows[0]) if rows else None

    @abstractmethod
    async def _change(self, name: str, move: Move, values: dict[str, Any], *, event: str,
                      actor_id: int | None, message: str,
                      files: Sequence[tuple[str, str, bytes]] = (),
                      connection: Connection | None = None) -> JobRecord | None:
        """Run the guarded update ``name`` with its audit event (and files); the snapshot."""

    # ----------------------------------------------------------------------- reading

    async def load(self, job_id: int, *, connection: Connection | None = None
                   ) -> JobRecord | None:
        return await self._record("LOAD", {"job_id": job_id}, connection)

    async def lease_states(self, attempts: Mapping[int, int]) -> dict[int, tuple[int, JobStatus]]:
        if not attempts:
            return {}
        rows = await self._rows("ATTEMPTS", {"job_ids": list(attempts)})
        return {row["id"]: (row["attempt"], JobStatus(row["status"])) for row in rows}

    # ----------------------------------------------------------------------- status changes

    async def claim(self, job_id: int, *, worker: str, now: datetime,
                    lease_until: datetime) -> JobRecord | None:
        return await self._change(
            "CLAIM", base.CLAIM,
            {"job_id": job_id, "now": now, "lease_until": lease_until, "worker": worker},
            event="RUNNING", actor_id=None,
            message=f"attempt {base.ATTEMPT_PLACEHOLDER} on {worker}",
        )

    async def complete(self, job_id: int, attempt: int, *, result: dict[str, Any],
                       files: Sequence[tuple[str, str, bytes]], at: datetime,
                       connection: Connection | None = None) -> JobRecord | None:
        return await self._change(
            "COMPLETE", base.COMPLETE,
            {"job_id": job_id, "attempt": attempt, "at": at, "result": result},
            event="COMPLETED", actor_id=None, message="", files=files, connection=connection,
        )

    @abstractmethod
    async def complete_many(self, completions: Sequence[Completion]) -> dict[int, JobRecord]:
        ...

    async def fail(self, job_id: int, attempt: int, *, error: str, at: datetime,
                   lease_expired_before: datetime | None = None) -> JobRecord | None:
        move = base.FAIL if lease_expired_before is None else base.FAIL_LOST
        return await self._finish(job_id, move, attempt=attempt, at=at, error=error,
                                  label="Failed", message=error,
                                  lease_expired_before=lease_expired_before)

    async def withdraw(self, job_id: int, *, actor_id: int | None, reason: str,
                       at: datetime) -> JobRecord | None:
        return await self._finish(job_id, base.WITHDRAW, attempt=None, at=at, error=None,
                                  label="Cancelled", message=reason, actor_id=actor_id)

    async def finish_cancelled(self, job_id: int, attempt: int, *, message: str, at: datetime,
                               lease_expired_before: datetime | None = None
                               ) -> JobRecord | None:
        return await self._finish(job_id, base.FINISH_CANCELLED, attempt=attempt, at=at,
                                  error=None, label="Cancelled", message=message,
                                  lease_expired_before=lease_expired_before)

    async def _finish(self, job_id: int, move: Move, *, attempt: int | None, at: datetime,
                      error: str | None, label: str, message: str,
                      actor_id: int | None = None,
                      lease_expired_before: datetime | None = None) -> JobRecord | None:
        return await self._change(
            "FINISH", move,
            {"job_id": job_id, "attempt": attempt, "at": at, "error": error, "label": label,
             "expired_before": lease_expired_before},
            event=move.target.value, actor_id=actor_id, message=message,
        )

    async def request_cancel(self, job_id: int, *, actor_id: int | None) -> JobRecord | None:
        return await self._change(
            "REQUEST_CANCEL", base.REQUEST_CANCEL, {"job_id": job_id},
            event="CANCELLING", actor_id=actor_id, message="cancel requested while running",
        )

    async def requeue(self, job_id: int, attempt: int, *, label: str, message: str,
                      enqueued_at: datetime | None,
                      lease_expired_before: datetime | None = None) -> JobRecord | None:
        return await self._change(
            "REQUEUE", base.REQUEUE,
            {"job_id": job_id, "attempt": attempt, "label": label, "enqueued_at": enqueued_at,
             "expired_before": lease_expired_before},
            event="SUBMITTED", actor_id=None, message=message,
        )

    # ----------------------------------------------------------------------- other writes

    async def progress(self, job_id: int, attempt: int, fraction: float,
                       message: str) -> Progress:
        return await self._progress(ProgressReport(job_id, attempt, fraction, message), None)

    async def _progress(self, r: ProgressReport, connection: Connection | None) -> Progress:
        """One progress report, alone (and what became of it when it was not stored)."""
        rows = await self._rows("PROGRESS", {"job_id": r.job_id, "attempt": r.attempt,
                                             "fraction": r.fraction, "message": r.message},
                                connection)
        if rows:
            return Progress(rows[0]["version"])
        rows = await self._rows("ATTEMPTS", {"job_ids": [r.job_id]}, connection)
        if rows and rows[0]["attempt"] == r.attempt:
            return Progress(None, JobStatus(rows[0]["status"]))
        return Progress(None)

    async def note_waiting(self, job_id: int, message: str) -> int | None:
        rows = await self._rows("NOTE_WAITING", {"job_id": job_id, "message": message})
        return rows[0]["version"] if rows else None

    @abstractmethod
    async def renew_leases(self, attempts: Mapping[int, int], until: datetime) -> None: ...

    async def mark_sent(self, job_id: int, *, at: datetime,
                        unless_sent_since: datetime | None = None) -> bool:
        rows = await self._rows("MARK_SENT", {"job_id": job_id, "at": at,
                                              "since": unless_sent_since})
        return bool(rows)

    async def mark_unsent(self, job_id: int) -> bool:
        return bool(await self._rows("MARK_UNSENT", {"job_id": job_id}))

    async def log_event(self, job_id: int, kind: str, *, actor_id: int | None, message: str,
                        at: datetime, job_type: str) -> None:
        await self._rows("LOG_EVENT", {"job_id": job_id, "kind": kind, "actor_id": actor_id,
                                       "message": message, "at": at, "job_type": job_type})

    # ----------------------------------------------------------------------- creating, deleting

    @staticmethod
    def _new_values(job: NewJob) -> dict[str, Any]:
        return {
            "type": job.type, "feature": job.feature, "params": job.params,
            "settings": job.settings, "user_id": job.user_id,
            "submitted_at": job.submitted_at, "start_at": job.start_at,
            "resubmitted_from_id": job.resubmitted_from_id, "enqueued_at": job.enqueued_at,
            "progress_message": job.progress_message, "scope": job.scope,
            "subject": job.subject, "refs": job.refs, "search_text": job.search_text,
            "message": job.event_message,
        }

    async def insert(self, job: NewJob) -> JobRecord:
        (record,) = await self.insert_many([job])
        return record

    @abstractmethod
    async def insert_many(self, jobs: Sequence[NewJob]) -> list[JobRecord]: ...

    @staticmethod
    def _delete_values(record: JobRecord, actor_id: int | None, message: str) -> dict[str, Any]:
        if record.status not in DELETABLE_STATUSES:
            raise ValueError(f"a {record.status} job may not be deleted")
        return {"job_id": record.id, "version": record.version, "status": record.status,
                "actor_id": actor_id, "message": message}

    @abstractmethod
    async def delete(self, record: JobRecord, *, actor_id: int | None, message: str) -> bool: ...

    @staticmethod
    def _purge_values(job_ids: Iterable[int]) -> dict[str, Any]:
        return {"job_ids": list(job_ids), "statuses": FINAL_STATUSES}

    @abstractmethod
    async def purge(self, job_ids: Iterable[int]) -> list[JobRecord]: ...
