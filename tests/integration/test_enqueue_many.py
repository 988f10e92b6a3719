"""Many messages enqueued in one pipeline, on the real Redis: each lands as Dramatiq's own
``enqueue`` would put it (its queue, the delay queue for a delay, its wake token)."""

from __future__ import annotations

from collections.abc import Iterator

import dramatiq
import pytest
from dramatiq.common import dq_name
from dramatiq.message import Message

from workers.engine.broker import WakeUp, WakingRedisBroker, wake_key, wakes_batched


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


def _queued(broker: WakingRedisBroker, queue_name: str) -> list[int]:
    """The job ids waiting in ``queue_name``, in the order they will be handed out."""
    ids = broker.client.lrange(f"{broker.namespace}:{queue_name}", 0, -1)
    messages = broker.client.hmget(f"{broker.namespace}:{queue_name}.msgs", *ids) if ids else []
    return sorted(Message.decode(m).args[0] for m in messages)


def test_messages_enqueued_together_land_where_dramatiqs_enqueue_puts_them(
    broker: WakingRedisBroker,
) -> None:
    actor = dramatiq.actor(lambda job_id: None, broker=broker, actor_name="job",
                           queue_name="jobs")
    messages = [(actor.message(job_id), 60_000 if job_id == 3 else None) for job_id in range(5)]

    with wakes_batched(broker):
        outcomes = broker.enqueue_many(messages)

    assert outcomes == [None] * 5
    assert _queued(broker, "jobs") == [0, 1, 2, 4]
    assert _queued(broker, dq_name("jobs")) == [3]  # delayed: the delay queue
    assert broker.client.llen(wake_key(broker, "jobs")) == 4  # one token per immediate one
    consumer = broker.consume("jobs", prefetch=10, timeout=1000)
    fetched = sorted(next(consumer).args[0] for _ in range(4))
    assert fetched == [0, 1, 2, 4]
    consumer.close()
