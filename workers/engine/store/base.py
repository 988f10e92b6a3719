"""What the job store promises: the one interface through which a job row changes.

Every write of a job row — creating it, a status change, progress, a lease, the broker
bookkeeping, deleting it — is a method of :class:`JobStore`. Each status change is a
*guarded* update, ``UPDATE … WHERE id = ? AND status IN (…)`` (and, for a worker's
writes, ``AND attempt = ?``), whose row count decides who won: of two callers racing for
one change exactly one gets the job back, the other ``None``. The statuses a change may
start from are taken from :data:`workers.engine.status.TRANSITIONS` (see :class:`Move`),
never written at the call site. Each write increments the row's ``version`` in the same
statement, and each status change writes its audit event in the same transaction.

Two implementations: :mod:`workers.engine.store.postgres` and
:mod:`workers.engine.store.sqlite`; their SQL stands in one file per database.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Protocol

from tortoise.backends.base.client import BaseDBAsyncClient

from workers.engine.records import JobRecord
from workers.engine.status import JobStatus, sources_of

#: A database connection (or transaction) a write may join: the caller's own transaction.
Connection = BaseDBAsyncClient

#: ``{attempt}`` in an audit message becomes the attempt number the change left the job at.
ATTEMPT_PLACEHOLDER = "{attempt}"


class TransitionNotAllowedError(ValueError):
    """A store method was defined with a status change :data:`TRANSITIONS` does not allow.

    Raised when the store module is imported, so a wrong edit never reaches a database.
    """


@dataclass(frozen=True)
class Move:
    """One kind of status change: to ``target``, from some of the statuses allowed to reach it.

    ``sources`` defaults to every status :data:`TRANSITIONS` allows to reach ``target``;
    a narrower set may be given (a worker completes only a ``RUNNING`` job), a wider one
    is refused.

    Raises:
        TransitionNotAllowedError: a source that may not reach ``target``.
    """

    target: JobStatus
    sources: frozenset[JobStatus] = frozenset()

    def __post_init__(self) -> None:
        allowed = sources_of(self.target)
        sources = self.sources or allowed
        illegal = sources - allowed
        if illegal or not sources:
            raise TransitionNotAllowedError(
                f"{', '.join(sorted(illegal)) or 'nothing'} may not become {self.target}"
            )
        object.__setattr__(self, "sources", frozenset(sources))

    @property
    def source_values(self) -> list[str]:
        """The guard's statuses as stored (sorted, so statements are stable)."""
        return sorted(status.value for status in self.sources)


#: The status changes the store makes; every one is checked against TRANSITIONS at import.
CLAIM = Move(JobStatus.RUNNING, frozenset({JobStatus.SUBMITTED}))
#: A worker completes only a job still ``RUNNING``: a cancel requested before the
#: completion commits wins, and the worker then ends the job ``CANCELLED``.
COMPLETE = Move(JobStatus.COMPLETED, frozenset({JobStatus.RUNNING}))
FAIL = Move(JobStatus.FAILED, frozenset({JobStatus.RUNNING, JobStatus.CANCELLING}))
#: The reaper fails a lost job only while ``RUNNING`` (a lost ``CANCELLING`` job is cancelled).
FAIL_LOST = Move(JobStatus.FAILED, frozenset({JobStatus.RUNNING}))
WITHDRAW = Move(JobStatus.CANCELLED, frozenset({JobStatus.SUBMITTED}))
REQUEST_CANCEL = Move(JobStatus.CANCELLING, frozenset({JobStatus.RUNNING}))
FINISH_CANCELLED = Move(JobStatus.CANCELLED, frozenset({JobStatus.CANCELLING}))
#: Back to waiting: a closing worker's release, or the reaper's retry of a lost job.
REQUEUE = Move(JobStatus.SUBMITTED, frozenset({JobStatus.RUNNING}))

MOVES: tuple[Move, ...] = (
    CLAIM, COMPLETE, FAIL, FAIL_LOST, WITHDRAW, REQUEST_CANCEL, FINISH_CANCELLED, REQUEUE,
)


@dataclass(frozen=True)
class NewJob:
    """The values of a job about to be stored (it starts ``SUBMITTED``, version 1)."""

    type: str
    feature: str
    params: dict[str, Any]
    settings: dict[str, Any]
    user_id: int
    submitted_at: datetime
    start_at: datetime | None = None
    resubmitted_from_id: int | None = None
    #: When its message went to the broker (``None``: not sent yet).
    enqueued_at: datetime | None = None
    progress_message: str = ""
    scope: str | None = None
    subject: str = ""
    refs: dict[str, int] = field(default_factory=dict)
    search_text: str = ""
    #: The message of its ``SUBMITTED`` audit event.
    event_message: str = ""


@dataclass(frozen=True)
class Completion:
    """One job's completion, as the completer hands it to the store in a batch."""

    job_id: int
    attempt: int
    result: dict[str, Any]
    at: datetime


@dataclass(frozen=True)
class ProgressReport:
    """One running job's progress, as the progress writer hands it to the store in a batch."""

    job_id: int
    attempt: int
    fraction: float
    message: str


@dataclass(frozen=True)
class Progress:
    """What became of a progress report (see :meth:`JobStore.progress`)."""

    #: The version the report left the job at; ``None`` when it was not stored.
    version: int | None
    #: The job's status when the report was not stored (``None``: gone or not this attempt).
    status: JobStatus | None = None


