"""Fixtures of the fault suite: a PostgreSQL cluster and a Redis of its own (tests/servers.py).

The suite stops, kills and empties these servers, so it never uses the system's. Without
the binaries the tests skip locally and fail under ``CI=true`` (``scripts/test`` installs
them).
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from conftest import IN_CI
from servers import PostgresServer, RedisServer, servers_available


def require_binaries() -> None:
    """Skip locally, fail on CI, when PostgreSQL's or Redis's server binaries are missing."""
    missing = servers_available()
    if missing is None:
        return
    if IN_CI:
        pytest.fail(missing + " (scripts/test installs it)")
    pytest.skip(missing)


@pytest.fixture(scope="session")
def server_binaries() -> None:
    """PostgreSQL's and Redis's server binaries are installed (or the test skips / fails)."""
    require_binaries()


@pytest.fixture(scope="module")
def postgres_server() -> Iterator[PostgresServer]:
    """A running throwaway PostgreSQL cluster; a test that stops it must start it again."""
    require_binaries()
    with PostgresServer() as server:
        yield server


@pytest.fixture(scope="module")
def redis_server() -> Iterator[RedisServer]:
    """A running throwaway Redis without persistence."""
    require_binaries()
    with RedisServer() as server:
        yield server
