"""What watches every job change this process publishes: metrics and the job log.

:class:`ObservedBus` wraps the process's event bus (``services.make_bus``): every change
published through it is first counted (:mod:`workers.engine.metrics`) and logged
(:mod:`workers.engine.joblog`), then handed on. Every status change, progress report and
deletion is published exactly once by the process that made it, so this sees each once —
and only the changes this process made, not those other processes send over Redis.
Observing never raises: counting or logging a change must not fail it.
"""

from __future__ import annotations

import logging

from workers.engine import joblog, metrics
from workers.engine.events import EventBus, JobChange

logger = logging.getLogger(__name__)


def observe(change: JobChange) -> None:
    """Count and log one job change."""
    try:
        metrics.observe_change(change.kind, change.job)
        joblog.log_change(change.kind, change.job)
    except Exception:
        logger.warning("could not count or log a change of job %s", change.job.id,
                       exc_info=True)


class ObservedBus:
    """An :class:`EventBus` that observes each change it publishes (see the module)."""

    def __init__(self, inner: EventBus) -> None:
        self.inner = inner
        self.hub = inner.hub

    async def start(self) -> None:
        await self.inner.start()

    async def stop(self) -> None:
        await self.inner.stop()

    async def publish(self, change: JobChange) -> None:
        observe(change)
        await self.inner.publish(change)
