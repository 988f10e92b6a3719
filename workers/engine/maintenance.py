"""Housekeeping that keeps every job moving: the reaper, the reconciler and retention cleanup.

Any number of processes may run these at once: each status change is a guarded update
in :mod:`workers.engine.lifecycle`, so two reapers never both retry a job.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from datetime import timedelta

from tortoise.expressions import Q, Subquery

from workers.engine import lifecycle
from workers.engine.models import Job
from workers.engine.reaper import reap_expired
from workers.engine.reconcile import Reconciler
from workers.engine.runtime import get_runtime
from workers.engine.status import FINAL_STATUSES, LEASED_STATUSES, JobStatus
from workers.engine.store import get_store

logger = logging.getLogger(__name__)

__all__ = ["MaintenanceLoop", "cleanup", "reap_expired", "reconcile", "wake_idle_scopes",
           "wake_scope"]

BATCH = 500
#: Seconds between retention cleanups.
CLEANUP_EVERY_SECONDS = 600.0


async def reconcile(*, everything: bool = False) -> int:
    """Re-send waiting jobs that have no message behind them. Returns how many were sent.

    Jobs whose enqueue failed (no ``enqueued_at``) are sent at once. Jobs whose message
    went out but is gone are the :class:`~workers.engine.reconcile.Reconciler`'s, which
    compares the rows with what the broker holds (Redis, or embedded the in-memory
    broker's ledger). Only a broker that can tell neither — none of ours; a test's
    recording broker — falls back to the old rule: jobs sent ``redeliver_after_seconds``
    ago are sent again while the broker's queue is empty.
    ``everything`` re-sends every waiting job (embedded start: the in-memory queue is new).
    """
    runtime = get_runtime()
    now = lifecycle.utcnow()
    due = Q(start_at__isnull=True) | Q(start_at__lte=now)
    if everything:
        rows = await Job.filter(status=JobStatus.SUBMITTED).order_by("id").values_list(
            "id", "start_at"
        )
        for job_id, start_at in rows:
            await lifecycle.resend(job_id, start_at)
        return len(rows)
    never_sent = await (
        Job.filter(status=JobStatus.SUBMITTED, enqueued_at__isnull=True)
        .filter(due)
        .order_by("id")
        .limit(BATCH)
        .values_list("id")
    )
    sent = 0
    for (job_id,) in never_sent:
        sent += await lifecycle.resend(job_id, unless_sent_since=now)
    if runtime.inventory is not None:
        return sent
    pending = runtime.pending_count()
    if pending:
        return sent
    cutoff = now - timedelta(seconds=runtime.settings.redeliver_after_seconds)
    stale = await (
        Job.filter(status=JobStatus.SUBMITTED, enqueued_at__lt=cutoff)
        .filter(Q(start_at__isnull=True) | Q(start_at__lt=cutoff))
        .filter(Q(scope__isnull=True) | ~Q(scope__in=_busy_scopes()))  # those wait their turn
        .order_by("id")
        .limit(BATCH)
        .values_list("id")
    )
    for (job_id,) in stale:
        sent += await lifecycle.resend(job_id, unless_sent_since=cutoff)
    return sent


async def wake_scope(scope: str) -> bool:
    """Send the oldest due job waiting in ``scope`` again (its scope just freed).

    Returns True when a job was sent. Its claim may still be refused, if another job of the
    scope started first; that job wakes the next one when it ends.
    """
    now = lifecycle.utcnow()
    rows = await (
        Job.filter(scope=scope, status=JobStatus.SUBMITTED)
        .filter(Q(start_at__isnull=True) | Q(start_at__lte=now))
        .order_by("id")
        .limit(1)
        .values_list("id")
    )
    return bool(rows) and await lifecycle.resend(rows[0][0])


async def wake_idle_scopes(stale_seconds: float) -> int:
    """The safety net of :func:`wake_scope`: wake scopes that are free but have waiting jobs.

    A waiting job whose message went out more than ``stale_seconds`` ago, in a scope no
    job runs in, had its claim refused and missed its wake-up (e.g. its scope's job was
    lost with its worker). The oldest such job per scope is sent again. Returns how many.
    """
    now = lifecycle.utcnow()
    cutoff = now - timedelta(seconds=stale_seconds)
    rows = await (
        Job.filter(status=JobStatus.SUBMITTED, scope__isnull=False, enqueued_at__lt=cutoff)
        .filter(Q(start_at__isnull=True) | Q(start_at__lte=now))
        .exclude(scope__in=_busy_scopes())
        .order_by("id")
        .limit(BATCH)
        .values_list("id", "scope")
    )
    woken: set[str] = set()
    for job_id, scope in rows:
        if scope not in woken:
            woken.add(scope)
            await lifecycle.resend(job_id, unless_sent_since=cutoff)
    return len(woken)


async def cleanup(retention_days: float | None = None) -> int:
    """Delete processed jobs that finished more than ``retention_days`` ago, in batches.

    Their files and audit events go with them. Returns how many jobs were deleted.
    """
    settings = get_runtime().settings
    days = settings.retention_days if retention_days is None else retention_days
    cutoff = lifecycle.utcnow() - timedelta(days=days)
    total = 0
    while True:
        ids: list[int] = await (
            Job.filter(status__in=list(FINAL_STATUSES), finished_at__lt=cutoff)
            .order_by("id")
            .limit(settings.cleanup_batch_size)
            .values_list("id", flat=True)
        )  # type: ignore[assignment]
        if not ids:
            return total
        purged = await get_store().purge(ids)
        total += len(purged)
        logger.info("retention cleanup deleted %s jobs finished before %s", len(purged), cutoff)
        await lifecycle.publish_purged(purged)
        if len(ids) < settings.cleanup_batch_size:
            return total


def _busy_scopes() -> Subquery:
    """The scopes a job holds now (running or cancelling)."""
    return Subquery(Job.filter(status__in=list(LEASED_STATUSES), scope__isnull=False)
                    .values("scope"))


def _scope_stale_seconds(redeliver_after: float, interval: float) -> float:
    """How long a waiting job of a free scope may go unsent before the safety net sends it:
    long enough for a message that is merely queued behind busy workers to be taken."""
    return max(2 * interval, redeliver_after / 4)


class MaintenanceLoop:
    """Runs the reaper and reconciler every few seconds and cleanup every ten minutes."""

    def __init__(self) -> None:
        self._task: asyncio.Task[None] | None = None
        self.reconciler = Reconciler()
        #: Passes completed so far; :meth:`wait_passes` waits for more.
        self.passes = 0
        self._pass_done: asyncio.Condition | None = None

    def start(self) -> None:
        self._pass_done = asyncio.Condition()
        self._task = asyncio.create_task(self._run(), name="jobprocessor-maintenance")

    async def wait_passes(self, count: int) -> None:
        """Return once ``count`` more passes have completed (whatever each found to do).

        For tests and tools that must know maintenance had its chance, without guessing
        how long that takes.
        """
        if self._pass_done is None:
            raise RuntimeError("the maintenance loop is not running")
        target = self.passes + count
        async with self._pass_done:
            await self._pass_done.wait_for(lambda: self.passes >= target)

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None

    async def _run(self) -> None:
        settings = get_runtime().settings
        loop = asyncio.get_running_loop()
        next_cleanup = loop.time()
        while True:
            try:
                await reap_expired()
                await reconcile()
                await self.reconciler.maybe_run()
                await wake_idle_scopes(_scope_stale_seconds(settings.redeliver_after_seconds,
                                                            settings.maintenance_interval_seconds))
                if loop.time() >= next_cleanup:
                    await cleanup()
                    next_cleanup = loop.time() + CLEANUP_EVERY_SECONDS
            except asyncio.CancelledError:
                raise
            except Exception:
                logger.warning("maintenance pass failed; trying again", exc_info=True)
            self.passes += 1
            if self._pass_done is not None:
                async with self._pass_done:
                    self._pass_done.notify_all()
            await asyncio.sleep(settings.maintenance_interval_seconds)
