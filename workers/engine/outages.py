"""Telling an unreachable database from a real failure, and waiting one out.

An outage of PostgreSQL (stopped, restarting, the network cut) is nobody's fault and must
cost waiting only: a job is never failed, and a finished body never run again, because
a write could not reach the database. :func:`is_database_outage` says which exceptions
mean "the database is not there right now"; :func:`retry_through_outage` repeats a write
with backoff until it goes through or a time budget is spent.
"""

from __future__ import annotations

import asyncio
import logging
import os
import random
from collections.abc import Awaitable, Callable
from typing import TypeVar

import asyncpg
from tortoise.exceptions import DBConnectionError

logger = logging.getLogger(__name__)

T = TypeVar("T")

#: SQLSTATE classes / codes that mean the server is going away or not there yet:
#: 08 connection exception, 57P01 admin shutdown, 57P02 crash shutdown, 57P03 cannot
#: connect now (starting up or shutting down).
_OUTAGE_SQLSTATES = ("08", "57P01", "57P02", "57P03")
#: First and longest pause between two tries of a write during an outage, in seconds.
FIRST_BACKOFF = 0.05
MAX_BACKOFF = 2.0


class DatabaseOutageError(RuntimeError):
    """A write could not reach the database within its time budget."""


def is_database_outage(exc: BaseException) -> bool:
    """True when ``exc`` (or what caused it) says the database cannot be reached now.

    Connection refused or reset, a closed connection, a server shutting down or starting
    up, a connect timeout inside the driver. Errors of the statement itself (a constraint,
    a syntax error, a lock conflict) are not outages, nor are a job's own socket errors.
    """
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        if isinstance(current, asyncpg.PostgresError):
            code = str(getattr(current, "sqlstate", "") or "")
            if code.startswith(_OUTAGE_SQLSTATES):
                return True
        elif isinstance(
            current, (asyncpg.InterfaceError, asyncpg.InternalClientError, DBConnectionError)
        ) or (isinstance(current, (OSError, TimeoutError)) and _raised_by_the_driver(current)):
            # InternalClientError: a pooled connection left mid-operation by the outage.
            return True
        current = current.__cause__ or current.__context__
    return False


def _raised_by_the_driver(exc: BaseException) -> bool:
    """A socket error or timeout counts only when the database driver met it: a job's own
    call to some other service that times out is the job's failure, not an outage."""
    tb = exc.__traceback__
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if f"{os.sep}asyncpg{os.sep}" in filename or f"{os.sep}tortoise{os.sep}" in filename:
            return True
        tb = tb.tb_next
    return False


async def retry_through_outage(
    write: Callable[[], Awaitable[T]],
    *,
    budget_seconds: float,
    what: str,
    on_outage: Callable[[float], None] | None = None,
) -> T:
    """Run ``write`` until it succeeds; while the database is unreachable, try again.

    Pauses grow from 50 ms to 2 s (with jitter, so that workers coming back together do
    not knock in step). Any other error propagates at once.

    Args:
        write: the database write (called again after each outage).
        budget_seconds: give up when the database has been unreachable this long.
        what: names the write in the log ("the completion of job 7").
        on_outage: called with the seconds waited so far after each failed try.

    Raises:
        DatabaseOutageError: the database stayed unreachable for ``budget_seconds``.
    """
    loop = asyncio.get_running_loop()
    started = loop.time()
    pause = FIRST_BACKOFF
    tries = 0
    while True:
        try:
            result = await write()
        except Exception as exc:
            if not is_database_outage(exc):
                raise
            tries += 1
            waited = loop.time() - started
            if on_outage is not None:
                on_outage(waited)
            if tries == 1:
                logger.warning(
                    "database unreachable writing %s; keeping it and retrying (%s)",
                    what,
                    exc.__class__.__name__,
                )
            if waited >= budget_seconds:
                raise DatabaseOutageError(
                    f"the database stayed unreachable for {waited:.0f} s writing {what}"
                ) from exc
            await asyncio.sleep(
                min(pause, max(0.0, budget_seconds - waited)) * random.uniform(0.75, 1.0)
            )
            pause = min(MAX_BACKOFF, pause * 2)
            continue
        if tries:
            logger.info(
                "wrote %s after the database came back (%s tries, %.1f s)",
                what,
                tries + 1,
                loop.time() - started,
            )
        return result
