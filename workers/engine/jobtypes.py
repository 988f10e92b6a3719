"""What a job type is, and the context a running job reports through.

A job type module declares typed parameters (a pydantic model), its feature path and an
async ``run``. ``run`` reports progress with ``await ctx.progress(0.4, "Assigning shifts")``,
calls ``await ctx.checkpoint()`` where stopping is safe, attaches files with
``ctx.add_file``, and returns a :class:`JobResult`. Data changes go inside
``async with ctx.transaction() as conn:`` so that they commit together with the job's
completion, or not at all.
"""

from __future__ import annotations

import asyncio
import contextlib
from abc import ABC, abstractmethod
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Annotated, Any, ClassVar, Generic, TypeVar

import pydantic
from pydantic.alias_generators import to_camel
from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.transactions import in_transaction

from workers.engine import lifecycle
from workers.engine.errors import (
    InvalidParamsError,
    JobCancelledError,
    JobLostError,
    JobReleasedError,
)
from workers.engine.records import JobRecord
from workers.engine.status import JobStatus

P = TypeVar("P", bound=pydantic.BaseModel)


class RecordReference:
    """Marks a parameter that names a stored record by its id (the API shows it as an ``ID``)."""

    def __repr__(self) -> str:
        return "RecordReference()"


#: A parameter naming a row by id: a whole number that fits the database's integer columns
#: (32-bit on PostgreSQL); the API offers it as a GraphQL ``ID``.
RecordId = Annotated[int, pydantic.Field(gt=0, le=2**31 - 1), RecordReference()]


class Params(pydantic.BaseModel):
    """Base of every job type's parameters: unknown fields are refused.

    This model is the one definition of a job type's parameters: the API derives its
    GraphQL input from it — names (camelCase), types, defaults and the ``description`` of
    each ``pydantic.Field`` — and submissions are validated by it.
    """

    model_config = pydantic.ConfigDict(
        extra="forbid", frozen=True, alias_generator=to_camel, populate_by_name=True
    )


@dataclass(frozen=True)
class Figure:
    """One number a job achieved, typed, for the page to show: ``coverage 71.0 → 93.2 %``.

    ``before`` is the value before the job ran, for numbers the job changed.
    """

    label: str
    value: float
    unit: str = ""
    before: float | None = None

    def as_dict(self) -> dict[str, Any]:
        return {"label": self.label, "value": self.value, "unit": self.unit,
                "before": self.before}


@dataclass
class JobResult:
    """What a job reports when it finishes.

    ``summary`` is the full sentence for people; ``headline`` the few words a list row
    has room for (``coverage 71 % → 93 %``, ``412 shifts generated``); ``figures`` the
    same numbers typed, for a client to lay out; ``data`` everything else, for programs.
    """

    summary: str
    data: dict[str, Any] = field(default_factory=dict)
    headline: str = ""
    figures: list[Figure] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {"summary": self.summary, "data": self.data, "headline": self.headline,
                "figures": [figure.as_dict() for figure in self.figures]}


@dataclass(frozen=True)
class JobSubject:
    """What one job is about, for people: its one-line description and the records it names.

    ``text`` is made from the parameters at submission (``Base level · December 2026 ·
    60 s``); ``refs`` names the records it works on by kind and id
    (``{"level": 2, "planningPeriod": 1}``), so that jobs can be found by them.
    """

    text: str = ""
    refs: dict[str, int] = field(default_factory=dict)


def category_of_feature(feature: str) -> str:
    """The product area of a feature path: its first step, in lower case.

    ``"Administration > Scheduling > Employees > Mass Update"`` → ``"administration"``.
    """
    return feature.split(">", 1)[0].strip().lower()


