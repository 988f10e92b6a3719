"""Which worker processes are alive (their presence): each sends a heartbeat every few seconds.

A heartbeat says who the worker is (host, pid, threads, queues, when it started), when it
was last seen and which jobs it runs now. Distributed, heartbeats go to one Redis hash
(``<prefix>:workers``) that every process reads; embedded, the server's own workers are
kept in memory. A worker whose last heartbeat is older than :data:`STALE_AFTER_SECONDS`
counts as gone, and readers remove it.

This is what the operator sees; it decides nothing about jobs. Leases in the database
(:mod:`workers.engine.maintenance`) remain what takes a dead worker's jobs back.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import os
import socket
from collections.abc import Callable
from dataclasses import asdict, dataclass, replace
from datetime import UTC, datetime, timedelta
from typing import Protocol

logger = logging.getLogger(__name__)

#: Seconds between two heartbeats of one worker.
HEARTBEAT_SECONDS = 5.0
#: A worker not heard from for this long is gone.
STALE_AFTER_SECONDS = 3 * HEARTBEAT_SECONDS


@dataclass(frozen=True)
class WorkerInfo:
    """One worker process, as its last heartbeat described it."""

    #: ``host:pid``, the name jobs record as their worker.
    name: str
    host: str
    pid: int
    threads: int
    queues: tuple[str, ...]
    started_at: datetime
    last_seen: datetime
    #: Ids of the jobs it runs now.
    running: tuple[int, ...]

    def to_json(self) -> str:
        data = asdict(self)
        data["started_at"] = self.started_at.isoformat()
        data["last_seen"] = self.last_seen.isoformat()
        return json.dumps(data)

    @classmethod
    def from_json(cls, raw: str | bytes) -> WorkerInfo:
        data = json.loads(raw)
        return cls(
            name=str(data["name"]), host=str(data["host"]), pid=int(data["pid"]),
            threads=int(data["threads"]), queues=tuple(data["queues"]),
            started_at=datetime.fromisoformat(data["started_at"]),
            last_seen=datetime.fromisoformat(data["last_seen"]),
            running=tuple(int(i) for i in data["running"]),
        )


class WorkerDirectory(Protocol):
    """Where heartbeats are kept and read."""

    async def beat(self, info: WorkerInfo) -> None: ...

    async def remove(self, name: str) -> None: ...

    async def online(self) -> list[WorkerInfo]:
        """The workers heard from recently, by name."""
        ...


def _fresh(info: WorkerInfo, now: datetime) -> bool:
    return now - info.last_seen <= timedelta(seconds=STALE_AFTER_SECONDS)


class LocalWorkerDirectory:
    """Embedded mode: the server's own workers, in memory (their running jobs read live)."""

    def __init__(self) -> None:
        self._workers: dict[str, WorkerInfo] = {}
        self._running: dict[str, Callable[[], tuple[int, ...]]] = {}

    def follow(self, name: str, running: Callable[[], tuple[int, ...]]) -> None:
        """Read ``name``'s running jobs from ``running`` instead of its last heartbeat."""
        self._running[name] = running

    async def beat(self, info: WorkerInfo) -> None:
        self._workers[info.name] = info

    async def remove(self, name: str) -> None:
        self._workers.pop(name, None)
        self._running.pop(name, None)

    async def online(self) -> list[WorkerInfo]:
        now = datetime.now(UTC)
        return sorted(
            (replace(w, running=tuple(sorted(self._running[w.name]())))
             if w.name in self._running else w
             for w in self._workers.values() if _fresh(w, now)),
            key=lambda w: w.name,
        )


class RedisWorkerDirectory:
    """Distributed mode: one Redis hash, ``name → heartbeat JSON``, shared by all processes."""

    def __init__(self, redis_url: str, prefix: str) -> None:
        import redis.asyncio as aioredis

        self.key = f"{prefix}:workers"
        self._redis = aioredis.Redis.from_url(redis_url, socket_timeout=2,
                                              socket_connect_timeout=2)

    async def beat(self, info: WorkerInfo) -> None:
        await self._redis.hset(self.key, info.name, info.to_json())

    async def remove(self, name: str) -> None:
        await self._redis.hdel(self.key, name)

    async def online(self) -> list[WorkerInfo]:
        now = datetime.now(UTC)
        raw = await self._redis.hgetall(self.key)
        alive: list[WorkerInfo] = []
        gone: list[bytes | str] = []
        for name, value in raw.items():
            try:
                info = WorkerInfo.from_json(value)
            except (ValueError, KeyError, TypeError):
                gone.append(name)
                continue
            if _fresh(info, now):
                alive.append(info)
            elif now - info.last_seen > timedelta(seconds=10 * STALE_AFTER_SECONDS):
                gone.append(name)
        if gone:
            await self._redis.hdel(self.key, *gone)
        return sorted(alive, key=lambda w: w.name)

    async def close(self) -> None:
        await self._redis.aclose()


#: The embedded server's directory (one per process).
local_directory = LocalWorkerDirectory()


def make_directory(redis_url: str | None, prefix: str) -> WorkerDirectory:
    """The directory for this installation: Redis when configured, else in memory."""
    if redis_url is None:
        return local_directory
    return RedisWorkerDirectory(redis_url, prefix)


async def close_directory(directory: WorkerDirectory) -> None:
    if isinstance(directory, RedisWorkerDirectory):
        await directory.close()


class Heartbeat:
    """Sends this worker process's heartbeat every :data:`HEARTBEAT_SECONDS` until stopped.

    Args:
        running: returns the ids of the jobs this process runs now.
    """

    def __init__(self, directory: WorkerDirectory, *, name: str, threads: int,
                 queues: tuple[str, ...], running: Callable[[], tuple[int, ...]],
                 interval: float = HEARTBEAT_SECONDS) -> None:
        now = datetime.now(UTC)
        self.directory = directory
        self.info = WorkerInfo(name=name, host=socket.gethostname(), pid=os.getpid(),
                               threads=threads, queues=queues, started_at=now,
                               last_seen=now, running=())
        self._running = running
        self._interval = interval
        self._task: asyncio.Task[None] | None = None

    async def start(self) -> None:
        if isinstance(self.directory, LocalWorkerDirectory):
            self.directory.follow(self.info.name, self._running)
        await self._beat()
        self._task = asyncio.create_task(self._run(), name="jobprocessor-heartbeat")

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None
        with contextlib.suppress(Exception):
            await self.directory.remove(self.info.name)

    async def _beat(self) -> None:
        self.info = replace(self.info, last_seen=datetime.now(UTC),
                            running=tuple(sorted(self._running())))
        await self.directory.beat(self.info)

    async def _run(self) -> None:
        while True:
            await asyncio.sleep(self._interval)
            try:
                await self._beat()
            except asyncio.CancelledError:
                raise
            except Exception:
                logger.warning("could not send the worker heartbeat", exc_info=True)
