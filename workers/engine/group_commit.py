"""Group commit: many jobs' writes of one kind in one statement, each caller still answered
for its own job.

A worker process runs many jobs at once, and each would pay its own database round trip
to be claimed and to be completed. A :class:`GroupCommit` writes at once while fewer than
``max_writers`` statements are under way; writes that arrive meanwhile wait and go together
in the next statement. An idle worker therefore waits for nothing, and a busy one pays one
round trip for many jobs (River's batch completer, graphile-worker's batched fetches).

Every write stays guarded by its job's own conditions (its attempt, ``TRANSITIONS``): one
that lost comes back ``None``. A batch that fails as a whole is written again one job at a
time, so one job's error (a scope conflict, say) is raised to that job's caller only.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import weakref
from collections.abc import Awaitable, Callable, Sequence
from typing import Generic, TypeVar

logger = logging.getLogger(__name__)

#: What one caller asks to write (it names its job by ``job_id``).
Item = TypeVar("Item")
#: What the write gives back for one job.
Result = TypeVar("Result")

#: Writes of one batch at most.
MAX_BATCH = 200
#: Statements under way at once at most; writes that arrive meanwhile wait for the next
#: one. More than one keeps a worker with few jobs as fast as writing each alone.
MAX_WRITERS = 4


class GroupCommit(Generic[Item, Result]):
    """Batches one kind of write made on one event loop.

    Args:
        write_many: writes a batch (at most one item per job) in one statement; returns
            the result by job id (a job missing from it lost its guard: ``None``).
        write_one: writes one item alone (after a failed batch).
        job_of: the job an item is for.
    """

    def __init__(self, name: str,
                 write_many: Callable[[Sequence[Item]], Awaitable[dict[int, Result]]],
                 write_one: Callable[[Item], Awaitable[Result | None]],
                 job_of: Callable[[Item], int],
                 max_batch: int = MAX_BATCH, max_writers: int = MAX_WRITERS) -> None:
        self.name = name
        self._write_many = write_many
        self._write_one = write_one
        self._job_of = job_of
        self.max_batch = max_batch
        self.max_writers = max_writers
        self._waiting: dict[int, tuple[Item, asyncio.Future[Result | None]]] = {}
        #: Each job's latest write, waiting or being written.
        self._latest: dict[int, asyncio.Future[Result | None]] = {}
        self._writers: set[asyncio.Task[None]] = set()
        #: Statements written so far (for tests and benchmarks).
        self.batches = 0

    async def write(self, item: Item) -> Result | None:
        """Write ``item`` once it is durable; its job's result, or ``None`` when the
        job's guard refused it.

        Raises:
            Whatever the database raised for this item (written alone after its batch
            failed, so others' errors are not raised here).
        """
        job_id = self._job_of(item)
        # A job's writes land in the order made: the next waits until the previous one
        # (waiting or being written) is durable, so two never share or race a statement.
        while (previous := self._latest.get(job_id)) is not None and not previous.done():
            with contextlib.suppress(Exception):
                await asyncio.shield(previous)
        future: asyncio.Future[Result | None] = asyncio.get_running_loop().create_future()
        self._latest[job_id] = future
        future.add_done_callback(lambda done: self._forget(job_id, done))
        self._waiting[job_id] = (item, future)
        if len(self._writers) < self.max_writers:
            writer = asyncio.create_task(self._write(), name=f"jobprocessor-{self.name}")
            self._writers.add(writer)
            writer.add_done_callback(self._writers.discard)
        return await future

    def _forget(self, job_id: int, done: asyncio.Future[Result | None]) -> None:
        if self._latest.get(job_id) is done:
            del self._latest[job_id]

    async def _write(self) -> None:
        while self._waiting:
            taken = list(self._waiting)[: self.max_batch]
            batch = [self._waiting.pop(job_id) for job_id in taken]
            try:
                done = await self._write_many([item for item, _ in batch])
            except Exception:
                logger.warning("a batch of %s %s writes failed; writing them one by one",
                               len(batch), self.name, exc_info=True)
                await self._one_by_one(batch)
                continue
            finally:
                self.batches += 1
            for item, future in batch:
                if not future.done():
                    future.set_result(done.get(self._job_of(item)))

    async def _one_by_one(self, batch: list[tuple[Item, asyncio.Future[Result | None]]]) -> None:
        """After a failed batch: each item alone, so one bad job fails only itself."""
        for item, future in batch:
            try:
                result = await self._write_one(item)
            except Exception as exc:
                if not future.done():
                    future.set_exception(exc)
            else:
                if not future.done():
                    future.set_result(result)


_Batcher = TypeVar("_Batcher")


class PerLoop(Generic[_Batcher]):
    """One batcher per event loop (made on first use): a batch's writers are tasks of the
    loop their callers wait on."""

    def __init__(self, make: Callable[[], _Batcher]) -> None:
        self._make = make
        self._made: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, _Batcher] = (
            weakref.WeakKeyDictionary()
        )

    def __call__(self) -> _Batcher:
        loop = asyncio.get_running_loop()
        found = self._made.get(loop)
        if found is None:
            found = self._made[loop] = self._make()
        return found
