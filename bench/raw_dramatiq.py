"""Raw Dramatiq on Redis, for side-by-side comparison: a no-op actor and its worker.

Run as a worker: ``python -m bench.raw_dramatiq`` with BENCH_NAMESPACE and BENCH_THREADS.
The actor stores, per message, the delay between its enqueue time and its start in a
Redis list (used by the idle-latency benchmark).
"""

from __future__ import annotations

import os
import signal
import threading
import time

import dramatiq
import redis
from dramatiq.brokers.redis import RedisBroker

REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/0")
NAMESPACE = os.environ.get("BENCH_NAMESPACE", "jpbench-raw")

broker = RedisBroker(url=REDIS_URL, namespace=NAMESPACE)
_client = redis.Redis.from_url(REDIS_URL)


@dramatiq.actor(broker=broker, max_retries=0, queue_name="bench")
def noop(sent_at: float | None = None) -> None:
    if sent_at is not None:
        _client.rpush(f"{NAMESPACE}:latency", time.time() - sent_at)


def main() -> None:
    threads = int(os.environ.get("BENCH_THREADS", "8"))
    worker = dramatiq.Worker(broker, worker_threads=threads)
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    broker.emit_after("process_boot")
    worker.start()
    stop.wait()
    worker.stop()


if __name__ == "__main__":
    main()
