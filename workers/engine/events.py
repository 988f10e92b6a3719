"""Job events: what changed, published by the lifecycle and fanned out to subscribers.

Every process has one :class:`EventHub` that hands events to its local subscribers
(GraphQL subscriptions, a worker's cancel watcher). How events reach the hubs depends on
the mode:

* :class:`LocalEventBus` (embedded): publishing dispatches straight into the hub.
* :class:`RedisEventBus` (distributed): publishing is one Redis ``PUBLISH``; each process
  runs one shared listener that feeds its hub, so 1,000 subscribers cost one connection.

Pub/sub drops what nobody hears, so a subscriber reads the stored state first and treats
events as what happened since.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import re
import uuid
from collections.abc import AsyncIterator, Callable
from typing import Any, Literal, Protocol, TypedDict

from workers.engine.records import JobRecord

logger = logging.getLogger(__name__)

EventKind = Literal["created", "updated", "deleted"]

#: Events a subscriber may fall behind by before it is told to re-read the stored state.
SUBSCRIBER_BUFFER = 1000


class JobEventMessage(TypedDict):
    """The wire form of an event: what happened, the job's version after it, and the job
    as it is now."""

    kind: EventKind
    #: The job's id (``job["id"]``, repeated near the start so that a receiver that wants
    #: only some jobs' events can skip the others without decoding them).
    id: int
    #: The job's version after this change (``job["version"]``, repeated so a receiver can
    #: drop a state older than one it holds before decoding the job).
    version: int
    #: The publishing process (its bus's random tag): a process hands its own events to
    #: its hub as it publishes them and skips their echo without decoding it.
    origin: str
    job: dict[str, Any]


class JobChange:
    """An event as subscribers receive it.

    Of two changes of one job, the one with the higher :attr:`version` is the newer: the
    version is stored with the row and incremented by every write of it.
    """

    __slots__ = ("job", "kind")

    def __init__(self, kind: EventKind, job: JobRecord) -> None:
        self.kind = kind
        self.job = job

    @property
    def version(self) -> int:
        """The job's version after this change."""
        return self.job.version

    @classmethod
    def from_message(cls, message: JobEventMessage) -> JobChange:
        return cls(message["kind"], JobRecord.from_json(message["job"]))

    def to_message(self, origin: str = "") -> JobEventMessage:
        return {"kind": self.kind, "id": self.job.id, "version": self.job.version,
                "origin": origin, "job": self.job.to_json()}


class Subscription:
    """One subscriber's queue. ``lagged`` is set when events were dropped for it.

    Besides events the queue carries wake-ups (``None``, see :meth:`wake`): the API wakes
    its subscribers when rights change, so they re-check them without waiting for an event.
    """

    def __init__(self, hub: EventHub, job_id: int | None) -> None:
        self.hub = hub
        self.job_id = job_id
        self.queue: asyncio.Queue[JobChange | None] = asyncio.Queue(SUBSCRIBER_BUFFER)
        self.lagged = False

    def offer(self, change: JobChange) -> None:
        try:
            self.queue.put_nowait(change)
        except asyncio.QueueFull:
            self.lagged = True

    def wake(self) -> None:
        """Make a waiting :meth:`next` return ``None`` (a full queue wakes it anyway)."""
        with contextlib.suppress(asyncio.QueueFull):
            self.queue.put_nowait(None)

    async def get(self) -> JobChange:
        """The next event (waits; wake-ups are skipped)."""
        while True:
            change = await self.queue.get()
            if change is not None:
                return change

    async def next(self) -> JobChange | None:
        """The next event, or ``None`` when :meth:`wake` was called (waits)."""
        return await self.queue.get()

    def close(self) -> None:
        self.hub.unsubscribe(self)


