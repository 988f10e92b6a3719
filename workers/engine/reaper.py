"""The reaper: jobs whose lease expired are taken back — but only from a dead worker.

A lease expires when its worker died, and also when the worker is alive but cut off from
the database (PostgreSQL restarting, the network between them down). The beacons
(:mod:`workers.engine.heartbeats`) tell the two apart:

* the worker still holds the job: it keeps it (it renews the lease, or writes the job's
  outcome, once the database is back);
* the worker handed it back because the database stayed unreachable: the job waits for
  another worker — "database unreachable", and no attempt is spent;
* nobody holds it: the worker died — "lost its worker". Only these count towards
  ``max_attempts``: outages never turn into attempts.

Any number of processes may reap at once: every change is a guarded update.
"""

from __future__ import annotations

import logging

from workers.engine import lifecycle
from workers.engine.heartbeats import Holder
from workers.engine.models import Job, JobEvent
from workers.engine.runtime import get_runtime
from workers.engine.status import LEASED_STATUSES, JobStatus

logger = logging.getLogger(__name__)

BATCH = 500
#: The audit reason of a job its worker handed back because the database was unreachable.
HANDED_BACK_REASON = "database unreachable; its worker handed it back (no attempt spent)"


async def reap_expired() -> int:
    """Take back jobs whose worker died, or handed them back. Returns how many moved.

    A lost ``RUNNING`` job goes back to ``SUBMITTED`` for another attempt, or fails once
    it lost its worker ``max_attempts`` times; a lost ``CANCELLING`` job ends ``CANCELLED``.
    When the beacons cannot be read, nothing is taken back this time (waiting costs time;
    guessing could run a body twice).
    """
    runtime = get_runtime()
    rows = await (
        Job.filter(status__in=list(LEASED_STATUSES), lease_expires_at__lt=lifecycle.utcnow())
        .limit(BATCH)
        .values_list("id", "attempt", "status")
    )
    if not rows:
        return 0
    try:
        holders = await runtime.lease_beacons.holders({row[0]: row[1] for row in rows})
    except Exception:
        logger.warning("cannot read the workers' beacons; reaping later", exc_info=True)
        return 0
    moved = 0
    for job_id, attempt, status in rows:
        status = JobStatus(status)
        holder = holders.get(job_id, Holder.GONE)
        if holder is Holder.HELD:
            continue  # its worker is alive, merely cut off from the database
        if status is JobStatus.RUNNING and holder is Holder.HANDED_BACK:
            moved += await lifecycle.requeue_lost(job_id, attempt, reason=HANDED_BACK_REASON)
            continue
        crashes = await crashes_so_far(job_id) + 1
        if status is JobStatus.RUNNING and crashes < runtime.settings.max_attempts:
            moved += await lifecycle.requeue_lost(job_id, attempt)
        else:
            moved += await lifecycle.fail_lost(job_id, attempt, status, crashes=crashes)
    return moved


async def crashes_so_far(job_id: int) -> int:
    """How many times the reaper took the job back from a dead worker before."""
    return await JobEvent.filter(
        job_id=job_id, kind="SUBMITTED", message__startswith=lifecycle.LOST_WORKER
    ).count()
