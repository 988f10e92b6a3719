"""Database set-up: the Tortoise configuration, connecting, and applying migrations."""

from __future__ import annotations

import asyncio
import logging
import os
from pathlib import Path
from typing import Any

from tortoise import Tortoise, connections
from tortoise.backends.base.config_generator import expand_db_url
from tortoise.backends.base.executor import EXECUTOR_CACHE

from workers.engine.registry import model_modules
from workers.engine.settings import Settings

logger = logging.getLogger(__name__)

#: Aerich keeps one migration history per SQL dialect.
MIGRATIONS_DIR = Path(__file__).resolve().parent.parent / "migrations"


def tortoise_config(settings: Settings) -> dict[str, Any]:
    """The Tortoise (and Aerich) configuration dict for ``settings``."""
    url = settings.database_url
    connection: str | dict[str, Any] = url
    if settings.dialect == "sqlite":
        private_sqlite_file(Path(url.removeprefix("sqlite://")))
    else:
        connection = expand_db_url(url)
        credentials = connection["credentials"]
        credentials.setdefault("maxsize", POOL_MAX_SIZE)
        credentials["reset"] = _keep_session
    return {
        "connections": {"default": connection},
        "apps": {"models": {"models": model_modules(), "default_connection": "default"}},
        "use_tz": True,
        "timezone": "UTC",
    }


def private_sqlite_file(path: Path) -> None:
    """Create the SQLite database file readable by its owner only (0600, its folder 0700).

    It holds employee data and token digests; SQLite gives its ``-wal`` and ``-shm``
    files the database file's permissions. An existing file is narrowed to 0600 too.
    An in-memory database (``:memory:``) has no file.
    """
    if str(path) in (":memory:", ""):
        return
    if not path.parent.exists():
        path.parent.mkdir(parents=True, mode=0o700)
    os.close(os.open(path, os.O_WRONLY | os.O_CREAT, 0o600))
    path.chmod(0o600)


#: Connections per process to PostgreSQL, unless the URL says ``?maxsize=``.
POOL_MAX_SIZE = 10


async def _keep_session(connection: object) -> None:
    """Skip asyncpg's reset query when a connection goes back to the pool.

    By default every release runs ``RESET ALL; UNLISTEN *; …`` — one more round trip for
    every query outside a transaction, which halved a worker's job throughput. JobProcessor
    keeps no session state (no ``SET``, ``LISTEN``, session advisory locks or temporary
    tables), and asyncpg still rolls back a transaction left open, so there is nothing to
    reset. Code that adds session state must use transaction-scoped forms instead.
    """


def migrations_location(settings: Settings) -> Path:
    """Where the migrations for this database's dialect live."""
    return MIGRATIONS_DIR / settings.dialect


async def connect(settings: Settings) -> None:
    """Connect Tortoise for this process and fail fast when the database is unreachable.

    The context is made the process-wide fallback (``Tortoise.init``'s documented
    ``_enable_global_fallback``), so that every task and every Dramatiq worker thread's
    coroutine on this loop sees it, and :func:`disconnect` may run in any task.

    Raises:
        DatabaseUnavailableError: the database does not answer.
    """
    await Tortoise.init(config=tortoise_config(settings), _enable_global_fallback=True)
    try:
        await connections.get("default").execute_query("SELECT 1")
    except Exception as exc:
        await disconnect()
        raise DatabaseUnavailableError(
            f"cannot reach the database at {_redacted(settings.database_url)}: {exc}"
        ) from exc
    if settings.dialect == "sqlite":
        # Readers never block the writer, and a writer waits instead of failing at once.
        # With WAL, ``synchronous=NORMAL`` syncs at checkpoints, not at every commit: a
        # crash of the process loses nothing committed; a power cut may lose the last
        # commits (jobs then run again, as after a lost completion) — the usual trade for
        # not paying an fsync per job change on the embedded default.
        conn = connections.get("default")
        await conn.execute_script(
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=10000;")


async def disconnect() -> None:
    """Close connections and forget the process-wide context, so :func:`connect` may run again.

    Closing a context also withdraws it as the process-wide fallback; a later
    ``Tortoise.init`` re-initialises it.
    """
    try:
        await Tortoise.close_connections()
    finally:
        # Tortoise caches each model's INSERT/DELETE SQL per connection *name*, for the
        # life of the process: after SQLite, PostgreSQL would get SQLite's ``?`` placeholders.
        EXECUTOR_CACHE.clear()


async def migrate(settings: Settings) -> list[str]:
    """Apply pending Aerich migrations; returns the names applied.

    Must run before :func:`connect` in a process that then uses the database, because
    Aerich initialises Tortoise itself.
    """
    from aerich import Command

    async def upgrade() -> list[str]:
        command = Command(
            tortoise_config=tortoise_config(settings),
            app="models",
            location=str(migrations_location(settings)),
        )
        try:
            await command.init()
            return list(await command.upgrade(run_in_transaction=True) or [])
        finally:
            await Tortoise.close_connections()  # Aerich's context, current in this task only
            EXECUTOR_CACHE.clear()

    # A task of its own: Aerich's ``Tortoise.init`` makes its context current in the task
    # that runs it, and it must not stay current in the caller's.
    return await asyncio.create_task(upgrade())


class DatabaseUnavailableError(RuntimeError):
    """The configured database cannot be reached."""


def _redacted(url: str) -> str:
    if "@" in url and "://" in url:
        scheme, rest = url.split("://", 1)
        return f"{scheme}://***@{rest.split('@', 1)[1]}"
    return url
