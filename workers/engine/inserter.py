"""The inserter: this process's new jobs, stored many per statement.

Submissions arrive concurrently: the API's requests, a bulk ``resubmitJobs``, another
service submitting through the access layer. Each would pay its own statement and commit.
Inserts that arrive while others are being written go together in the next statement
(:meth:`JobStore.insert_many`, see :mod:`workers.engine.group_commit`), so a submission
waits for nothing when the process is idle and shares a commit with the others when it is
busy. A batch is atomic; one that fails (a user deleted meanwhile, say) is written again one
job at a time, so only the job at fault raises.

A new job has no id yet: its batch key is the identity of its :class:`NewJob`. The writes
run on the inserter's own tasks, outside any transaction of the caller, so a submission is
never part of a caller's transaction (none is: a submission commits on its own).
"""

from __future__ import annotations

from collections.abc import Sequence

from workers.engine.group_commit import GroupCommit, PerLoop
from workers.engine.records import JobRecord
from workers.engine.store import NewJob, get_store


class Inserter(GroupCommit[NewJob, JobRecord]):
    """Batches the inserts made on one event loop."""

    def __init__(self) -> None:
        super().__init__("inserter", _insert_many, _insert_one, id)

    async def insert(self, job: NewJob) -> JobRecord:
        """Store ``job`` once durable (with its audit events and submitter); the job."""
        record = await self.write(job)
        assert record is not None  # an insert has no guard to lose
        return record


async def _insert_many(jobs: Sequence[NewJob]) -> dict[int, JobRecord]:
    records = await get_store().insert_many(jobs)
    return {id(job): record for job, record in zip(jobs, records, strict=True)}


async def _insert_one(job: NewJob) -> JobRecord:
    return await get_store().insert(job)


#: The inserter of the running event loop (made on first use).
inserter = PerLoop(Inserter)
