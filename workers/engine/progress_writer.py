"""The progress writer: this process's progress reports, written many per statement.

Jobs report progress often (every step of an optimisation, every employee of a mass
update), and a worker runs many at once. Reports that arrive while another batch is being
written go together in the next statement (:meth:`JobStore.progress_many`, see
:mod:`workers.engine.group_commit`). Order per job holds: a job's next report waits for
its previous one's batch, so a job's stored progress and its events' versions only move
forward. A report refused because a cancel is waiting tells the job so (``CANCELLING``).
"""

from __future__ import annotations

from collections.abc import Sequence

from workers.engine.group_commit import GroupCommit, PerLoop
from workers.engine.store import Progress, ProgressReport, get_store


class ProgressWriter(GroupCommit[ProgressReport, Progress]):
    """Batches the progress reports made on one event loop."""

    def __init__(self) -> None:
        super().__init__("progress", _write_many, _write_one, lambda r: r.job_id)

    async def report(self, job_id: int, attempt: int, fraction: float,
                     message: str) -> Progress:
        """Store a running job's progress; what became of it (see :class:`Progress`)."""
        stored = await self.write(ProgressReport(job_id, attempt, fraction, message))
        return stored if stored is not None else Progress(None)


async def _write_many(reports: Sequence[ProgressReport]) -> dict[int, Progress]:
    return await get_store().progress_many(reports)


async def _write_one(r: ProgressReport) -> Progress:
    return await get_store().progress(r.job_id, r.attempt, r.fraction, r.message)


#: The progress writer of the running event loop (made on first use).
progress_writer = PerLoop(ProgressWriter)
