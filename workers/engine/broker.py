"""The Dramatiq broker and the one actor that runs jobs.

Messages carry only a job id. Two brokers:

* distributed: :class:`WakingRedisBroker`. Dramatiq's Redis consumer sleeps up to
  ``worker_timeout`` between polls when idle, so a new job could wait a second. Here each
  enqueue also pushes a wake token onto a Redis list that idle consumers block on
  (``BLPOP``), so an idle worker starts a job within milliseconds without busy polling.
  Built on Dramatiq's public broker API only: the ``after_enqueue`` middleware hook, and
  ``Broker.consume`` wrapping Redis's own consumer (asked never to sleep) in a
  :class:`dramatiq.broker.Consumer` that waits on the wake tokens instead.
* embedded: Dramatiq's in-memory ``StubBroker`` whose worker threads run the async actor
  on the server's own event loop (:func:`on_server_loop`).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any
from uuid import uuid4

import dramatiq
import redis
from dramatiq.broker import Broker, Consumer, MessageProxy
from dramatiq.brokers.redis import RedisBroker
from dramatiq.brokers.stub import StubBroker
from dramatiq.common import current_millis, dq_name
from dramatiq.errors import ConnectionClosed
from dramatiq.message import Message
from dramatiq.middleware import AsyncIO, Middleware, Retries
from dramatiq.middleware.middleware import MiddlewareError

from workers.engine import pausing
from workers.engine.memory_inventory import MessageLedger
from workers.engine.redis_inventory import RedisInventory
from workers.engine.runner import run_job
from workers.engine.runtime import AsyncSend
from workers.engine.sender import Sender, SendMany
from workers.engine.settings import Settings

logger = logging.getLogger(__name__)

ACTOR_NAME = "run_job"
#: Wake tokens kept at most per queue (more would only cause empty fetches).
WAKE_TOKENS_CAP = 64
#: How long a consumer that holds all it may prefetch waits at most for an ack before
#: looking again (ms); the delay queue's consumer polls at this interval.
FULL_WAIT_MS = 10
#: First and longest pause of a consumer between two tries while Redis is unreachable (s).
OUTAGE_FIRST_PAUSE = 0.05
OUTAGE_MAX_PAUSE = 0.5
#: What a consumer raises or meets when Redis is unreachable.
_REDIS_GONE = (ConnectionClosed, redis.ConnectionError, redis.TimeoutError)


def wake_key(broker: RedisBroker, queue_name: str) -> str:
    return f"{broker.namespace}:{queue_name}.wake"


#: Per thread: while sending a batch, the wake tokens owed per queue (see :func:`wakes_batched`).
_batch = threading.local()


def push_wake_tokens(broker: RedisBroker, queue_name: str, count: int) -> None:
    """Push ``count`` wake tokens (at most :data:`WAKE_TOKENS_CAP`) in one round trip."""
    key = wake_key(broker, queue_name)
    pipe = broker.client.pipeline(transaction=False)
    pipe.lpush(key, *[b"1"] * min(count, WAKE_TOKENS_CAP))
    pipe.ltrim(key, 0, WAKE_TOKENS_CAP - 1)
    pipe.execute()


class WakeUp(Middleware):
    """After each immediate enqueue, push a wake token for idle consumers (one token per
    message, so that as many idle consumers wake as there are messages)."""

    def after_enqueue(self, broker: Broker, message: Message, delay: int | None) -> None:
        if delay or not isinstance(broker, RedisBroker):
            return
        owed: dict[str, int] | None = getattr(_batch, "owed", None)
        if owed is not None:
            owed[message.queue_name] = owed.get(message.queue_name, 0) + 1
            return
        push_wake_tokens(broker, message.queue_name, 1)


@contextlib.contextmanager
def wakes_batched(broker: RedisBroker) -> Iterator[None]:
    """Enqueues inside push their wake tokens at the end, together, in one round trip.

    A failure to push them is only logged: the messages are in the queue, and idle
    consumers find them at their idle timeout.
    """
    _batch.owed = {}
    try:
        yield
    finally:
        owed, _batch.owed = _batch.owed, None
        for queue_name, count in owed.items():
            try:
                push_wake_tokens(broker, queue_name, count)
            except redis.RedisError:
                logger.warning("could not wake the consumers of %s", queue_name,
                               exc_info=True)


class WakingConsumer(Consumer):
    """Redis's own consumer, waiting on wake tokens instead of sleeping when idle.

    The Redis consumer it wraps fetches, acks and nacks as Dramatiq does; it is created
    with an idle timeout of 0, so it returns at once when it has nothing to hand out, and
    this consumer then waits for what would give it something:

    - when its queue was empty (the wrapped consumer fetched and found nothing), for an
      enqueue, blocking on the queue's wake list (see :class:`WakeUp`) for up to the
      worker's idle timeout;
    - when it holds as many messages as it may prefetch (it did not fetch at all), for an
      ack or nack to make room — a wake token is of no use then, and waiting on one while
      a backlog sits in Redis would stall the worker until the idle timeout.

    Which of the two happened is known without the wrapped consumer's internals: it
    fetches exactly when it holds fewer unacknowledged messages than it may prefetch,
    and those are the messages this consumer handed out and has not seen acked.

    Redis unreachable (restarting, often empty) costs no more than the outage itself:

    - the consumer keeps trying every :data:`OUTAGE_MAX_PAUSE` at most, instead of
      raising — Dramatiq would restart it three seconds later, whenever Redis came back;
    - an ack or nack that cannot reach Redis is left to the broker
      (:meth:`WakingRedisBroker.defer`) and written by the next consumer call that can,
      instead of raising — Dramatiq would keep the *worker thread* retrying it every five
      seconds, running no job meanwhile. The job's outcome is in the database already;
      the ack only tidies Redis (after an empty restart there is nothing left to tidy).
    """

    def __init__(self, broker: RedisBroker, inner: Consumer, queue_name: str,
                 prefetch: int, timeout_ms: int) -> None:
        self.broker = broker
        self.inner = inner
        self.queue_name = queue_name
        self.prefetch = prefetch
        self.timeout_ms = timeout_ms
        #: Messages handed to the worker and not yet acked or nacked.
        self._held: set[str] = set()
        #: Set by every ack and nack: there may be room to fetch again.
        self._room = threading.Event()
        self._wake = wake_key(broker, queue_name)
        #: The pause before the next try while Redis is unreachable (0: it answers).
        self._outage_pause = 0.0

    def __next__(self) -> MessageProxy | None:
        self._room.clear()
        could_fetch = len(self._held) < self.prefetch
        try:
            self.broker.settle_deferred()
            message: MessageProxy | None = next(self.inner)
            if message is not None:
                self._held.add(message.message_id)
            elif self.queue_name.endswith(".DQ"):
                time.sleep(min(self.timeout_ms, FULL_WAIT_MS) / 1000)
            elif could_fetch:
                # The queue was empty: block until an enqueue wakes us (or the timeout).
                self.broker.client.blpop([self._wake], timeout=max(self.timeout_ms / 1000, 0.01))
            else:
                self._room.wait(FULL_WAIT_MS / 1000)
        except _REDIS_GONE as exc:
            self._wait_out(exc)
            return None
        if self._outage_pause:
            logger.warning("consumer of %s: Redis answers again", self.queue_name)
            self._outage_pause = 0.0
        return message

    def _wait_out(self, exc: BaseException) -> None:
        if not self._outage_pause:
            logger.warning("consumer of %s: Redis unreachable (%s); trying again",
                           self.queue_name, exc)
        self._outage_pause = min(OUTAGE_MAX_PAUSE, max(OUTAGE_FIRST_PAUSE,
                                                       self._outage_pause * 2))
        time.sleep(self._outage_pause)

    def ack(self, message: MessageProxy) -> None:
        try:
            self.inner.ack(message)
        except _REDIS_GONE:
            self.broker.defer(self.queue_name, "ack", message.options["redis_message_id"])
        finally:
            self._held.discard(message.message_id)
            self._room.set()

    def nack(self, message: MessageProxy) -> None:
        try:
            self.inner.nack(message)
        except _REDIS_GONE:
            self.broker.defer(self.queue_name, "nack", message.options["redis_message_id"])
        finally:
            self._held.discard(message.message_id)
            self._room.set()

    def requeue(self, messages: Iterable[MessageProxy]) -> None:
        self.inner.requeue(messages)

    def close(self) -> None:
        self.inner.close()


class WakingRedisBroker(RedisBroker):
    """A Redis broker whose idle consumers wake on enqueue and wait out Redis outages."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._deferred: list[tuple[str, str, str]] = []
        self._deferred_lock = threading.Lock()

    def defer(self, queue_name: str, command: str, redis_message_id: str) -> None:
        """Keep an ack or nack (``command``) that could not reach Redis, for later."""
        with self._deferred_lock:
            self._deferred.append((queue_name, command, redis_message_id))
            count = len(self._deferred)
        logger.warning("Redis unreachable: %s of a message deferred (%s waiting)", command,
                       count)

    def settle_deferred(self) -> None:
        """Write the deferred acks and nacks (any consumer thread calls this).

        Raises:
            redis.ConnectionError: Redis is still unreachable (the rest stay deferred).
        """
        with self._deferred_lock:
            pending, self._deferred = self._deferred, []
        while pending:
            queue_name, command, redis_message_id = pending[0]
            try:
                getattr(self, f"do_{command}")(queue_name, redis_message_id)
            except BaseException:
                with self._deferred_lock:
                    self._deferred[:0] = pending
                raise
            pending.pop(0)

    def enqueue_many(self, messages: Sequence[tuple[Message, int | None]]
                     ) -> list[BaseException | None]:
        """Enqueue many messages in one round trip: each as :meth:`RedisBroker.enqueue`
        does (a fresh Redis message id, the delay queue for a delay, the middleware's
        ``before``/``after_enqueue``), their dispatch scripts in one pipeline.

        Returns each message's outcome, in order: ``None`` when Redis has it, else the
        error Redis gave for it. Raises what the pipeline as a whole raised (Redis
        unreachable).
        """
        dispatch = self.scripts["dispatch"]
        pipe = self.client.pipeline(transaction=False)
        outcomes: list[BaseException | None] = []
        queued: list[tuple[int, Message, int | None]] = []
        for message, delay in messages:
            message = message.copy(options={"redis_message_id": str(uuid4())})
            queue_name = message.queue_name
            if delay is not None:
                queue_name = dq_name(queue_name)
                message = message.copy(queue_name=queue_name,
                                       options={"eta": current_millis() + delay})
            self.emit_before("enqueue", message, delay)
            dispatch(keys=[self.namespace], client=pipe, args=[
                "enqueue", current_millis(), queue_name, self.broker_id,
                self.heartbeat_timeout, self.dead_message_ttl,
                self._should_do_maintenance("enqueue"), self._max_unpack_size(),
                message.options["redis_message_id"], message.encode(),
            ])
            queued.append((len(outcomes), message, delay))
            outcomes.append(None)
        if not queued:
            return outcomes
        replies = pipe.execute(raise_on_error=False)
        for (position, message, delay), reply in zip(queued, replies, strict=True):
            if isinstance(reply, BaseException):
                outcomes[position] = reply
                continue
            try:
                self.emit_after("enqueue", message, delay)
            except Exception:
                logger.warning("after_enqueue failed for a sent message", exc_info=True)
        return outcomes

    def consume(self, queue_name: str, prefetch: int = 1, timeout: int = 5000) -> Consumer:
        """Dramatiq's Redis consumer for ``queue_name``, waking on enqueue when idle."""
        inner = super().consume(queue_name, prefetch=prefetch, timeout=0)
        return WakingConsumer(self, inner, queue_name, prefetch, timeout)

    def pending_count(self, queue_name: str) -> int:
        """Messages waiting in ``queue_name`` (not yet fetched by a worker)."""
        return int(self.client.llen(f"{self.namespace}:{queue_name}"))


