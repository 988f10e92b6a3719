"""Telling an outage of PostgreSQL or Redis from a bug, and what a user is told about it.

While the database or Redis is unreachable every request fails, and the caller can do
nothing but wait: the answer is a GraphQL error with code ``SERVICE_UNAVAILABLE`` and
:data:`MESSAGE`, never a plain-text 500 or a driver's name. :func:`is_outage` recognises
the exceptions the drivers raise for a lost or refused connection (also when an ORM or a
library wrapped them).
"""

from __future__ import annotations

import asyncio
import contextlib
import socket

from graphql import GraphQLError
from tortoise import connections

CODE = "SERVICE_UNAVAILABLE"
MESSAGE = "The job database or the message broker is unreachable; try again in a moment."

#: Names of the exception classes that mean "connection lost or refused", by package.
_OUTAGE_NAMES = frozenset({
    # asyncpg
    "PostgresConnectionError", "ConnectionDoesNotExistError", "CannotConnectNowError",
    "ConnectionFailureError", "InterfaceError", "AdminShutdownError", "CrashShutdownError",
    "InternalClientError", "TooManyConnectionsError",
    # tortoise
    "DBConnectionError",
    # redis-py / dramatiq
    "ConnectionError", "TimeoutError", "BusyLoadingError", "ReadOnlyError",
    "BrokerConnectionError",
})
_OUTAGE_MODULES = ("asyncpg", "tortoise", "redis", "dramatiq")


def is_outage(error: BaseException | None) -> bool:
    """True when ``error`` (or what it was raised from) says a server is unreachable."""
    seen = 0
    while error is not None and seen < 10:
        if isinstance(error, (ConnectionError, socket.gaierror, asyncio.TimeoutError)):
            return True
        kind = type(error)
        if kind.__name__ in _OUTAGE_NAMES and kind.__module__.split(".")[0] in _OUTAGE_MODULES:
            return True
        if isinstance(error, OSError) and "Connect call failed" in str(error):
            return True  # asyncio's "Multiple exceptions" when every address refused
        error = error.__cause__ or error.__context__
        seen += 1
    return False


class ServiceUnavailable(GraphQLError):
    """Raised where a request meets an outage before any resolver runs."""

    def __init__(self) -> None:
        super().__init__(MESSAGE, extensions={"code": CODE})


#: How long :func:`database_reachable` waits for the database's answer.
PING_SECONDS = 2.0


async def database_reachable() -> bool:
    """Whether the job database answers ``SELECT 1`` now (within :data:`PING_SECONDS`)."""
    with contextlib.suppress(Exception):
        async with asyncio.timeout(PING_SECONDS):
            await connections.get("default").execute_query("SELECT 1")
            return True
    return False
