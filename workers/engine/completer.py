"""The completer: this process's job completions, written many per statement.

A worker that finishes a job hands its completion to the completer of its event loop and
waits for it to be durable (so the broker's ack, which follows the actor's return, always
comes after the write, as River's batch completer does). The completer writes whatever
completions are waiting in one statement (:meth:`JobStore.complete_many`) — group commit:
a completion is written at once while fewer than :data:`MAX_WRITERS` statements are under
way, and those that arrive meanwhile go together in the next one. An idle worker therefore
waits for nothing, and a busy one pays one round trip for many jobs. Each completion stays
guarded by its attempt and by ``TRANSITIONS``: one that lost (cancelled, taken back) comes
back ``None``.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import weakref
from datetime import datetime
from typing import Any

from workers.engine.records import JobRecord
from workers.engine.store import Completion, get_store

logger = logging.getLogger(__name__)

#: Completions written in one statement at most.
MAX_BATCH = 200
#: Statements under way at once at most; completions that arrive meanwhile wait for the
#: next one. More than one keeps a worker with few jobs as fast as writing each alone.
MAX_WRITERS = 4


class Completer:
    """Batches the completions made on one event loop."""

    def __init__(self, max_batch: int = MAX_BATCH, max_writers: int = MAX_WRITERS) -> None:
        self.max_batch = max_batch
        self.max_writers = max_writers
        self._waiting: dict[int, tuple[Completion, asyncio.Future[JobRecord | None]]] = {}
        self._writers: set[asyncio.Task[None]] = set()
        #: Statements written so far (for tests and benchmarks).
        self.batches = 0

    async def complete(self, job_id: int, attempt: int, result: dict[str, Any],
                       at: datetime) -> JobRecord | None:
        """Complete a ``RUNNING`` job once durable; the job as completed, or ``None``
        when it is no longer this attempt's or a cancel was requested first.

        Raises:
            Whatever the database raised for this completion (a batch that fails is
            written again one completion at a time, so others' errors are not raised here).
        """
        while job_id in self._waiting:  # the same job twice in one batch: wait one turn
            with contextlib.suppress(Exception):
                await asyncio.shield(self._waiting[job_id][1])
        future: asyncio.Future[JobRecord | None] = asyncio.get_running_loop().create_future()
        self._waiting[job_id] = (Completion(job_id, attempt, result, at), future)
        if len(self._writers) < self.max_writers:
            writer = asyncio.create_task(self._write(), name="jobprocessor-completer")
            self._writers.add(writer)
            writer.add_done_callback(self._writers.discard)
        return await future

    async def _write(self) -> None:
        while self._waiting:
            taken = list(self._waiting)[: self.max_batch]
            batch = [self._waiting.pop(job_id) for job_id in taken]
            try:
                done = await get_store().complete_many([c for c, _ in batch])
            except Exception:
                logger.warning("a batch of %s completions failed; writing them one by one",
                               len(batch), exc_info=True)
                await self._one_by_one(batch)
                continue
            finally:
                self.batches += 1
            for completion, future in batch:
                if not future.done():
                    future.set_result(done.get(completion.job_id))

    @staticmethod
    async def _one_by_one(
        batch: list[tuple[Completion, asyncio.Future[JobRecord | None]]],
    ) -> None:
        """After a failed batch: each completion alone, so one bad job fails only itself."""
        store = get_store()
        for completion, future in batch:
            try:
                record = await store.complete(completion.job_id, completion.attempt,
                                              result=completion.result, files=(),
                                              at=completion.at)
            except Exception as exc:
                if not future.done():
                    future.set_exception(exc)
            else:
                if not future.done():
                    future.set_result(record)


_completers: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, Completer] = (
    weakref.WeakKeyDictionary()
)


def completer() -> Completer:
    """The completer of the running event loop (made on first use)."""
    loop = asyncio.get_running_loop()
    found = _completers.get(loop)
    if found is None:
        found = _completers[loop] = Completer()
    return found
