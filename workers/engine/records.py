"""Immutable snapshots of jobs, as the API, events and subscriptions see them.

A :class:`JobRecord` is built from a row (:meth:`JobRecord.from_model`) and travels as JSON
in events (:meth:`to_json` / :meth:`from_json`), so a subscriber renders a job from the
event alone, without a database read per subscriber.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from datetime import UTC, datetime
from typing import Any, TypedDict

from workers.engine.models import Job
from workers.engine.status import JobStatus


class FileInfo(TypedDict):
    """A result file's description, stored in the job's ``result``."""

    name: str
    contentType: str
    size: int


@dataclass(frozen=True)
class JobRecord:
    """One job as it was at one moment."""

    id: int
    type: str
    feature: str
    params: dict[str, Any]
    settings: dict[str, Any]
    user_id: int
    username: str
    status: JobStatus
    submitted_at: datetime
    start_at: datetime | None = None
    started_at: datetime | None = None
    finished_at: datetime | None = None
    progress: float = 0.0
    progress_message: str = ""
    result: dict[str, Any] | None = None
    error: str | None = None
    resubmitted_from_id: int | None = None
    attempt: int = 0
    files: list[FileInfo] = field(default_factory=list)
    #: What the job works on (e.g. ``level:42``); jobs of one scope run one at a time.
    scope: str | None = None
    #: What the job is about, for people (see ``JobType.describe``).
    subject: str = ""
    #: The records it names by kind and id, e.g. ``{"level": 2}``.
    refs: dict[str, int] = field(default_factory=dict)
    #: The row's version: increases with every write of it (see ``Job.version``).
    version: int = 1

    @classmethod
    def from_model(cls, job: Job, username: str) -> JobRecord:
        """Snapshot a row; ``username`` is the submitting user's (joined by the caller)."""
        result = job.result
        files: list[FileInfo] = list(result.get("files", [])) if result else []
        return cls(
            id=job.id,
            type=job.type,
            feature=job.feature,
            params=job.params or {},
            settings=job.settings or {},
            user_id=job.user_id,
            username=username,
            status=JobStatus(job.status),
            submitted_at=job.submitted_at,
            start_at=job.start_at,
            started_at=job.started_at,
            finished_at=job.finished_at,
            progress=job.progress,
            progress_message=job.progress_message,
            result=result,
            error=job.error,
            resubmitted_from_id=job.resubmitted_from_id,
            attempt=job.attempt,
            files=files,
            scope=job.scope,
            subject=job.subject or "",
            refs=job.refs or {},
            version=job.version,
        )

    @classmethod
    def from_row(cls, row: Mapping[str, Any]) -> JobRecord:
        """Snapshot a ``jp_job`` row read with SQL, with the submitter's name as
        ``username__`` (JSON may come as text and times as ISO text, as SQLite gives them).
        """
        result = _json(row["result"])
        files: list[FileInfo] = list(result.get("files", [])) if result else []
        return cls(
            id=row["id"],
            type=row["type"],
            feature=row["feature"],
            params=_json(row["params"]) or {},
            settings=_json(row["settings"]) or {},
            user_id=row["user_id"],
            username=row["username__"],
            status=JobStatus(row["status"]),
            submitted_at=_time(row["submitted_at"]),
            start_at=_time(row["start_at"]),
            started_at=_time(row["started_at"]),
            finished_at=_time(row["finished_at"]),
            progress=float(row["progress"]),
            progress_message=row["progress_message"],
            result=result,
            error=row["error"],
            resubmitted_from_id=row["resubmitted_from_id"],
            attempt=row["attempt"],
            files=files,
            scope=row["scope"],
            subject=row["subject"] or "",
            refs=_json(row["refs"]) or {},
            version=row["version"],
        )

    def evolve(self, **changes: Any) -> JobRecord:
        """A copy with some fields changed."""
        return replace(self, **changes)

    def to_json(self) -> dict[str, Any]:
        """A JSON-safe dict (datetimes as ISO strings)."""
        # Shallow on purpose (``asdict`` deep-copies every nested value): the result is
        # serialised at once and never mutated. This runs for every published event.
        data = {name: getattr(self, name) for name in _FIELD_NAMES}
        data["status"] = self.status.value
        for key in _TIME_FIELDS:
            value = data[key]
            data[key] = value.isoformat() if value is not None else None
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> JobRecord:
        """The inverse of :meth:`to_json`."""
        values = dict(data)
        values["status"] = JobStatus(values["status"])
        for key in _TIME_FIELDS:
            if values.get(key) is not None:
                values[key] = datetime.fromisoformat(values[key])
        return cls(**values)


def _json(value: Any) -> Any:
    return json.loads(value) if isinstance(value, str | bytes) else value


def _time(value: Any) -> Any:
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    if isinstance(value, datetime) and value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value


_FIELD_NAMES = tuple(f.name for f in fields(JobRecord))
_TIME_FIELDS = ("submitted_at", "start_at", "started_at", "finished_at")
