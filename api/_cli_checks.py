"""Pre-flight checks and database set-up shared by the ``jobprocessor`` commands.

A command checks what it needs before it starts (database reachable, Redis reachable,
schema migrated) so that a misconfiguration ends in one clear line, not a traceback
from deep inside a server or worker.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Coroutine
from typing import TypeVar

from workers.engine.settings import Settings, SettingsError

T = TypeVar("T")


class CliError(Exception):
    """A failure reported as one line, without a traceback."""


async def isolated(step: Coroutine[object, object, T]) -> T:
    """Run a step that connects and disconnects Tortoise in a task of its own.

    Tortoise keeps its context in a contextvar that outlives ``disconnect`` in the task
    that connected, and Aerich then believes Tortoise is still set up. A child task gets
    a copy of the context, so nothing a step sets leaks into the next one.
    """
    return await asyncio.create_task(step)


async def check_database(settings: Settings) -> None:
    """Fail with a clear message when the database does not answer."""
    from workers.engine import db

    async def check() -> None:
        await db.connect(settings)
        await db.disconnect()

    await isolated(check())


async def pending_migrations(settings: Settings) -> list[str]:
    """Migrations not yet applied to the configured database."""
    from aerich import Command

    from workers.engine import db

    command = Command(
        tortoise_config=db.tortoise_config(settings),
        app="models",
        location=str(db.migrations_location(settings)),
    )
    async def heads() -> list[str]:
        try:
            await command.init()
            return list(await command.heads())
        finally:
            await db.disconnect()

    return await isolated(heads())


def check_redis(settings: Settings) -> None:
    import redis

    assert settings.redis_url is not None
    client = redis.Redis.from_url(settings.redis_url, socket_connect_timeout=3)
    try:
        client.ping()
    except redis.RedisError as exc:
        raise CliError(f"cannot reach Redis at JOBPROCESSOR_REDIS_URL: {exc}") from exc
    finally:
        client.close()


async def check_distributed(settings: Settings) -> None:
    """Refuse to start a distributed process on an unreachable or unmigrated setup."""
    try:
        settings.resolved_secret_key()
    except SettingsError as exc:
        raise CliError(str(exc)) from exc
    check_redis(settings)
    await check_database(settings)
    pending = await pending_migrations(settings)
    if pending:
        raise CliError(
            f"the database schema is not up to date ({len(pending)} migration(s) pending, "
            f"e.g. {pending[0]}); run `jobprocessor migrate` first"
        )


@contextlib.asynccontextmanager
async def database(settings: Settings) -> AsyncIterator[None]:
    """Connect for a command; in embedded mode apply pending migrations first, as serve does."""
    from workers.engine import db

    await check_database(settings)
    if settings.embedded:
        await isolated(db.migrate(settings))
    await db.connect(settings)
    try:
        yield
    finally:
        await db.disconnect()
