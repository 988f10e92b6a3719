"""The waking Redis consumer on the real Redis, through Dramatiq's public API only.

:class:`workers.engine.broker.WakingConsumer` relies on two things of Dramatiq's Redis
broker: ``RedisBroker.consume(queue, prefetch=, timeout=0)`` gives a consumer that
returns ``None`` on an empty queue instead of waiting, and the ``after_enqueue``
middleware hook runs on every send. If an upgrade of Dramatiq changes either, these
tests fail and say which.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator

import dramatiq
import pytest
from dramatiq.broker import Consumer, MessageProxy

from workers.engine.broker import WakeUp, WakingConsumer, WakingRedisBroker

#: Idle timeout of the consumers here: long, so only a wake-up can end a wait in time.
IDLE_MS = 60_000
#: How long a test waits for a consumer thread before failing (not a measured duration).
GIVE_UP_SECONDS = 20


@pytest.fixture
def broker(redis_url: str, redis_prefix: str) -> Iterator[WakingRedisBroker]:
    broker = WakingRedisBroker(url=redis_url, namespace=redis_prefix, middleware=[WakeUp()])
    broker.declare_queue("jobs")
    try:
        yield broker
    finally:
        keys = list(broker.client.scan_iter(f"{redis_prefix}*"))
        if keys:
            broker.client.delete(*keys)
        broker.close()


def test_dramatiqs_redis_consumer_returns_at_once_when_asked_not_to_wait(
    broker: WakingRedisBroker,
) -> None:
    inner = super(WakingRedisBroker, broker).consume("jobs", prefetch=1, timeout=0)

    assert isinstance(inner, Consumer), "RedisBroker.consume no longer returns a Consumer"
    assert next(inner) is None, (
        "Dramatiq's Redis consumer no longer returns None on an empty queue: "
        "WakingConsumer needs revisiting for this Dramatiq version"
    )


def test_an_idle_consumer_wakes_for_a_message_sent_while_it_waits(
    broker: WakingRedisBroker,
) -> None:
    consumer = broker.consume("jobs", prefetch=1, timeout=IDLE_MS)
    assert isinstance(consumer, WakingConsumer)
    received: list[MessageProxy] = []
    waiting = threading.Event()

    def consume() -> None:
        waiting.set()
        while not received:
            message = next(consumer)  # blocks on the wake list while the queue is empty
            if message is not None:
                received.append(message)

    thread = threading.Thread(target=consume, daemon=True)
    thread.start()
    waiting.wait(GIVE_UP_SECONDS)
    sent = broker.enqueue(dramatiq.Message(queue_name="jobs", actor_name="run_job",
                                           args=(7,), kwargs={}, options={}))
    thread.join(GIVE_UP_SECONDS)

    assert not thread.is_alive(), "the waiting consumer was not woken by the enqueue"
    assert [m.message_id for m in received] == [sent.message_id]
    consumer.ack(received[0])
    assert broker.client.llen(f"{broker.namespace}:jobs") == 0


class AckWhileFetching(Consumer):
    """Dramatiq's consumer, but a worker acks a held message while it returns ``None`` for
    being full — the moment at which a consumer that then waited for a wake token would
    sleep out its whole idle timeout with a backlog in Redis."""

    def __init__(self, inner: Consumer, consumer: WakingConsumer, held: MessageProxy) -> None:
        self.inner = inner
        self.consumer = consumer
        self.held: MessageProxy | None = held

    def __next__(self) -> MessageProxy | None:
        message = next(self.inner)
        if self.held is not None:
            self.consumer.ack(self.held)
            self.held = None
        return message

    def ack(self, message: MessageProxy) -> None:
        self.inner.ack(message)

    def nack(self, message: MessageProxy) -> None:
        self.inner.nack(message)


def test_a_full_consumer_takes_the_backlog_once_a_message_is_acked_without_a_wake_token(
    broker: WakingRedisBroker,
) -> None:
    first, second = (broker.enqueue(dramatiq.Message(queue_name="jobs", actor_name="run_job",
                                                     args=(n,), kwargs={}, options={}))
                     for n in (1, 2))
    broker.client.delete(f"{broker.namespace}:jobs.wake")  # a backlog, no tokens left
    consumer = broker.consume("jobs", prefetch=1, timeout=IDLE_MS)
    assert isinstance(consumer, WakingConsumer)
    held = next(consumer)
    assert held is not None and held.message_id == first.message_id
    consumer.inner = AckWhileFetching(consumer.inner, consumer, held)
    received: list[MessageProxy] = []

    def consume() -> None:
        while not received:
            message = next(consumer)
            if message is not None:
                received.append(message)

    thread = threading.Thread(target=consume, daemon=True)
    thread.start()
    thread.join(GIVE_UP_SECONDS)

    assert not thread.is_alive(), (
        "the consumer waited for a wake token instead of fetching the waiting message")
    assert [m.message_id for m in received] == [second.message_id]
    consumer.ack(received[0])
