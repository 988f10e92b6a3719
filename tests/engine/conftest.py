"""Fixtures of the job-engine tests.

* ``engine_settings`` runs a test on SQLite and on PostgreSQL (behaviour that must hold on
  both); ``pg_engine_settings`` on PostgreSQL only.
* ``engine``: the lifecycle on a fresh database with **no workers**; broker messages are
  recorded (or refused) by a :class:`RecordingBroker`, so a test decides who does what.
* ``engine_services``: embedded services with in-process workers on the chosen database.
* ``test_job_types``: the test-only job types of :mod:`engine.testing_jobs`, registered
  for the test and removed after it.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import pytest

from workers.access.models import User
from workers.engine import db, lifecycle
from workers.engine.errors import JobStateError
from workers.engine.events import JobChange, LocalEventBus
from workers.engine.models import Job, JobEvent
from workers.engine.records import JobRecord
from workers.engine.registry import JOB_TYPES
from workers.engine.runtime import Runtime, set_runtime
from workers.engine.services import Services, open_services
from workers.engine.settings import Settings
from workers.engine.status import JobStatus
from workers.wfm.models import Employee

from .testing_jobs import RUNS, TEST_JOB_TYPES, WRITTEN

#: Connections PostgreSQL tests may use at once, so racing tasks really run concurrently.
PG_POOL = 20


def _on_postgres(settings: Settings, url: str) -> Settings:
    return settings.with_overrides(database_url_override=f"{url}?maxsize={PG_POOL}")


@pytest.fixture(params=["sqlite", "postgres"])
def engine_settings(request: pytest.FixtureRequest, settings: Settings) -> Settings:
    """Embedded settings on SQLite, then on PostgreSQL."""
    if request.param == "sqlite":
        return settings
    return _on_postgres(settings, request.getfixturevalue("pg_database"))


@pytest.fixture
def pg_engine_settings(settings: Settings, pg_database: str) -> Settings:
    """Embedded settings on PostgreSQL (for behaviour SQLite's single writer cannot show)."""
    return _on_postgres(settings, pg_database)


@dataclass
class RecordingBroker:
    """Stands in for Dramatiq: records each enqueue, or refuses while ``down``."""

    sent: list[tuple[int, int | None]] = field(default_factory=list)
    down: bool = False
    pending: int | None = 0

    def enqueue(self, job_id: int, delay_ms: int | None) -> None:
        if self.down:
            raise ConnectionError("broker is down")
        self.sent.append((job_id, delay_ms))

    def pending_count(self) -> int | None:
        return self.pending

    def sent_ids(self) -> list[int]:
        return [job_id for job_id, _ in self.sent]


@dataclass
class Engine:
    """The lifecycle wired to a recording broker and an in-process event bus."""

    settings: Settings
    bus: LocalEventBus
    broker: RecordingBroker


@pytest.fixture
async def engine(engine_settings: Settings) -> AsyncIterator[Engine]:
    """The lifecycle on a fresh database, with no workers running."""
    async with lifecycle_only(engine_settings) as eng:
        yield eng


@pytest.fixture
async def pg_engine(pg_engine_settings: Settings) -> AsyncIterator[Engine]:
    """:func:`engine` on PostgreSQL only."""
    async with lifecycle_only(pg_engine_settings) as eng:
        yield eng


class lifecycle_only:
    """``async with lifecycle_only(settings) as engine:`` — see :func:`engine`."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    async def __aenter__(self) -> Engine:
        await db.connect(self.settings)
        bus = LocalEventBus()
        await bus.start()
        broker = RecordingBroker()
        set_runtime(Runtime(settings=self.settings, bus=bus, enqueue=broker.enqueue,
                            pending_count=broker.pending_count))
        return Engine(self.settings, bus, broker)

    async def __aexit__(self, *exc: object) -> None:
        set_runtime(None)
        await db.disconnect()


@pytest.fixture
async def engine_services(engine_settings: Settings) -> AsyncIterator[Services]:
    """Embedded services with in-process workers, on SQLite then PostgreSQL."""
    async with embedded_services(engine_settings) as svc:
        yield svc


@pytest.fixture
async def pg_services(pg_engine_settings: Settings) -> AsyncIterator[Services]:
    """Embedded services with in-process workers, on PostgreSQL only."""
    async with embedded_services(pg_engine_settings) as svc:
        yield svc


class embedded_services:
    """Open services; on exit cancel what still runs, so no job outlives its database."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.services: Services | None = None

    async def __aenter__(self) -> Services:
        self.services = await open_services(self.settings)
        return self.services

    async def __aexit__(self, *exc: object) -> None:
        assert self.services is not None
        try:
            rows = await Job.filter(status__in=[JobStatus.RUNNING, JobStatus.CANCELLING]
                                    ).values_list("id")
            active = [job_id for (job_id,) in rows]
            for job_id in active:
                with contextlib.suppress(JobStateError):  # it finished meanwhile
                    await lifecycle.cancel(job_id, None)
            for job_id in active:
                await wait_for_status(job_id, *FINAL, timeout=5)
        finally:
            await self.services.close()


@pytest.fixture
def test_job_types() -> Iterator[None]:
    """Register the test-only job types for one test (their run counters start empty)."""
    RUNS.clear()
    WRITTEN.clear()
    with JOB_TYPES.registered(*TEST_JOB_TYPES):
        yield


# --------------------------------------------------------------------------- helpers

FINAL = (JobStatus.COMPLETED, JobStatus.FAILED, JobStatus.CANCELLED)


async def maintenance_passes(services: Services, count: int) -> None:
    """Wait until the embedded maintenance loop has made ``count`` more passes."""
    assert services.maintenance is not None, "these services run no maintenance"
    await asyncio.wait_for(services.maintenance.wait_passes(count), timeout=60)

SubmittedJobFactory = Callable[..., Awaitable[JobRecord]]
#: ``tests/conftest.py``'s ``user_factory`` and ``employee_factory``.
UserFactory = Callable[..., Awaitable[tuple[User, str]]]
EmployeeFactory = Callable[..., Awaitable[Employee]]


@pytest.fixture
def submitted_job() -> SubmittedJobFactory:
    """``await submitted_job(type="TEST_SLOW", params={...}, start_at=None, user=None,
    scope=None)``.

    Creates a ``SUBMITTED`` job through :func:`workers.engine.lifecycle.create` (no parameter
    validation), for a user made on first use.
    """
    owner: list[User] = []

    async def make(*, type: str = "TEST_SLOW", params: dict[str, Any] | None = None,
                   start_at: datetime | None = None, user: User | None = None,
                   scope: str | None = None) -> JobRecord:
        if user is None:
            if not owner:
                owner.append(await User.create(username="submitter", name="Submitter"))
            user = owner[0]
        return await lifecycle.create(job_type=type, feature="Tests", params=params or {},
                                      settings={}, user_id=user.id, start_at=start_at,
                                      scope=scope)

    return make


async def claimed_jobs(submitted_job: SubmittedJobFactory, count: int) -> list[JobRecord]:
    """``count`` new jobs, each claimed by a worker (``RUNNING``, attempt 1)."""
    jobs = []
    for _ in range(count):
        job = await submitted_job()
        claimed = await lifecycle.claim(job.id, "worker")
        assert claimed is not None
        jobs.append(claimed)
    return jobs


async def audit_trail(job_id: int) -> list[JobEvent]:
    """The job's audit events in the order they were recorded."""
    return await JobEvent.filter(job_id=job_id).order_by("id")


async def wait_for_status(job_id: int, *statuses: JobStatus, timeout: float = 10.0) -> JobRecord:
    """Poll the stored job until it has one of ``statuses``.

    Raises:
        AssertionError: it did not within ``timeout`` seconds (the last state is shown).
    """
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    record = await lifecycle.load(job_id)
    while record is None or record.status not in statuses:
        if loop.time() > deadline:
            raise AssertionError(f"job {job_id} did not reach {statuses}: {record}")
        await asyncio.sleep(0.01)
        record = await lifecycle.load(job_id)
    return record


async def next_change(sub: Any, predicate: Callable[[JobChange], bool],
                      timeout: float = 10.0) -> JobChange:
    """The first event on ``sub`` that matches ``predicate``."""
    async def first() -> JobChange:
        while True:
            change: JobChange = await sub.get()
            if predicate(change):
                return change

    return await asyncio.wait_for(first(), timeout)
