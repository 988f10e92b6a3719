"""Who still holds a job, told apart from the database: the worker's own heartbeat.

A job's lease lives in its row, so a worker cut off from the database cannot renew it,
and the reaper would take the job back as if the worker had died — and run a body that
may already have finished a second time. Each worker therefore also beats, for every job
it runs, a beacon outside the database: in Redis (distributed) or in this process's
memory (embedded). The reaper reads the beacons before it takes a job back:

* ``HELD`` — the worker is alive and merely cut off from the database: the job keeps
  its lease; the worker renews it, or writes its outcome, once the database is back.
* ``HANDED_BACK`` — the worker gave up waiting for the database and handed the job back:
  it runs again, and that does not count as an attempt.
* ``GONE`` — no beacon: the worker died (or is cut off from both servers): a real crash.
"""

from __future__ import annotations

import asyncio
import enum
from collections.abc import Mapping
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    import redis.asyncio as aioredis

#: How long a handed-back note is kept for the reaper, in seconds.
HANDED_BACK_TTL_SECONDS = 24 * 3600


class Holder(enum.Enum):
    """What the beacons say about one attempt of a job whose lease expired."""

    #: Its worker is alive and still holds this attempt.
    HELD = "held"
    #: Its worker handed this attempt back because the database stayed unreachable.
    HANDED_BACK = "back"
    #: Nobody holds it: the worker died.
    GONE = "gone"


class LeaseBeacons(Protocol):
    """Where workers say which jobs they hold, independently of the database."""

    async def beat(self, attempts: Mapping[int, int]) -> None:
        """``{job_id: attempt}`` are held by this worker for another lease period."""

    async def hand_back(self, job_id: int, attempt: int) -> None:
        """This worker gives the attempt up without having written its outcome."""

    async def holders(self, attempts: Mapping[int, int]) -> dict[int, Holder]:
        """For each ``{job_id: attempt}``, who holds it.

        Raises:
            Exception: the beacons cannot be read (the caller must not guess).
        """

    async def close(self) -> None:
        """Release connections."""


def _decode(raw: bytes | str | None, attempt: int) -> Holder:
    if raw is None:
        return Holder.GONE
    text = raw.decode() if isinstance(raw, bytes) else raw
    kind, _, stored = text.partition(":")
    if stored != str(attempt):
        return Holder.GONE
    return Holder.HANDED_BACK if kind == Holder.HANDED_BACK.value else Holder.HELD


class LocalBeacons:
    """Embedded mode: the workers are in this process, so are their beacons."""

    def __init__(self, lease_seconds: float) -> None:
        self.lease_seconds = lease_seconds
        self._beacons: dict[int, tuple[str, float]] = {}

    def _now(self) -> float:
        return asyncio.get_running_loop().time()

    async def beat(self, attempts: Mapping[int, int]) -> None:
        until = self._now() + self.lease_seconds
        for job_id, attempt in attempts.items():
            self._beacons[job_id] = (f"{Holder.HELD.value}:{attempt}", until)

    async def hand_back(self, job_id: int, attempt: int) -> None:
        until = self._now() + HANDED_BACK_TTL_SECONDS
        self._beacons[job_id] = (f"{Holder.HANDED_BACK.value}:{attempt}", until)

    async def holders(self, attempts: Mapping[int, int]) -> dict[int, Holder]:
        now = self._now()
        found: dict[int, Holder] = {}
        for job_id, attempt in attempts.items():
            value, until = self._beacons.get(job_id, (None, 0.0))
            found[job_id] = _decode(value if until > now else None, attempt)
        return found

    async def close(self) -> None:
        self._beacons.clear()


class RedisBeacons:
    """Distributed mode: one Redis key per held job, ``{prefix}:lease:{job_id}``, whose
    value names the attempt and which expires one lease after the last beat."""

    def __init__(self, redis_url: str, prefix: str, lease_seconds: float) -> None:
        self.redis_url = redis_url
        self.prefix = prefix
        self.lease_seconds = lease_seconds
        self._client: aioredis.Redis | None = None

    def _redis(self) -> aioredis.Redis:
        if self._client is None:  # made on first use, on the loop that uses it
            import redis.asyncio as aioredis

            self._client = aioredis.Redis.from_url(
                self.redis_url, socket_timeout=2, socket_connect_timeout=2
            )
        return self._client

    def key(self, job_id: int) -> str:
        return f"{self.prefix}:lease:{job_id}"

    async def beat(self, attempts: Mapping[int, int]) -> None:
        if not attempts:
            return
        pipe = self._redis().pipeline(transaction=False)
        for job_id, attempt in attempts.items():
            pipe.set(
                self.key(job_id),
                f"{Holder.HELD.value}:{attempt}",
                px=int(self.lease_seconds * 1000),
            )
        await pipe.execute()

    async def hand_back(self, job_id: int, attempt: int) -> None:
        await self._redis().set(
            self.key(job_id), f"{Holder.HANDED_BACK.value}:{attempt}", ex=HANDED_BACK_TTL_SECONDS
        )

    async def holders(self, attempts: Mapping[int, int]) -> dict[int, Holder]:
        if not attempts:
            return {}
        ids = list(attempts)
        values = await self._redis().mget([self.key(job_id) for job_id in ids])
        return {
            job_id: _decode(raw, attempts[job_id]) for job_id, raw in zip(ids, values, strict=True)
        }

    async def close(self) -> None:
        if self._client is not None:
            await self._client.aclose()
            self._client = None


def make_beacons(redis_url: str | None, prefix: str, lease_seconds: float) -> LeaseBeacons:
    """Redis beacons when there is a Redis (distributed mode), else this process's own."""
    if redis_url is None:
        return LocalBeacons(lease_seconds)
    return RedisBeacons(redis_url, prefix, lease_seconds)