def make_inventory(broker: Broker, settings: Settings) -> RedisInventory | MessageLedger | None:
    """The broker's inventory for the reconciler: what Redis holds, or, embedded, the
    in-memory broker's :class:`MessageLedger`; None for a broker without either."""
    if isinstance(broker, WakingRedisBroker):
        return RedisInventory(broker, settings.queue_name,
                              f"{settings.redis_prefix}:reconcile-lock")
    return next((m for m in broker.middleware if isinstance(m, MessageLedger)), None)


def on_server_loop(loop: asyncio.AbstractEventLoop) -> Callable[[int], None]:
    """The job actor's body in embedded mode: run the job on the server's own loop.

    The in-process worker threads hand each job's coroutine to the API server's running
    loop (``asyncio.run_coroutine_threadsafe``) and wait for it, so jobs share the server's
    database connections and event hub instead of a second loop that would need its own.
    """

    def run_job_on_server_loop(job_id: int) -> None:
        asyncio.run_coroutine_threadsafe(run_job(job_id), loop).result()

    return run_job_on_server_loop


def build_broker(settings: Settings, *, loop: asyncio.AbstractEventLoop | None = None) -> Broker:
    """The broker for ``settings``, with the job actor declared on it.

    Args:
        loop: embedded mode only — the running loop the in-process workers share.
    """
    middleware: list[Middleware] = [Retries(max_retries=0)]
    broker: Broker
    if settings.embedded:
        if loop is None:
            raise MiddlewareError("embedded workers need the server's event loop")
        broker = StubBroker(middleware=[*middleware, MessageLedger()])
        declare_actor(broker, settings, on_server_loop(loop))
        return broker
    else:
        assert settings.redis_url is not None
        broker = WakingRedisBroker(
            url=settings.redis_url, middleware=middleware, namespace=f"{settings.redis_prefix}-dq"
        )
        broker.add_middleware(AsyncIO())
        broker.add_middleware(WakeUp())
    declare_actor(broker, settings)
    return broker


