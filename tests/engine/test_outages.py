"""Which errors mean "the database is unreachable now" — and which are a job's own failure."""

from __future__ import annotations

import asyncpg
import pytest

from workers.engine.outages import is_database_outage


@pytest.mark.parametrize(
    "error",
    [
        asyncpg.exceptions.AdminShutdownError(
            "terminating connection due to administrator command"
        ),
        asyncpg.exceptions.CannotConnectNowError("the database system is shutting down"),
        asyncpg.exceptions.ConnectionDoesNotExistError("connection was closed in the middle"),
        asyncpg.exceptions.InterfaceError("connection is closed"),
        asyncpg.exceptions.InternalClientError("cannot switch to state 12; another operation"),
    ],
)
def test_the_drivers_connection_errors_are_outages(error: Exception) -> None:
    assert is_database_outage(error)


def test_an_outage_wrapped_by_another_error_is_still_an_outage() -> None:
    try:
        try:
            raise asyncpg.exceptions.AdminShutdownError("terminating connection")
        except Exception as exc:
            raise RuntimeError("the write failed") from exc
    except RuntimeError as wrapped:
        assert is_database_outage(wrapped)


@pytest.mark.parametrize(
    "error",
    [
        asyncpg.exceptions.UniqueViolationError("duplicate key value"),
        asyncpg.exceptions.LockNotAvailableError("could not obtain lock"),
        ValueError("a job's own mistake"),
    ],
)
def test_errors_of_the_statement_or_the_job_are_not_outages(error: Exception) -> None:
    assert not is_database_outage(error)


@pytest.mark.parametrize("error", [ConnectionRefusedError(111, "refused"), TimeoutError()])
def test_a_jobs_own_socket_errors_are_not_outages(error: Exception) -> None:
    try:
        raise error  # raised here, in the job's code, not in the database driver
    except Exception as raised:
        assert not is_database_outage(raised)
