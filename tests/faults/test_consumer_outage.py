"""A Redis outage costs the workers no more than the outage itself (issue 12, items 3-4).

Measured at full size (``python -m bench.faults --only redis``), workers sat idle for
8-9 s after each Redis restart while jobs waited: Dramatiq retried a failed ack on the
*worker thread* every five seconds, and restarted a consumer that met a connection error
three seconds later, whenever Redis came back. These tests hold the consumer
(:class:`workers.engine.broker.WakingConsumer`) to what replaced that, on the throwaway
Redis, through Dramatiq's public API.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from typing import Any

import dramatiq
import pytest
import redis
from engine.conftest import SubmittedJobFactory
from servers import RedisServer

from workers.engine.broker import WakeUp, WakingConsumer, WakingRedisBroker
from workers.engine.reconcile import Reconciler
from workers.engine.services import Services

from .conftest import waiting_a_while

pytestmark = pytest.mark.integration


@pytest.fixture
def broker(redis_server: RedisServer) -> Iterator[WakingRedisBroker]:
    redis_server.restart()
    broker = WakingRedisBroker(url=redis_server.url, namespace="jp-outage",
                               middleware=[WakeUp()])
    broker.declare_queue("jobs")
    try:
        yield broker
    finally:
        if not redis_server.running:
            redis_server.start()
        broker.close()


def send(broker: WakingRedisBroker, job_id: int) -> dramatiq.Message[Any]:
    return broker.enqueue(dramatiq.Message(queue_name="jobs", actor_name="run_job",
                                           args=(job_id,), kwargs={}, options={}))


def receive(consumer: WakingConsumer) -> dramatiq.broker.MessageProxy:
    for _ in range(100):
        message = next(consumer)
        if message is not None:
            return message
    raise AssertionError("no message arrived")


def test_an_ack_during_an_outage_returns_and_the_same_consumer_goes_on_after_it(
    broker: WakingRedisBroker, redis_server: RedisServer
) -> None:
    consumer = broker.consume("jobs", prefetch=1, timeout=100)
    assert isinstance(consumer, WakingConsumer)
    send(broker, 1)
    message = receive(consumer)

    redis_server.kill()
    consumer.ack(message)  # the worker thread is free at once: no ConnectionClosed
    during = next(consumer)  # nor does the consumer raise (Dramatiq would restart it later)
    redis_server.start()
    sent = send(broker, 2)
    after = receive(consumer)

    assert during is None
    assert after.message_id == sent.message_id


def test_an_ack_that_could_not_reach_redis_is_written_by_the_next_consumer_call(
    broker: WakingRedisBroker, monkeypatch: pytest.MonkeyPatch
) -> None:
    consumer = broker.consume("jobs", prefetch=1, timeout=100)
    assert isinstance(consumer, WakingConsumer)
    send(broker, 1)
    message = receive(consumer)
    real_ack = broker.do_ack

    def unreachable_once(*args: Any) -> Any:
        monkeypatch.setattr(broker, "do_ack", real_ack)
        raise redis.ConnectionError("Redis is restarting")

    monkeypatch.setattr(broker, "do_ack", unreachable_once)
    consumer.ack(message)
    kept = broker.client.hlen(f"{broker.namespace}:jobs.msgs")
    next(consumer)

    assert kept == 1
    assert broker.client.hlen(f"{broker.namespace}:jobs.msgs") == 0


@pytest.mark.usefixtures("test_job_types")
async def test_a_reconciliation_redis_refused_is_tried_again_at_the_next_pass(
    queue_only: Services,
    submitted_job: SubmittedJobFactory,
    redis_server: RedisServer,
) -> None:
    queue_only.runtime.settings = queue_only.settings.with_overrides(
        reconcile_interval_seconds=3600
    )
    for _ in range(5):
        await submitted_job()
    await waiting_a_while()
    reconciler = Reconciler()

    await asyncio.to_thread(redis_server.kill)
    with pytest.raises(redis.ConnectionError):
        await reconciler.maybe_run()
    await asyncio.to_thread(redis_server.start)
    resent = await reconciler.maybe_run()

    assert resent == 5
