"""A job message the database cannot take now goes back to the broker, never to the bin.

Without this, a worker that gets a message while PostgreSQL is down raises, Dramatiq's
Retries middleware gives up ("Retries exceeded") and drops the message, and the job
waits for the reconciler. Here the claim is tried again for a few seconds (an outage is
often a restart), and if the database is still away the message is sent again at once,
delayed by a second, for whichever worker is free when it returns.
"""

from __future__ import annotations

import logging

from workers.engine import lifecycle
from workers.engine.outages import DatabaseOutageError, retry_through_outage
from workers.engine.records import JobRecord
from workers.engine.runtime import get_runtime

logger = logging.getLogger(__name__)

#: Seconds a worker keeps trying to claim a job while the database is unreachable.
CLAIM_PATIENCE_SECONDS = 5.0
#: Delay of the message sent again after that, in milliseconds.
REDELIVERY_DELAY_MS = 1000


def send_back(job_id: int) -> None:
    """Give the job's message back to the broker (delayed a little).

    Raises:
        Exception: the broker refused too (the reconciler then finds the orphan).
    """
    get_runtime().enqueue(job_id, REDELIVERY_DELAY_MS)


async def claim_through_outage(job_id: int, worker: str) -> JobRecord | None:
    """:func:`lifecycle.claim`, waiting out a short database outage.

    Returns the claimed job, or ``None`` when there is nothing to run (someone else won,
    or the message went back to the broker because the database stayed unreachable).
    """
    try:
        return await retry_through_outage(
            lambda: lifecycle.claim(job_id, worker),
            budget_seconds=CLAIM_PATIENCE_SECONDS,
            what=f"the claim of job {job_id}",
        )
    except DatabaseOutageError:
        send_back(job_id)
        logger.warning("database unreachable: job %s's message goes back to the broker", job_id)
        return None


async def leave_for_another_worker(job_id: int) -> None:
    """A closing worker got a message: leave the job for a running worker.

    Marked unsent for the reconciler of another worker; if the database cannot be
    reached to say so, the message itself goes back to the broker.
    """
    try:
        await retry_through_outage(
            lambda: lifecycle.mark_unsent(job_id),
            budget_seconds=1.0,
            what=f"job {job_id} as unsent",
        )
    except DatabaseOutageError:
        send_back(job_id)