class JobType(ABC, Generic[P]):
    """A kind of job. Subclasses set the class attributes and implement :meth:`run`."""

    #: Stable identifier, e.g. ``"REPORT"``; stored in each job row.
    name: ClassVar[str]
    #: Breadcrumb of the product feature that starts it, e.g. ``"Monitoring > Reports"``.
    feature: ClassVar[str]
    #: The product area it belongs to, in lower case (``"scheduling"``, ``"monitoring"``,
    #: ``"administration"``): roles grant rights per area as well as per type. Defaults to
    #: the first step of ``feature``; set it only when that step is not the area.
    category: ClassVar[str] = ""
    #: One sentence for people choosing a job type.
    description: ClassVar[str]
    #: The job type's name for people, e.g. ``"Shift generation"``. Defaults to the last
    #: step of ``feature``.
    title: ClassVar[str] = ""
    #: The pydantic model of the parameters.
    params_model: type[P]

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if not cls.__dict__.get("category") and isinstance(cls.__dict__.get("feature"), str):
            cls.category = category_of_feature(cls.feature)
        if not cls.__dict__.get("title") and isinstance(cls.__dict__.get("feature"), str):
            cls.title = cls.feature.rsplit(">", 1)[-1].strip()

    def parse_params(self, raw: dict[str, Any]) -> P:
        """Validate raw parameters.

        Raises:
            InvalidParamsError: naming the first offending field.
        """
        try:
            return self.params_model.model_validate(raw)
        except pydantic.ValidationError as exc:
            first = exc.errors()[0]
            path = ".".join(str(part) for part in first.get("loc", ()))
            message = first.get("msg", "is invalid").removeprefix("Value error, ")
            raise InvalidParamsError(path, message) from exc

    async def validate(self, params: P) -> None:
        """Checks that need the database (does the team exist?); raise InvalidParamsError."""
        return None

    async def describe(self, params: P) -> JobSubject:
        """What a job with these (validated) parameters is about, in the planner's words.

        Called at submission, after :meth:`validate`; the text is stored with the job, so it
        still reads right after the records it names were renamed or deleted.
        """
        return JobSubject()

    def scope(self, params: P) -> str | None:
        """What the job works on, e.g. ``level:42`` (see :mod:`workers.engine.scopes`).

        Jobs of one scope never run at the same time; ``None`` (the default) means the
        job may run beside any other.
        """
        return None

    @abstractmethod
    async def run(self, ctx: JobContext, params: P) -> JobResult:
        """Do the work.

        Raises:
            JobFailedError: a failure the job's user should read (it becomes the error).
        """


class JobContext:
    """A running job's handle on the engine: progress, cancellation, files and its commit."""

    def __init__(self, record: JobRecord) -> None:
        self.record = record
        self.files: list[tuple[str, str, bytes]] = []
        self.completed = False
        #: Set when the job should stop at its next checkpoint; the flags say why.
        self._cancel = asyncio.Event()
        self._cancelled = False
        self._lost = False
        self._released = False

    @property
    def job_id(self) -> int:
        return self.record.id

    @property
    def cancel_requested(self) -> bool:
        """True once the job should stop: cancelled, lost, or its worker is shutting down."""
        return self._cancel.is_set()

    def request_cancel(self) -> None:
        """Called by the worker when the job turned ``CANCELLING``."""
        self._cancelled = True
        self._cancel.set()

    def mark_lost(self) -> None:
        """Called by the worker when the job's lease was taken back or the job is gone."""
        self._lost = True
        self._cancel.set()

    def request_release(self) -> None:
        """Called when this worker shuts down: hand the job back at its next checkpoint."""
        self._released = True
        self._cancel.set()

    async def checkpoint(self) -> None:
        """Stop here if the job should stop; otherwise return at once.

        Raises:
            JobLostError: this worker no longer owns the job.
            JobCancelledError: a cancel was requested.
            JobReleasedError: this worker is shutting down.
        """
        if self._cancel.is_set():
            if self._lost:
                raise JobLostError(f"job {self.job_id} is no longer owned by this worker")
            if self._cancelled:
                raise JobCancelledError(f"job {self.job_id} was cancelled")
            raise JobReleasedError(f"job {self.job_id} goes back: its worker shuts down")

    async def progress(self, fraction: float, message: str = "") -> None:
        """Report progress (0..1) with a short message, then act as a :meth:`checkpoint`."""
        await self.checkpoint()
        new = await lifecycle.report_progress(self.record, fraction, message)
        if new is None:
            self.mark_lost()
        elif new.status is JobStatus.CANCELLING:
            self.request_cancel()
        else:
            self.record = new
        await self.checkpoint()

    def add_file(self, name: str, content: bytes, content_type: str) -> None:
        """Attach a result file; stored with the job's completion."""
        self.files.append((name, content_type, content))

    @contextlib.asynccontextmanager
    async def transaction(self, result: JobResult) -> AsyncIterator[BaseDBAsyncClient]:
        """One transaction for the job's data changes *and* its completion.

        ``result`` is filled in by the caller inside the block (``result.summary = …``).
        If the job was cancelled before the commit, everything rolls back.

        Raises:
            JobCancelledError / JobLostError / JobReleasedError: at the commit, if the job
            should stop; its changes then roll back.
        """
        await self.checkpoint()
        async with in_transaction() as conn:
            yield conn
            await self.checkpoint()
            done = await lifecycle.complete(
                self.record, result.as_dict(), self.files, connection=conn
            )
            if not done:
                current = await lifecycle.load(self.job_id, conn)
                if current is not None and current.attempt == self.record.attempt and (
                    current.status is JobStatus.CANCELLING
                ):
                    raise JobCancelledError(f"job {self.job_id} was cancelled before its commit")
                raise JobLostError(f"job {self.job_id} is no longer owned by this worker")
        self.completed = True
        await lifecycle.published_after_commit(self.job_id)
