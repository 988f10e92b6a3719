"""Orphans — jobs waiting with no message behind them — are found and sent again.

Redis keeps nothing on disk: after it restarts empty, every waiting job's message is
gone, and so is every message a killed worker had fetched. The row is the truth, so the
reconciler compares, every ``reconcile_interval_seconds``, the jobs that have waited a
few seconds (``SUBMITTED``, including those scheduled for later, whose message sits in
the delay queue) with what the broker still holds (:class:`BrokerInventory`), and sends
each missing one again — whatever the length of the queue.

Every process that runs maintenance reconciles, but one at a time: a Redis key taken
with ``SET NX`` for one interval decides whose turn it is, and each re-send is a guarded
update of the job's ``enqueued_at``, so a job is re-sent once even if two processes meet.
A job whose scope is busy waits for its scope (it has no message on purpose).
"""

from __future__ import annotations

import asyncio
import logging
from datetime import timedelta

from tortoise.expressions import Q, Subquery

from workers.engine import lifecycle
from workers.engine.models import Job
from workers.engine.runtime import get_runtime
from workers.engine.status import LEASED_STATUSES, JobStatus

logger = logging.getLogger(__name__)

#: A job sent this recently may not have reached the broker's inventory yet.
ORPHAN_AFTER_SECONDS = 3.0
BATCH = 5000


class Reconciler:
    """Sends orphans again, at most once per interval across all processes."""

    def __init__(self) -> None:
        self._next_at = 0.0
        #: Orphans this process re-sent so far.
        self.resent = 0

    async def maybe_run(self) -> int:
        """Reconcile if the interval has passed and it is this process's turn."""
        runtime = get_runtime()
        inventory = runtime.inventory
        loop = asyncio.get_running_loop()
        interval = runtime.settings.reconcile_interval_seconds
        if inventory is None or loop.time() < self._next_at:
            return 0
        self._next_at = loop.time() + interval
        try:
            # Held a little shorter than the interval, so the next turn is never missed.
            if not await asyncio.to_thread(inventory.take_turn, interval * 0.9,
                                           runtime.worker_name):
                return 0
            sent = await resend_orphans()
        except Exception:
            # Redis unreachable (often restarting empty, the very moment orphans appear):
            # try again at the next maintenance pass, not an interval later.
            self._next_at = 0.0
            raise
        self.resent += sent
        return sent


async def resend_orphans() -> int:
    """Compare waiting jobs with the broker's inventory once; returns how many were re-sent."""
    runtime = get_runtime()
    inventory = runtime.inventory
    if inventory is None:
        return 0
    cutoff = lifecycle.utcnow() - timedelta(seconds=ORPHAN_AFTER_SECONDS)
    busy = Subquery(
        Job.filter(status__in=list(LEASED_STATUSES), scope__isnull=False).values("scope")
    )
    rows = await (
        Job.filter(status=JobStatus.SUBMITTED, enqueued_at__lt=cutoff)
        .filter(Q(scope__isnull=True) | ~Q(scope__in=busy))
        .order_by("id")
        .limit(BATCH)
        .values_list("id", "start_at")
    )
    if not rows:
        return 0
    # Read after the rows: a message consumed in between belongs to a job no longer waiting.
    held = await asyncio.to_thread(inventory.job_ids)
    sent = 0
    for job_id, start_at in rows:
        if job_id not in held:
            sent += await lifecycle.resend(job_id, start_at, unless_sent_since=cutoff)
    if sent:
        logger.warning("re-sent %s waiting jobs whose message the broker no longer held", sent)
    return sent
