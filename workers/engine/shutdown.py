"""Stopping a worker (SIGTERM) costs its jobs waiting, never an attempt or a lost job.

:func:`hand_back_running_jobs` is the worker's last act before Dramatiq stops: it takes
no new job (a message that still arrives is left for another worker), asks every running
job to stop at its next checkpoint — a job stopped there goes back to ``SUBMITTED`` —
and lets jobs that reach no checkpoint finish within ``shutdown_grace_seconds``. Those
still running after that are handed back by the worker itself: their row goes back to
waiting (or, with the database unreachable, their beacon says so, see
:mod:`workers.engine.heartbeats`), and their body, should it still end, finds the job no
longer its own. None of this counts as an attempt; the process then exits 0.
"""

from __future__ import annotations

import logging

from workers.engine import lifecycle
from workers.engine.jobtypes import JobContext
from workers.engine.outages import DatabaseOutageError, retry_through_outage
from workers.engine.runner import RunningJobs

logger = logging.getLogger(__name__)

#: Seconds the last hand-back may wait for an unreachable database.
HAND_BACK_PATIENCE_SECONDS = 3.0


async def hand_back_running_jobs(running: RunningJobs, grace_seconds: float) -> int:
    """Stop this worker's jobs for another worker; returns how many were handed back by force
    (they reached no checkpoint within ``grace_seconds``)."""
    left = await running.release_all(grace_seconds)
    if not left:
        return 0
    stragglers = running.contexts()
    logger.warning(
        "%s jobs reached no checkpoint within %s s; handing them back",
        len(stragglers),
        grace_seconds,
    )
    for ctx in stragglers:
        await _hand_back(running, ctx)
    return len(stragglers)


async def _hand_back(running: RunningJobs, ctx: JobContext) -> None:
    ctx.mark_lost()  # from now on its body's own writes find the job no longer its own
    try:
        await retry_through_outage(
            lambda: lifecycle.release(ctx.record),
            budget_seconds=HAND_BACK_PATIENCE_SECONDS,
            what=f"job {ctx.job_id} handed back",
        )
    except DatabaseOutageError:
        await running.hand_back(ctx)
