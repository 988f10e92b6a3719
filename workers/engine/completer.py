"""The completer: this process's job completions, written many per statement.

A worker that finishes a job hands its completion to the completer of its event loop and
waits for it to be durable (so the broker's ack, which follows the actor's return, always
comes after the write, as River's batch completer does). Completions that arrive while
others are being written go together in the next statement
(:meth:`JobStore.complete_many`, see :mod:`workers.engine.group_commit`). Each stays
guarded by its attempt and by ``TRANSITIONS``: one that lost (cancelled, taken back) comes
back ``None``.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from workers.engine.group_commit import GroupCommit, PerLoop
from workers.engine.records import JobRecord
from workers.engine.store import Completion, get_store


class Completer(GroupCommit[Completion, JobRecord]):
    """Batches the completions made on one event loop."""

    def __init__(self) -> None:
        super().__init__("completer", _complete_many, _complete_one, lambda c: c.job_id)

    async def complete(self, job_id: int, attempt: int, result: dict[str, Any],
                       at: datetime) -> JobRecord | None:
        """Complete a ``RUNNING`` job once durable; the job as completed, or ``None``
        when it is no longer this attempt's or a cancel was requested first.

        Raises:
            Whatever the database raised for this completion (a batch that fails is
            written again one completion at a time, so others' errors are not raised here).
        """
        return await self.write(Completion(job_id, attempt, result, at))


async def _complete_many(completions: Sequence[Completion]) -> dict[int, JobRecord]:
    return await get_store().complete_many(completions)


async def _complete_one(c: Completion) -> JobRecord | None:
    return await get_store().complete(c.job_id, c.attempt, result=c.result, files=(), at=c.at)


#: The completer of the running event loop (made on first use).
completer = PerLoop(Completer)