class EventHub:
    """In-process fan-out, indexed by job id so a per-job subscriber costs nothing for others."""

    def __init__(self) -> None:
        self._all: set[Subscription] = set()
        self._by_job: dict[int, set[Subscription]] = {}
        self.loop: asyncio.AbstractEventLoop | None = None

    def subscribe(self, job_id: int | None = None) -> Subscription:
        """Start receiving events: of one job, or (``None``) of every job."""
        if self.loop is None:
            self.loop = asyncio.get_running_loop()
        sub = Subscription(self, job_id)
        if job_id is None:
            self._all.add(sub)
        else:
            self._by_job.setdefault(job_id, set()).add(sub)
        return sub

    def attach(self, sub: Subscription) -> None:
        """Register a subscription built elsewhere: a subclass whose ``offer`` handles each
        event as it is dispatched (the API's fan-out) instead of queueing it."""
        if self.loop is None:
            self.loop = asyncio.get_running_loop()
        if sub.job_id is None:
            self._all.add(sub)
        else:
            self._by_job.setdefault(sub.job_id, set()).add(sub)

    def unsubscribe(self, sub: Subscription) -> None:
        if sub.job_id is None:
            self._all.discard(sub)
            return
        subs = self._by_job.get(sub.job_id)
        if subs is not None:
            subs.discard(sub)
            if not subs:
                del self._by_job[sub.job_id]

    @property
    def has_subscribers(self) -> bool:
        """Whether anyone here listens (an event nobody hears need not be decoded)."""
        return bool(self._all or self._by_job)

    @property
    def subscriber_count(self) -> int:
        return len(self._all) + sum(len(s) for s in self._by_job.values())

    def wake_all(self) -> None:
        """Wake every subscriber (see :meth:`Subscription.wake`; call on the hub's loop)."""
        for sub in tuple(self._all):
            sub.wake()
        for subs in tuple(self._by_job.values()):
            for sub in tuple(subs):
                sub.wake()

    def dispatch(self, change: JobChange) -> None:
        """Hand ``change`` to every interested subscriber (call on the hub's loop)."""
        for sub in tuple(self._all):
            sub.offer(change)
        for sub in tuple(self._by_job.get(change.job.id, ())):
            sub.offer(change)

    def dispatch_threadsafe(self, change: JobChange) -> None:
        """:meth:`dispatch` from any thread or loop."""
        loop = self.loop
        if loop is None or loop.is_closed():
            return
        try:
            running = asyncio.get_running_loop()
        except RuntimeError:
            running = None
        if running is loop:
            self.dispatch(change)
        else:
            loop.call_soon_threadsafe(self.dispatch, change)

    @contextlib.asynccontextmanager
    async def listen(self, job_id: int | None = None) -> AsyncIterator[Subscription]:
        """``async with hub.listen(42) as sub:`` — a subscription closed on exit."""
        sub = self.subscribe(job_id)
        try:
            yield sub
        finally:
            sub.close()


class EventBus(Protocol):
    """Carries events from whoever changes a job to every process's hub."""

    hub: EventHub

    async def start(self) -> None: ...

    async def stop(self) -> None: ...

    async def publish(self, change: JobChange) -> None: ...


class LocalEventBus:
    """Embedded mode: one process, so publishing is a local dispatch."""

    def __init__(self) -> None:
        self.hub = EventHub()

    async def start(self) -> None:
        self.hub.loop = asyncio.get_running_loop()

    async def stop(self) -> None:
        return None

    async def publish(self, change: JobChange) -> None:
        self.hub.dispatch_threadsafe(change)