class JobStore(Protocol):
    """Every write of a job row, and the reads the writers need.

    The status-change methods return the job as the change left it, or ``None`` when
    the guard did not hold: someone else won, the job is gone, or it is not in a status
    the change may start from. Nothing is published: the caller publishes after commit.
    """

    # ----------------------------------------------------------------------- reading

    async def load(self, job_id: int, *, connection: Connection | None = None
                   ) -> JobRecord | None:
        """The job as stored now, or ``None`` when there is no such job."""
        ...

    async def lease_states(self, attempts: Mapping[int, int]) -> dict[int, tuple[int, JobStatus]]:
        """``{job_id: (attempt, status)}`` of those of the jobs that exist."""
        ...

    # ----------------------------------------------------------------------- creating

    async def insert(self, job: NewJob) -> JobRecord:
        """Store a new ``SUBMITTED`` job with its audit event and submitter, atomically
        (and, for a copy, the ``RESUBMITTED`` event on its original)."""
        ...

    async def insert_many(self, jobs: Sequence[NewJob]) -> list[JobRecord]:
        """:meth:`insert` for many jobs at once, atomically: one statement on PostgreSQL,
        one transaction on SQLite. The stored jobs in the order given."""
        ...

    async def log_event(self, job_id: int, kind: str, *, actor_id: int | None, message: str,
                        at: datetime, job_type: str) -> None:
        """Add an audit event to a job that does not change its row (``RESUBMITTED``)."""
        ...

    # ----------------------------------------------------------------------- status changes

    async def claim(self, job_id: int, *, worker: str, now: datetime,
                    lease_until: datetime) -> JobRecord | None:
        """``SUBMITTED`` → ``RUNNING`` if due, as a new attempt.

        Raises:
            tortoise.exceptions.IntegrityError: another job of its scope holds the scope.
        """
        ...

    async def claim_many(self, job_ids: Sequence[int], *, worker: str, now: datetime,
                         lease_until: datetime) -> dict[int, JobRecord]:
        """:meth:`claim` for many jobs at once (one statement on PostgreSQL, each in turn
        on SQLite); ``{job_id: job}`` of those claimed. Each job may appear once.

        Raises:
            tortoise.exceptions.IntegrityError: two of them, or one of them and a running
                job, share a scope (nothing was claimed then: claim them one by one).
        """
        ...

    async def complete(self, job_id: int, attempt: int, *, result: dict[str, Any],
                       files: Sequence[tuple[str, str, bytes]], at: datetime,
                       connection: Connection | None = None) -> JobRecord | None:
        """``RUNNING`` → ``COMPLETED`` with its result and files, for this attempt only.

        With ``connection`` the change joins the caller's transaction.
        """
        ...

    async def complete_many(self, completions: Sequence[Completion]) -> dict[int, JobRecord]:
        """:meth:`complete` (without files) for many jobs at once, in one statement on
        PostgreSQL and one transaction on SQLite; ``{job_id: job}`` of those that won.

        Each job may appear once.
        """
        ...

    async def fail(self, job_id: int, attempt: int, *, error: str, at: datetime,
                   lease_expired_before: datetime | None = None) -> JobRecord | None:
        """``RUNNING``/``CANCELLING`` → ``FAILED`` for this attempt.

        With ``lease_expired_before`` (the reaper): only a ``RUNNING`` job whose lease
        expired before then.
        """
        ...

    async def withdraw(self, job_id: int, *, actor_id: int | None, reason: str,
                       at: datetime) -> JobRecord | None:
        """``SUBMITTED`` → ``CANCELLED``: a waiting job is withdrawn."""
        ...

    async def request_cancel(self, job_id: int, *, actor_id: int | None) -> JobRecord | None:
        """``RUNNING`` → ``CANCELLING``: the job stops at its next checkpoint."""
        ...

    async def finish_cancelled(self, job_id: int, attempt: int, *, message: str, at: datetime,
                               lease_expired_before: datetime | None = None
                               ) -> JobRecord | None:
        """``CANCELLING`` → ``CANCELLED`` for this attempt."""
        ...

    async def requeue(self, job_id: int, attempt: int, *, label: str, message: str,
                      enqueued_at: datetime | None,
                      lease_expired_before: datetime | None = None) -> JobRecord | None:
        """``RUNNING`` → ``SUBMITTED`` for another attempt (a release, or the reaper)."""
        ...

    # ----------------------------------------------------------------------- other writes

    async def progress(self, job_id: int, attempt: int, fraction: float,
                       message: str) -> Progress:
        """Store progress of this attempt while it is ``RUNNING``."""
        ...

    async def progress_many(self, reports: Sequence[ProgressReport]) -> dict[int, Progress]:
        """:meth:`progress` for many jobs at once (one statement, and one more for those
        not stored, on PostgreSQL; one transaction on SQLite). Each job may appear once.
        """
        ...

    async def note_waiting(self, job_id: int, message: str) -> int | None:
        """Set a waiting job's progress message; the new version, or ``None``."""
        ...

    async def renew_leases(self, attempts: Mapping[int, int], until: datetime) -> None:
        """Extend the leases of the jobs ``{job_id: attempt}`` that are still leased."""
        ...

    async def mark_sent(self, job_id: int, *, at: datetime,
                        unless_sent_since: datetime | None = None) -> bool:
        """Record that a waiting job's message goes out now; False when it is not waiting
        or (``unless_sent_since``) it was sent at or after that time."""
        ...

    async def mark_unsent(self, job_id: int) -> bool:
        """Record that a waiting job has no message behind it (the reconciler sends it)."""
        ...

    async def delete(self, record: JobRecord, *, actor_id: int | None,
                     message: str) -> bool:
        """Delete the job, with its files, if it is still exactly ``record`` (same version).

        ``record``'s status must be one of ``DELETABLE_STATUSES``. Writes a ``DELETED``
        audit event.
        """
        ...

    async def purge(self, job_ids: Iterable[int]) -> list[JobRecord]:
        """Retention cleanup: delete these jobs if finished, with their files and audit
        events; returns those deleted, as they were."""
        ...