def declare_actor(
    broker: Broker, settings: Settings, fn: Callable[[int], Any] = run_job
) -> dramatiq.Actor[Any, Any]:
    """Declare the job actor on ``broker`` (no retries: the reaper owns re-attempts)."""
    return dramatiq.Actor(
        fn,
        broker=broker,
        actor_name=ACTOR_NAME,
        queue_name=settings.queue_name,
        priority=0,
        options={"max_retries": 0},
    )


def make_enqueue(broker: Broker, settings: Settings) -> Any:
    """A function that sends a job id to the job actor, optionally delayed (ms)."""
    actor = broker.get_actor(ACTOR_NAME)

    def enqueue(job_id: int, delay_ms: int | None) -> None:
        if pausing.message_withheld():  # its queue or type is paused; resume sends it
            return
        actor.send_with_options(args=(job_id,), delay=delay_ms)

    return enqueue


def make_send_many(broker: WakingRedisBroker) -> SendMany:
    """Sends many job messages (for :class:`workers.engine.sender.Sender`'s thread): their
    enqueue scripts in one pipeline (:meth:`WakingRedisBroker.enqueue_many`), their wake
    tokens together in one more round trip."""
    actor = broker.get_actor(ACTOR_NAME)

    def send_many(messages: Sequence[tuple[int, int | None]]) -> list[BaseException | None]:
        with wakes_batched(broker):
            return broker.enqueue_many([(actor.message_with_options(args=(job_id,)), delay_ms)
                                        for job_id, delay_ms in messages])

    return send_many


def make_async_send(sender: Sender) -> AsyncSend:
    """The submissions' send: through ``sender``, unless the job's queue or type is paused
    (decided here, on the loop: the paused flag is the submission's context variable)."""

    async def send(job_id: int, delay_ms: int | None) -> None:
        if pausing.message_withheld():  # its queue or type is paused; resume sends it
            return
        await sender.send(job_id, delay_ms)

    return send


def make_pending_count(broker: Broker, settings: Settings) -> Any:
    """A function that counts job messages waiting in the broker (None when unknown)."""

    def pending() -> int | None:
        try:
            if isinstance(broker, WakingRedisBroker):
                return broker.pending_count(settings.queue_name)
            if isinstance(broker, StubBroker):
                queues = broker.queues
                return sum(
                    queues[name].qsize()
                    for name in (settings.queue_name, dq_name(settings.queue_name))
                    if name in queues
                )
        except Exception:
            logger.warning("could not count pending messages", exc_info=True)
        return None

    return pending
