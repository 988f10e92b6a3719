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
