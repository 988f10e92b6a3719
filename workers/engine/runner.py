"""Runs one job for the Dramatiq actor, and keeps this process's running jobs honest.

:func:`run_job` claims the job (a duplicate message finds nothing to claim), runs its job
type, and records the outcome. :class:`RunningJobs` renews the leases of the jobs this
process runs and tells them to stop when they were cancelled — at once through the event
hub, and through the database at every lease renewal in case an event was missed.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging

from workers.engine import lifecycle, maintenance, pausing
from workers.engine.errors import (
    InvalidParamsError,
    JobCancelledError,
    JobFailedError,
    JobLostError,
    JobReleasedError,
    UnknownJobTypeError,
)
from workers.engine.events import EventHub, JobChange
from workers.engine.jobtypes import JobContext
from workers.engine.registry import get_job_type
from workers.engine.runtime import get_runtime
from workers.engine.status import LEASED_STATUSES, JobStatus

logger = logging.getLogger(__name__)


class RunningJobs:
    """The jobs this process runs now, with their lease renewer and cancel watcher."""

    def __init__(self) -> None:
        self._jobs: dict[int, JobContext] = {}
        self._tasks: list[asyncio.Task[None]] = []
        #: Shutting down: start nothing new, hand running jobs back.
        self.closing = False

    def add(self, ctx: JobContext) -> None:
        self._jobs[ctx.job_id] = ctx
        if self.closing:
            ctx.request_release()

    def remove(self, ctx: JobContext) -> None:
        if self._jobs.get(ctx.job_id) is ctx:
            del self._jobs[ctx.job_id]

    def __len__(self) -> int:
        return len(self._jobs)

    def job_ids(self) -> tuple[int, ...]:
        """The ids of the jobs running now (for the worker's heartbeat)."""
        return tuple(self._jobs)

    async def start(self, hub: EventHub, lease_seconds: float) -> None:
        """Start watching (call on the loop the jobs run on)."""
        self.closing = False
        self._tasks = [
            asyncio.create_task(self._watch_events(hub), name="jobprocessor-cancel-watch"),
            asyncio.create_task(self._renew(lease_seconds), name="jobprocessor-lease-renew"),
        ]

    async def release_all(self, timeout: float) -> int:
        """Shutting down: start no new job, and hand each running one back at its next
        checkpoint (it goes back to ``SUBMITTED`` for another worker).

        Returns how many jobs still ran after ``timeout`` seconds (they reached no
        checkpoint; the reaper takes them back once their lease expires).
        """
        self.closing = True
        for ctx in list(self._jobs.values()):
            ctx.request_release()
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while self._jobs and loop.time() < deadline:
            await asyncio.sleep(0.01)
        return len(self._jobs)

    async def stop(self) -> None:
        for task in self._tasks:
            task.cancel()
        for task in self._tasks:
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await task
        self._tasks = []

    async def _watch_events(self, hub: EventHub) -> None:
        async with hub.listen() as sub:
            while True:
                change = await sub.get()
                ctx = self._jobs.get(change.job.id)
                if ctx is not None:
                    _apply(ctx, change)

    async def _renew(self, lease_seconds: float) -> None:
        # Renew three times per lease and poll statuses at least every second, so a
        # cancel whose event was lost still stops the job within about a second.
        interval = min(1.0, lease_seconds / 3)
        renew_every = max(1, int((lease_seconds / 3) / interval))
        tick = 0
        while True:
            await asyncio.sleep(interval)
            tick += 1
            if not self._jobs:
                continue
            attempts = {job_id: ctx.record.attempt for job_id, ctx in self._jobs.items()}
            try:
                if tick % renew_every == 0:
                    states = await lifecycle.renew_leases(attempts)
                else:
                    states = await lifecycle.lease_states(attempts)
            except Exception:
                logger.warning("could not renew leases", exc_info=True)
                continue
            for job_id, status in states.items():
                ctx = self._jobs.get(job_id)
                if ctx is None:
                    continue
                if status is None:
                    ctx.mark_lost()
                elif status is JobStatus.CANCELLING:
                    ctx.request_cancel()


def _apply(ctx: JobContext, change: JobChange) -> None:
    """Stop a running job whose event says it was cancelled or taken away.

    Events may arrive late: one from an earlier attempt (the reaper's requeue, published
    before this worker claimed the job) says nothing about this attempt.
    """
    mine = ctx.record.attempt
    if change.kind == "deleted" or change.job.attempt > mine:
        ctx.mark_lost()
    elif change.job.attempt == mine:
        if change.job.status is JobStatus.CANCELLING:
            ctx.request_cancel()
        elif change.job.status not in LEASED_STATUSES:
            ctx.mark_lost()


#: The running jobs of this process.
running_jobs = RunningJobs()


async def run_job(job_id: int) -> None:
    """Claim and run one job; every outcome is written by :mod:`workers.engine.lifecycle`."""
    if running_jobs.closing:
        await lifecycle.mark_unsent(job_id)
        return
    if await pausing.held_back(job_id):  # paused: drop the message, the job keeps waiting
        return
    record = await lifecycle.claim(job_id, get_runtime().worker_name)
    if record is None:
        return
    ctx = JobContext(record)
    running_jobs.add(ctx)
    try:
        try:
            job_type = get_job_type(record.type)
            params = job_type.parse_params(record.params)
            result = await job_type.run(ctx, params)
            if not ctx.completed:
                await ctx.checkpoint()
                if not await lifecycle.complete(ctx.record, result.as_dict(), ctx.files):
                    await _settle_lost_or_cancelled(ctx)
        except JobCancelledError:
            await lifecycle.finish_cancelled(ctx.record)
        except JobReleasedError:
            if not await lifecycle.release(ctx.record):
                await _settle_lost_or_cancelled(ctx)
        except JobLostError:
            logger.info("job %s was taken from this worker; dropping attempt %s",
                        job_id, record.attempt)
        except (JobFailedError, InvalidParamsError, UnknownJobTypeError) as exc:
            await lifecycle.fail(ctx.record, str(exc))
        except Exception:
            logger.exception("job %s (%s) failed unexpectedly", job_id, record.type)
            await lifecycle.fail(
                ctx.record,
                "The job stopped because of an internal error. "
                "Administrators can find the details in the worker's log.",
            )
    finally:
        running_jobs.remove(ctx)
        if record.scope is not None and not running_jobs.closing:
            await _wake_scope(record.scope)


async def _wake_scope(scope: str) -> None:
    try:
        await maintenance.wake_scope(scope)
    except Exception:  # the maintenance loop's safety net wakes it later
        logger.warning("could not wake the jobs waiting for %s", scope, exc_info=True)


async def _settle_lost_or_cancelled(ctx: JobContext) -> None:
    current = await lifecycle.load(ctx.job_id)
    if current is not None and current.attempt == ctx.record.attempt and (
        current.status is JobStatus.CANCELLING
    ):
        await lifecycle.finish_cancelled(ctx.record)