class RedisEventBus:
    """Distributed mode: Redis pub/sub with one shared listener per process.

    Publishing only queues the event; one sender task sends whatever has queued up in a
    single pipeline, so a busy worker pays one Redis round trip per batch of events, not
    per event, and the job's own work never waits for Redis. Order is kept (one sender).

    A process's own events reach its hub as they are published, not through Redis: each
    message carries its publisher's tag, and the listener drops its own echoes before
    decoding them. The listener also decodes nothing while the hub has no subscriber (a
    process that only submits), since an event is only ever handed to subscribers.
    """

    #: Events sent in one pipeline at most.
    BATCH = 500

    def __init__(self, redis_url: str, channel: str,
                 wanted: Callable[[int], bool] | None = None) -> None:
        """``wanted``: which jobs' events this process's hub needs (a worker: only those it
        runs, to stop them on a cancel); ``None``: every job's (an API process)."""
        import redis.asyncio as aioredis

        self.hub = EventHub()
        self.channel = channel
        self.wanted = wanted
        self._redis = aioredis.Redis.from_url(redis_url)
        self._listener: asyncio.Task[None] | None = None
        self._sender: asyncio.Task[None] | None = None
        self._outbox: asyncio.Queue[JobChange] = asyncio.Queue()
        self._ready = asyncio.Event()
        self.origin = uuid.uuid4().hex
        self._echo = f'"origin": "{self.origin}"'.encode()

    async def start(self) -> None:
        self.hub.loop = asyncio.get_running_loop()
        self._ready = asyncio.Event()
        self._outbox = asyncio.Queue()
        self._listener = asyncio.create_task(self._listen(), name="jobprocessor-events")
        self._sender = asyncio.create_task(self._send(), name="jobprocessor-publisher")
        await asyncio.wait_for(self._ready.wait(), timeout=10)

    async def stop(self) -> None:
        if self._sender is not None:
            # Deliver what is queued before closing (bounded: Redis may be gone).
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._outbox.join(), timeout=5)
            self._sender.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await self._sender
            self._sender = None
        if self._listener is not None:
            self._listener.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await self._listener
            self._listener = None
        await self._redis.aclose()

    async def publish(self, change: JobChange) -> None:
        self._outbox.put_nowait(change)
        if self.hub.has_subscribers and (self.wanted is None or self.wanted(change.job.id)):
            self.hub.dispatch_threadsafe(change)

    async def _send(self) -> None:
        while True:
            batch = [await self._outbox.get()]
            while len(batch) < self.BATCH and not self._outbox.empty():
                batch.append(self._outbox.get_nowait())
            try:
                pipe = self._redis.pipeline(transaction=False)
                for change in batch:
                    pipe.publish(self.channel, json.dumps(change.to_message(self.origin)))
                await pipe.execute()
            except asyncio.CancelledError:
                raise
            except Exception:
                # The row is the truth; subscribers re-read it. A lost event must not fail a job.
                logger.warning("could not publish %s events (jobs %s…)", len(batch),
                               batch[0].job.id, exc_info=True)
            finally:
                for _ in batch:
                    self._outbox.task_done()

    async def _listen(self) -> None:
        while True:
            pubsub = self._redis.pubsub(ignore_subscribe_messages=True)
            try:
                await pubsub.subscribe(self.channel)
                self._ready.set()
                async for raw in pubsub.listen():
                    if raw.get("type") != "message" or not self.hub.has_subscribers:
                        continue
                    if self._echo in raw["data"][:_HEADER]:  # ours: dispatched already
                        continue
                    if self.wanted is not None:
                        job_id = _job_id(raw["data"])
                        if job_id >= 0 and not self.wanted(job_id):
                            continue
                    try:
                        change = JobChange.from_message(json.loads(raw["data"]))
                    except (ValueError, KeyError, TypeError):
                        logger.warning("ignoring a malformed event on %s", self.channel)
                        continue
                    self.hub.dispatch(change)
            except asyncio.CancelledError:
                raise
            except Exception:
                logger.warning("event listener lost Redis; reconnecting", exc_info=True)
                await asyncio.sleep(0.5)
            finally:
                with contextlib.suppress(Exception):
                    await pubsub.aclose()


#: Bytes at the start of an event's wire form that hold its id, version and origin.
_HEADER = 160
#: The job id near the start of an event's wire form (see :class:`JobEventMessage`).
_JOB_ID = re.compile(rb'"id": (\d+)')


def _job_id(data: bytes) -> int:
    """The id of the job an encoded event is about; -1 when it cannot be read there (the
    event is then decoded and dispatched as any other)."""
    found = _JOB_ID.search(data, 0, _HEADER)
    return int(found.group(1)) if found else -1
