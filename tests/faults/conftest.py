"""Fixtures of the fault suite: a PostgreSQL cluster and a Redis of its own (tests/servers.py).

The suite stops, kills and empties these servers, so it never uses the system's. Without
the binaries the tests skip locally and fail under ``CI=true`` (``scripts/test`` installs
them). A test that stops a server starts it again before it ends (``outage()``).
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import uuid
from collections.abc import AsyncIterator, Iterator
from datetime import timedelta

import asyncpg
import pytest
from engine.conftest import (  # noqa: F401 (fixtures shared with the engine tests)
    Engine,
    lifecycle_only,
    submitted_job,
    test_job_types,
)
from servers import PostgresServer, RedisServer, servers_available

from workers.engine import db, lifecycle
from workers.engine.models import Job
from workers.engine.registry import JOB_TYPES
from workers.engine.runner import running_jobs
from workers.engine.services import Services, open_services
from workers.engine.settings import Settings
from workers.engine.status import JobStatus

from .jobs import GATES, RUNS, STARTED, GatedJob, JournalJob

TEMPLATE = "jp_fault_template"
#: As tests/conftest.py: under CI a missing server binary fails the test instead of skipping.
IN_CI = os.environ.get("CI", "").lower() == "true"


def require_binaries() -> None:
    """Skip locally, fail on CI, when PostgreSQL's or Redis's server binaries are missing."""
    missing = servers_available()
    if missing is None:
        return
    if IN_CI:
        pytest.fail(missing + " (scripts/test installs it)")
    pytest.skip(missing)


@pytest.fixture
def fault_job_types() -> Iterator[None]:
    """The fault suite's job types (with the engine's test job types)."""
    RUNS.clear()
    GATES.clear()
    STARTED.clear()
    with JOB_TYPES.registered(GatedJob(), JournalJob()):
        yield


@pytest.fixture(scope="session")
def server_binaries() -> None:
    """PostgreSQL's and Redis's server binaries are installed (or the test skips / fails)."""
    require_binaries()


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    """A running throwaway PostgreSQL cluster with a migrated template database."""
    require_binaries()
    with PostgresServer() as server:
        asyncio.run(_admin(server, f'CREATE DATABASE "{TEMPLATE}"'))
        asyncio.run(db.migrate(Settings(database_url_override=server.url(TEMPLATE), demo=False)))
        yield server


@pytest.fixture(scope="session")
def redis_server() -> Iterator[RedisServer]:
    """A running throwaway Redis without persistence."""
    require_binaries()
    with RedisServer() as server:
        yield server


async def _admin(server: PostgresServer, *statements: str) -> None:
    conn = await asyncpg.connect(server.dsn())
    try:
        for statement in statements:
            await conn.execute(statement)
    finally:
        await conn.close()


@pytest.fixture
async def fault_database(postgres_server: PostgresServer) -> AsyncIterator[str]:
    """The Tortoise URL of a fresh migrated database on the throwaway cluster."""
    if not postgres_server.running:  # a previous test failed mid-outage
        await asyncio.to_thread(postgres_server.start)
    name = f"jp_fault_{uuid.uuid4().hex[:10]}"
    await _admin(postgres_server, f'CREATE DATABASE "{name}" TEMPLATE "{TEMPLATE}"')
    try:
        yield postgres_server.url(name)
    finally:
        if not postgres_server.running:
            await asyncio.to_thread(postgres_server.start)
        await _admin(postgres_server, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def fault_settings(settings: Settings, fault_database: str) -> Settings:
    """Embedded settings on the throwaway cluster (short pool timeouts keep outages short)."""
    return settings.with_overrides(database_url_override=f"{fault_database}?maxsize=10")


@pytest.fixture
async def fault_engine(fault_settings: Settings) -> AsyncIterator[Engine]:
    """The lifecycle on the throwaway cluster with a recording broker and no workers.

    Tests call :func:`runner.run_job` themselves, as a running worker would (an earlier
    test's stopped services left this process's running jobs "closing").
    """
    running_jobs.closing = False
    async with lifecycle_only(fault_settings) as engine:
        yield engine


@contextlib.asynccontextmanager
async def outage(server: PostgresServer) -> AsyncIterator[None]:
    """PostgreSQL is stopped inside the block and running again after it."""
    await asyncio.to_thread(server.stop)
    try:
        yield
    finally:
        if not server.running:
            await asyncio.to_thread(server.start)


@pytest.fixture
async def queue_only(
    fault_settings: Settings, redis_server: RedisServer
) -> AsyncIterator[Services]:
    """Distributed services that send messages but run no jobs."""
    settings = fault_settings.with_overrides(redis_url=redis_server.url, redis_prefix="jp-orphans")
    redis_server.restart()
    services = await open_services(settings, run_jobs=False)
    try:
        yield services
    finally:
        if not redis_server.running:
            await asyncio.to_thread(redis_server.start)
        await services.close()


async def waiting_a_while() -> None:
    """Every waiting job was sent longer ago than an orphan needs to be noticed."""
    await Job.filter(status=JobStatus.SUBMITTED).update(
        enqueued_at=lifecycle.utcnow() - timedelta(seconds=30)
    )
