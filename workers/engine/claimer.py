"""The claimer: this process's claims of jobs to run, many per statement.

Each message a worker takes from the broker is claimed in the database before its job
runs (a guarded ``SUBMITTED`` → ``RUNNING``; a duplicate message finds nothing to claim).
A worker process runs many jobs at once: claims that arrive while others are being written
go together in the next statement (:meth:`JobStore.claim_many`, see
:mod:`workers.engine.group_commit`). A claim that would take a scope another job holds
fails its batch; the batch is claimed again one job at a time, so that only that job's
claim raises the scope conflict.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from workers.engine.group_commit import GroupCommit, PerLoop
from workers.engine.records import JobRecord
from workers.engine.store import get_store


@dataclass(frozen=True)
class Claim:
    """One job to claim for one worker, for a lease of so many seconds."""

    job_id: int
    worker: str
    lease_seconds: float


class Claimer(GroupCommit[Claim, JobRecord]):
    """Batches the claims made on one event loop."""

    def __init__(self) -> None:
        super().__init__("claimer", _claim_many, _claim_one, lambda c: c.job_id)

    async def claim(self, job_id: int, *, worker: str, lease_seconds: float
                    ) -> JobRecord | None:
        """Claim a ``SUBMITTED`` job that is due when its batch is written; the running
        job, or ``None`` when someone else won or it is not due.

        Raises:
            tortoise.exceptions.IntegrityError: another job of its scope holds the scope.
        """
        return await self.write(Claim(job_id, worker, lease_seconds))


async def _claim_many(claims: Sequence[Claim]) -> dict[int, JobRecord]:
    """One statement for the batch, at one time: its start and lease are the same for all."""
    (worker, lease_seconds), *others = {(c.worker, c.lease_seconds) for c in claims}
    if others:  # never in one process; claimed one by one rather than in two statements
        raise ValueError("a batch of claims for different workers or leases")
    now = utcnow()
    return await get_store().claim_many([c.job_id for c in claims], worker=worker, now=now,
                                        lease_until=now + timedelta(seconds=lease_seconds))


async def _claim_one(c: Claim) -> JobRecord | None:
    now = utcnow()
    return await get_store().claim(c.job_id, worker=c.worker, now=now,
                                   lease_until=now + timedelta(seconds=c.lease_seconds))


def utcnow() -> datetime:
    return datetime.now(UTC)


#: The claimer of the running event loop (made on first use).
claimer = PerLoop(Claimer)
