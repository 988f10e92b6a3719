"""Shared fixtures: settings and a fresh database per test, services, factories.

SQLite tests copy a migrated template file; PostgreSQL tests clone a migrated template
database. Tests that need a real server (PostgreSQL, Redis) skip locally when it is
missing but fail under CI (``CI=true``), where the servers must be up.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import socket
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from workers.access import identity
from workers.access.models import User
from workers.engine import db
from workers.engine.services import Services, open_services
from workers.engine.settings import LOOPBACK_HOSTS, Settings
from workers.wfm.models import Employee

IN_CI = os.environ.get("CI", "").lower() == "true"
PG_HOST = os.environ.get("JOBPROCESSOR_TEST_PG_HOST", "127.0.0.1")
PG_ADMIN_URL = os.environ.get(
    "JOBPROCESSOR_TEST_PG_URL", f"postgres://postgres@{PG_HOST}:5432/postgres"
)
REDIS_URL = os.environ.get("JOBPROCESSOR_TEST_REDIS_URL", "redis://127.0.0.1:6379/0")
#: Per test session, so that sessions running side by side never drop each other's template.
PG_TEMPLATE = f"jobprocessor_test_template_{os.getpid()}"


def _reachable(host: str, port: int) -> bool:
    try:
        with socket.create_connection((host, port), timeout=1):
            return True
    except OSError:
        return False


def require_server(name: str, host: str, port: int) -> None:
    """Skip locally, fail on CI, when a server the test needs is not running."""
    if _reachable(host, port):
        return
    message = f"{name} is not reachable at {host}:{port}"
    if IN_CI:
        pytest.fail(message + " (CI must start it: see .ci/run)")
    pytest.skip(message)


# --------------------------------------------------------------------------- SQLite


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A migrated, empty SQLite database file to copy per test."""
    folder = tmp_path_factory.mktemp("template")
    settings = Settings(data_dir=folder, demo=False)
    asyncio.run(db.migrate(settings))
    return folder / "jobprocessor.sqlite3"


@pytest.fixture
def settings(tmp_path: Path, sqlite_template: Path) -> Settings:
    """Embedded settings on a fresh SQLite database, with fast maintenance for tests."""
    shutil.copy(sqlite_template, tmp_path / "jobprocessor.sqlite3")
    return Settings(
        data_dir=tmp_path,
        demo=False,
        worker_threads=4,
        lease_seconds=3.0,
        maintenance_interval_seconds=0.2,
        secret_key="test-secret",
        rights_poll_seconds=0.1,
        # httpx's in-process client names its host "testserver".
        allowed_hosts=(*LOOPBACK_HOSTS, "testserver"),
    )


@pytest.fixture
async def services(settings: Settings) -> AsyncIterator[Services]:
    """Embedded services (database, in-process bus and workers) on the test's loop."""
    svc = await open_services(settings)
    try:
        yield svc
    finally:
        await svc.close()


# --------------------------------------------------------------------------- PostgreSQL


def _pg_url(database: str) -> str:
    return PG_ADMIN_URL.rsplit("/", 1)[0] + "/" + database


async def _pg_admin(*statements: str) -> None:
    import asyncpg

    conn = await asyncpg.connect(PG_ADMIN_URL.replace("postgres://", "postgresql://", 1))
    try:
        for statement in statements:
            await conn.execute(statement)
    finally:
        await conn.close()


@pytest.fixture(scope="session")
def pg_template() -> Iterator[str]:
    """A migrated PostgreSQL template database (built once per session, dropped after it)."""
    require_server("PostgreSQL", PG_HOST, 5432)
    asyncio.run(
        _pg_admin(
            f'DROP DATABASE IF EXISTS "{PG_TEMPLATE}" WITH (FORCE)',
            f'CREATE DATABASE "{PG_TEMPLATE}"',
        )
    )
    asyncio.run(db.migrate(Settings(database_url_override=_pg_url(PG_TEMPLATE), demo=False)))
    yield PG_TEMPLATE
    asyncio.run(_pg_admin(f'DROP DATABASE IF EXISTS "{PG_TEMPLATE}" WITH (FORCE)'))


@pytest.fixture
async def pg_database(pg_template: str) -> AsyncIterator[str]:
    """The URL of a fresh PostgreSQL database cloned from the template; dropped afterwards."""
    name = f"jp_test_{uuid.uuid4().hex[:12]}"
    await _pg_admin(f'CREATE DATABASE "{name}" TEMPLATE "{pg_template}"')
    try:
        yield _pg_url(name)
    finally:
        await _pg_admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def redis_url() -> str:
    """The test Redis (must be running on CI)."""
    require_server("Redis", "127.0.0.1", 6379)
    return REDIS_URL


@pytest.fixture
def redis_prefix() -> str:
    """A Redis key prefix of the test's own, so tests never see each other's messages."""
    return f"jptest-{uuid.uuid4().hex[:10]}"


# --------------------------------------------------------------------------- factories

UserFactory = Callable[..., Awaitable[tuple[User, str]]]


@pytest.fixture
def user_factory() -> UserFactory:
    """``user, token = await user_factory(role="planner")`` — a user with a token.

    The role defaults to ``admin`` (every right), so that tests of mechanics need not care
    about rights; tests of rights name the role they test.
    """
    counter = iter(range(1, 10_000))

    async def make(username: str | None = None, *, role: str = "admin",
                   name: str = "") -> tuple[User, str]:
        username = username or f"user{next(counter)}"
        return await identity.create_user(username, name=name or username.title(), role=role)

    return make


@pytest.fixture
def employee_factory() -> Callable[..., Awaitable[Employee]]:
    """``await employee_factory(team="A", weekly_contract_hours=38)``."""
    counter = iter(range(1, 100_000))

    async def make(**overrides: Any) -> Employee:
        n = next(counter)
        values: dict[str, Any] = {
            "number": f"E{n:05}",
            "name": f"Employee {n}",
            "team": "Team A",
            "skills": ["Phone"],
            "weekly_contract_hours": 38.0,
            "active": True,
        }
        values.update(overrides)
        return await Employee.create(**values)

    return make
