"""Prometheus metrics of one JobProcessor process, with ``prometheus-client``.

Counters and histograms count what *this* process did: an API process counts the jobs it
created, a worker process the jobs it started and finished (the embedded server both).
Prometheus sums them over processes. Each process serves its own metrics — API
processes at ``GET /metrics``, worker processes on ``jobprocessor worker --metrics-port``
— so no multiprocess mode (and no shared metrics folder) is needed. The gauges read from
the database and Redis (jobs per status, waiting jobs per queue, workers online) describe
the whole installation; every process reports the same values, so take ``max`` of them.

Labels are of low cardinality only: job type, status, queue. Never a user, a job id or a
parameter.
"""

from __future__ import annotations

import hmac
import logging
import threading
import time
from collections.abc import Awaitable, Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from prometheus_client import REGISTRY, CollectorRegistry, Counter, Gauge, Histogram
from prometheus_client.exposition import CONTENT_TYPE_LATEST, generate_latest

from workers.engine.records import JobRecord
from workers.engine.status import FINAL_STATUSES, JobStatus

logger = logging.getLogger(__name__)

#: Seconds a database-derived gauge is reused before the next scrape reads it again.
GAUGE_CACHE_SECONDS = 5.0
#: The content type of :func:`exposition`.
CONTENT_TYPE = CONTENT_TYPE_LATEST

_RUN_BUCKETS = (0.1, 0.5, 1, 2, 5, 10, 30, 60, 120, 300, 600, 1800, 3600, 7200)
_WAIT_BUCKETS = (0.01, 0.05, 0.1, 0.5, 1, 2, 5, 10, 30, 60, 300, 900, 3600, 86400)

JOBS_SUBMITTED = Counter(
    "jobprocessor_jobs_submitted", "Jobs submitted (created) by this process.", ["job_type"]
)
JOBS_FINISHED = Counter(
    "jobprocessor_jobs_finished",
    "Jobs that reached a final status (COMPLETED, FAILED, CANCELLED) in this process.",
    ["job_type", "status"],
)
JOB_RUN_SECONDS = Histogram(
    "jobprocessor_job_run_seconds",
    "Run time of finished jobs, from their start to their final status.",
    ["job_type"], buckets=_RUN_BUCKETS,
)
JOB_WAIT_SECONDS = Histogram(
    "jobprocessor_job_wait_seconds",
    "Time from submission (or the requested start time) to a worker starting the job.",
    ["job_type"], buckets=_WAIT_BUCKETS,
)
EVENTS_PUBLISHED = Counter(
    "jobprocessor_events_published", "Job change events this process published."
)
QUEUE_DEPTH = Gauge(
    "jobprocessor_queue_depth", "Jobs waiting in a queue that are due to start.", ["queue"]
)
JOBS = Gauge("jobprocessor_jobs", "Jobs stored, per status (from the database).", ["status"])
SUBSCRIBERS = Gauge("jobprocessor_subscribers", "Open event subscriptions in this process.")
WORKERS_ONLINE = Gauge(
    "jobprocessor_workers_online", "Worker processes whose heartbeat is current."
)

#: ``job_id → attempt`` whose start this process has counted (the claim's event).
_started: dict[int, int] = {}
_STARTED_CAP = 10_000


def observe_change(kind: str, record: JobRecord) -> None:
    """Count one published job change (called for every change this process publishes)."""
    EVENTS_PUBLISHED.inc()
    if kind == "created":
        JOBS_SUBMITTED.labels(record.type).inc()
        return
    if kind != "updated":
        _started.pop(record.id, None)
        return
    if record.status is JobStatus.RUNNING and _started.get(record.id) != record.attempt:
        _started[record.id] = record.attempt
        if len(_started) > _STARTED_CAP:
            del _started[next(iter(_started))]
        if record.started_at is not None:
            due = max(record.start_at or record.submitted_at, record.submitted_at)
            JOB_WAIT_SECONDS.labels(record.type).observe(
                max(0.0, (record.started_at - due).total_seconds())
            )
    elif record.status in FINAL_STATUSES:
        _started.pop(record.id, None)
        JOBS_FINISHED.labels(record.type, record.status.value).inc()
        if record.started_at is not None and record.finished_at is not None:
            JOB_RUN_SECONDS.labels(record.type).observe(
                max(0.0, (record.finished_at - record.started_at).total_seconds())
            )


#: Reads the installation-wide gauges: ``(jobs per status, waiting per queue, workers online)``.
GaugeReader = Callable[[], Awaitable[tuple[dict[str, int], dict[str, int], int]]]


class GaugeCache:
    """Refreshes the installation-wide gauges at most every :data:`GAUGE_CACHE_SECONDS`.

    A scrape every few seconds from several Prometheus servers then costs the database a
    few small aggregate queries per interval, not per scrape.
    """

    def __init__(self, read: GaugeReader, ttl: float = GAUGE_CACHE_SECONDS) -> None:
        self._read = read
        self._ttl = ttl
        self._read_at: float | None = None

    async def refresh(self) -> None:
        now = time.monotonic()
        if self._read_at is not None and now - self._read_at < self._ttl:
            return
        self._read_at = now
        try:
            by_status, by_queue, workers = await self._read()
        except Exception:
            logger.warning("metrics: could not read the job counts", exc_info=True)
            return
        for status in JobStatus:
            JOBS.labels(status.value).set(by_status.get(status.value, 0))
        for queue, depth in by_queue.items():
            QUEUE_DEPTH.labels(queue).set(depth)
        WORKERS_ONLINE.set(workers)


def exposition(registry: CollectorRegistry = REGISTRY) -> bytes:
    """The metrics in Prometheus' text format."""
    return generate_latest(registry)


def serve_in_thread(port: int, *, host: str = "127.0.0.1", token: str | None = None) -> Any:
    """Serve ``GET /metrics`` from a daemon thread (a worker process has no web server).

    Args:
        host: the interface; loopback by default, like the API's ``/metrics``.
        token: when set, requests must send ``Authorization: Bearer <token>``.

    Returns the server (``shutdown()`` stops it).
    """
    expected = f"Bearer {token}" if token else None

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            if self.path.split("?", 1)[0] != "/metrics":
                self._reply(404, b"not found\n", "text/plain")
            elif expected is not None and not hmac.compare_digest(
                self.headers.get("Authorization", ""), expected
            ):
                self._reply(401, b"send Authorization: Bearer <JOBPROCESSOR_METRICS_TOKEN>\n",
                            "text/plain")
            else:
                self._reply(200, exposition(), CONTENT_TYPE)

        def _reply(self, status: int, body: bytes, content_type: str) -> None:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: Any) -> None:
            logger.debug("metrics: " + format, *args)

    server = ThreadingHTTPServer((host, port), Handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, name="jobprocessor-metrics",
                     daemon=True).start()
    return server
