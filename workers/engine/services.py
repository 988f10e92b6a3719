"""Starting and stopping what a JobProcessor process runs.

* :func:`open_services` — for the API server and tests: database, event bus, broker
  handle, and (embedded mode) Dramatiq workers on the server's own event loop.
* :func:`run_worker_process` — for ``jobprocessor worker``: a Dramatiq worker whose
  async actors run on Dramatiq's event-loop thread, with the same services set up on it.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from dramatiq import Worker
from dramatiq.asyncio import get_event_loop_thread
from dramatiq.broker import Broker
from dramatiq.middleware import Middleware
from dramatiq.middleware.middleware import MiddlewareError

from workers.engine import db, metrics
from workers.engine.broker import (
    WakingRedisBroker,
    build_broker,
    make_async_send,
    make_enqueue,
    make_inventory,
    make_pending_count,
    make_send_many,
)
from workers.engine.events import EventBus, LocalEventBus, RedisEventBus
from workers.engine.maintenance import MaintenanceLoop, reconcile
from workers.engine.observers import ObservedBus
from workers.engine.presence import Heartbeat, WorkerDirectory, close_directory, make_directory
from workers.engine.registry import JOB_TYPES
from workers.engine.runner import running_jobs
from workers.engine.runtime import Runtime, get_runtime, set_runtime
from workers.engine.sender import Sender
from workers.engine.settings import Settings
from workers.engine.shutdown import hand_back_running_jobs

logger = logging.getLogger(__name__)

#: How long an idle in-process consumer waits before polling again (the stub broker wakes at once).
EMBEDDED_WORKER_TIMEOUT_MS = 100


def make_bus(settings: Settings, wanted: Callable[[int], bool] | None = None) -> EventBus:
    """The process's event bus, whose published changes are counted and logged.

    Args:
        wanted: which jobs' events the process needs (a worker process: the jobs it runs);
            ``None``: all of them.
    """
    return ObservedBus(_make_bus(settings, wanted))


def _make_bus(settings: Settings, wanted: Callable[[int], bool] | None) -> EventBus:
    if settings.embedded:
        return LocalEventBus()
    assert settings.redis_url is not None
    return RedisEventBus(settings.redis_url, f"{settings.redis_prefix}:events", wanted)


@dataclass
class Services:
    """What :func:`open_services` started; :meth:`close` stops it in reverse."""

    settings: Settings
    runtime: Runtime
    broker: Broker
    worker: Worker | None = None
    maintenance: MaintenanceLoop | None = None
    #: Where worker heartbeats are read (and, embedded, written).
    workers: WorkerDirectory | None = None
    heartbeat: Heartbeat | None = None
    #: Sends submissions' messages off the loop (distributed mode).
    sender: Sender | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def bus(self) -> EventBus:
        return self.runtime.bus

    async def close(self) -> None:
        if self.heartbeat is not None:
            await self.heartbeat.stop()
        if self.maintenance is not None:
            await self.maintenance.stop()
        if self.worker is not None:
            await _hand_back_jobs()
            # Worker threads wait on coroutines of this loop: stop them from another thread.
            await asyncio.to_thread(self.worker.stop, 10_000)
            await running_jobs.stop()
        if self.sender is not None:
            await asyncio.to_thread(self.sender.close)
        await self.runtime.bus.stop()
        if self.workers is not None:
            await close_directory(self.workers)
        await self.runtime.lease_beacons.close()
        self.broker.close()
        set_runtime(None)
        await db.disconnect()


async def open_services(
    settings: Settings, *, run_jobs: bool | None = None, migrate: bool = False
) -> Services:
    """Connect everything this process needs on the running loop.

    Args:
        run_jobs: run Dramatiq workers in this process; defaults to embedded mode.
        migrate: apply pending migrations first (embedded start).

    Raises:
        db.DatabaseUnavailableError: the database does not answer.
        registry.JobTypeLoadError: an installed job type cannot be loaded.
    """
    if run_jobs is None:
        run_jobs = settings.embedded
    if run_jobs and not settings.embedded:
        raise ValueError("with Redis configured, jobs run in `jobprocessor worker` processes")
    JOB_TYPES.load()  # before the first submission or job, not during it
    if migrate:
        await db.migrate(settings)
    await db.connect(settings)
    loop = asyncio.get_running_loop()
    bus = make_bus(settings)
    await bus.start()
    broker = build_broker(settings, loop=loop if settings.embedded else None)
    sender = Sender(make_send_many(broker)) if isinstance(broker, WakingRedisBroker) else None
    runtime = Runtime(
        settings=settings,
        bus=bus,
        enqueue=make_enqueue(broker, settings),
        send_async=make_async_send(sender) if sender is not None else None,
        pending_count=make_pending_count(broker, settings),
        inventory=make_inventory(broker, settings),
    )
    set_runtime(runtime)
    directory = make_directory(settings.redis_url, settings.redis_prefix)
    services = Services(settings=settings, runtime=runtime, broker=broker, workers=directory,
                        sender=sender)
    if run_jobs:
        await running_jobs.start(bus.hub, settings.lease_seconds)
        worker = Worker(
            broker,
            worker_threads=settings.worker_threads,
            worker_timeout=EMBEDDED_WORKER_TIMEOUT_MS,
        )
        worker.start()
        services.worker = worker
        await reconcile(everything=True)
        services.maintenance = MaintenanceLoop()
        services.maintenance.start()
        services.heartbeat = _heartbeat(directory, runtime, settings.worker_threads)
        await services.heartbeat.start()
    return services


def _heartbeat(directory: WorkerDirectory, runtime: Runtime, threads: int) -> Heartbeat:
    return Heartbeat(directory, name=runtime.worker_name, threads=threads,
                     queues=(runtime.settings.queue_name,), running=running_jobs.job_ids)


async def _hand_back_jobs() -> None:
    grace = get_runtime().settings.shutdown_grace_seconds
    await hand_back_running_jobs(running_jobs, grace)


class WorkerProcessServices(Middleware):
    """Sets up a worker process's services on Dramatiq's event-loop thread.

    Runs in ``before_worker_boot`` (after the AsyncIO middleware started the loop, before
    any message is consumed). A failure there is fatal: a worker without its database
    must not consume jobs.
    """

    def __init__(self, settings: Settings, threads: int | None = None) -> None:
        self.settings = settings
        self.threads = threads or settings.worker_threads
        self.maintenance = MaintenanceLoop()
        self.bus: EventBus | None = None
        self.heartbeat: Heartbeat | None = None

    def before_worker_boot(self, broker: Broker, worker: Any) -> None:
        loop_thread = get_event_loop_thread()
        if loop_thread is None:
            raise MiddlewareError("the AsyncIO middleware must come first")
        try:
            loop_thread.run_coroutine(self._start(broker))
        except Exception as exc:
            logger.critical("worker start-up failed: %s", exc)
            raise MiddlewareError(str(exc)) from exc

    def after_worker_shutdown(self, broker: Broker, worker: Any) -> None:
        loop_thread = get_event_loop_thread()
        if loop_thread is not None:
            loop_thread.run_coroutine(self._stop())

    def hand_back_jobs(self) -> None:
        """Before stopping the worker: hand running jobs back (call from any thread)."""
        loop_thread = get_event_loop_thread()
        if loop_thread is not None:
            loop_thread.run_coroutine(self._hand_back())

    async def _hand_back(self) -> None:
        # This worker must not send the jobs it hands back to itself.
        await self.maintenance.stop()
        await _hand_back_jobs()

    async def _start(self, broker: Broker) -> None:
        JOB_TYPES.load()  # before the first message: its imports would block the loop
        await db.connect(self.settings)
        # A worker process listens only for the jobs it runs (to stop them on a cancel):
        # decoding every job's events would cost it more than running its own.
        self.bus = make_bus(self.settings, wanted=running_jobs.__contains__)
        await self.bus.start()
        set_runtime(
            Runtime(
                settings=self.settings,
                bus=self.bus,
                enqueue=make_enqueue(broker, self.settings),
                pending_count=make_pending_count(broker, self.settings),
                inventory=make_inventory(broker, self.settings),
            )
        )
        await running_jobs.start(self.bus.hub, self.settings.lease_seconds)
        self.maintenance.start()
        runtime = get_runtime()
        self.heartbeat = _heartbeat(
            make_directory(self.settings.redis_url, self.settings.redis_prefix), runtime,
            self.threads,
        )
        await self.heartbeat.start()

    async def _stop(self) -> None:
        if self.heartbeat is not None:
            await self.heartbeat.stop()
            await close_directory(self.heartbeat.directory)
            self.heartbeat = None
        await self.maintenance.stop()
        await running_jobs.stop()
        if self.bus is not None:
            await self.bus.stop()
        with contextlib.suppress(RuntimeError):
            await get_runtime().lease_beacons.close()
        set_runtime(None)
        await db.disconnect()


def run_worker_process(
    settings: Settings, *, threads: int | None = None, metrics_port: int | None = None,
    metrics_host: str = "127.0.0.1",
) -> int:
    """Run a Dramatiq worker until SIGINT/SIGTERM; returns the process exit code.

    Args:
        metrics_port: serve this process's Prometheus metrics at ``/metrics`` on it.
    """
    if settings.embedded:
        raise ValueError(
            "`jobprocessor worker` needs JOBPROCESSOR_REDIS_URL; the embedded server "
            "already runs its own workers"
        )
    broker = build_broker(settings)
    services = WorkerProcessServices(settings, threads)
    broker.add_middleware(services)
    broker.emit_after("process_boot")
    worker = Worker(broker, worker_threads=threads or settings.worker_threads, worker_timeout=1000)
    stop = threading.Event()

    def on_signal(signum: int, frame: Any) -> None:
        logger.info("received signal %s; handing running jobs back at their checkpoints",
                    signum)
        stop.set()

    signal.signal(signal.SIGINT, on_signal)
    signal.signal(signal.SIGTERM, on_signal)
    try:
        worker.start()
    except MiddlewareError as exc:
        logger.critical("cannot start the worker: %s", exc)
        return 1
    logger.info("worker %s running with %s threads", settings.queue_name, worker.worker_threads)
    metrics_server = None
    if metrics_port is not None:
        metrics_server = metrics.serve_in_thread(metrics_port, host=metrics_host,
                                                 token=settings.metrics_token)
    stop.wait()
    if metrics_server is not None:
        metrics_server.shutdown()
    for consumer in worker.consumers.values():
        consumer.pause()  # take no new message; those fetched already are left for others
    services.hand_back_jobs()
    worker.stop(timeout=30_000)
    broker.close()
    return 0
