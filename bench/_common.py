"""Helpers shared by the benchmarks: scratch databases, Redis prefixes, worker processes."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
#: Declares the benchmark job types (bench/noop_job.py) as an installed package would.
PLUGINS = ROOT / "bench" / "plugins"
if str(PLUGINS) not in sys.path:
    sys.path.append(str(PLUGINS))
PG_ADMIN = os.environ.get("BENCH_PG_URL", "postgresql://postgres@127.0.0.1:5432/postgres")
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/0")


async def _pg(*statements: str) -> None:
    import asyncpg

    conn = await asyncpg.connect(PG_ADMIN)
    try:
        for statement in statements:
            await conn.execute(statement)
    finally:
        await conn.close()


@contextmanager
def scratch_postgres() -> Iterator[str]:
    """A fresh, migrated PostgreSQL database; dropped afterwards. Yields its Tortoise URL."""
    from workers.engine import db
    from workers.engine.settings import Settings

    name = f"jp_bench_{uuid.uuid4().hex[:10]}"
    asyncio.run(_pg(f'CREATE DATABASE "{name}"'))
    url = PG_ADMIN.replace("postgresql://", "postgres://").rsplit("/", 1)[0] + "/" + name
    try:
        asyncio.run(db.migrate(Settings(database_url_override=url, demo=False)))
        yield url
    finally:
        asyncio.run(_pg(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


@contextmanager
def kept_postgres(name: str) -> Iterator[str]:
    """The PostgreSQL database ``name``, created when missing, migrated, and kept afterwards
    (for data that takes long to build). Yields its Tortoise URL."""
    from workers.engine import db
    from workers.engine.settings import Settings

    if not name.replace("_", "").isalnum():
        raise SystemExit(f"--keep {name!r}: use letters, digits and underscores")
    exists = asyncio.run(_exists(name))
    if not exists:
        asyncio.run(_pg(f'CREATE DATABASE "{name}"'))
    url = PG_ADMIN.replace("postgresql://", "postgres://").rsplit("/", 1)[0] + "/" + name
    asyncio.run(db.migrate(Settings(database_url_override=url, demo=False)))
    yield url


async def _exists(name: str) -> bool:
    import asyncpg

    conn = await asyncpg.connect(PG_ADMIN)
    try:
        return bool(await conn.fetchval("SELECT 1 FROM pg_database WHERE datname = $1", name))
    finally:
        await conn.close()


def prefix() -> str:
    return f"jpbench-{uuid.uuid4().hex[:8]}"


@contextmanager
def process(args: list[str], env: dict[str, str],
            log: Path | None = None) -> Iterator[subprocess.Popen[bytes]]:
    """A subprocess with the repository on PYTHONPATH, terminated afterwards.

    Its standard error goes to ``log`` when given (a process that logs much would block
    on a full pipe nobody reads).
    """
    full_env = {**os.environ, **env, "PYTHONPATH": os.pathsep.join([str(ROOT), str(PLUGINS)])}
    errors = open(log, "wb") if log is not None else subprocess.PIPE  # noqa: SIM115
    proc = subprocess.Popen(args, env=full_env, cwd=ROOT, stdout=subprocess.DEVNULL,
                            stderr=errors)
    try:
        yield proc
    finally:
        if proc.poll() is None:
            proc.send_signal(signal.SIGTERM)
            try:
                proc.wait(20)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
        if log is not None and not isinstance(errors, int):
            errors.close()


def wait_until(predicate: object, timeout: float, interval: float = 0.05) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():  # type: ignore[operator]
            return
        time.sleep(interval)
    raise TimeoutError("the benchmark did not finish in time")
