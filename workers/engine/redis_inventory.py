"""What the Redis broker still holds, for the reconciler (:mod:`workers.engine.reconcile`).

The embedded in-memory broker's counterpart is :mod:`workers.engine.memory_inventory`.
"""

from __future__ import annotations

import json
import time
from typing import Any

from dramatiq.brokers.redis import RedisBroker
from dramatiq.common import dq_name

#: A consumer that has not talked to Redis for this long holds its fetched messages for
#: nobody (killed with ``kill -9``); Dramatiq itself notices only after minutes.
SILENT_CONSUMER_MS = 10_000


class RedisInventory:
    """What the Redis broker still holds, for the reconciler (:mod:`workers.engine.reconcile`).

    Dramatiq keeps every message in ``{ns}:{queue}.msgs`` (and ``{queue}.DQ.msgs`` while
    delayed) from its enqueue to its ack, whether it waits in the queue or was fetched by
    a consumer. A message fetched by a consumer that fell silent (its process was killed)
    will not be delivered, so it does not count.
    """

    def __init__(self, broker: RedisBroker, queue_name: str, lock_key: str) -> None:
        self.broker = broker
        self.queue_name = queue_name
        self.lock_key = lock_key

    def take_turn(self, seconds: float, holder: str) -> bool:
        """True for the one process (of all sharing this Redis) whose turn it is now."""
        return bool(self.broker.client.set(self.lock_key, holder, nx=True,
                                           px=max(1, int(seconds * 1000))))

    def job_ids(self) -> set[int]:
        """The jobs that have a message the broker will still deliver."""
        client = self.broker.client
        ns = self.broker.namespace
        messages: dict[str, int] = {}
        for queue in (self.queue_name, dq_name(self.queue_name)):
            for message_id, data in client.hscan_iter(f"{ns}:{queue}.msgs", count=1000):
                job_id = _job_id_of(data)
                if job_id is not None:
                    messages[_text(message_id)] = job_id
        now_ms = int(time.time() * 1000)
        silent_since = now_ms - SILENT_CONSUMER_MS
        live = {_text(worker) for worker in
                client.zrangebyscore(f"{ns}:__heartbeats__", silent_since, "+inf")}
        acks_prefix = f"{ns}:__acks__."
        for key in client.scan_iter(match=f"{acks_prefix}*", count=1000):
            worker = _text(key)[len(acks_prefix):].split(".", 1)[0]
            if worker not in live:
                for message_id in client.smembers(key):
                    messages.pop(_text(message_id), None)
        return set(messages.values())


def _text(value: Any) -> str:
    return value.decode() if isinstance(value, bytes) else str(value)


def _job_id_of(data: bytes) -> int | None:
    try:
        args = json.loads(data)["args"]
        return int(args[0])
    except (ValueError, KeyError, IndexError, TypeError):
        return None
