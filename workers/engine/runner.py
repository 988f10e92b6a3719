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

from workers.engine import completion, lifecycle, maintenance, outages, pausing, redelivery
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
from workers.engine.outages import is_database_outage
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
        #: Jobs handed back unwritten (their beacon says so; it is no longer beaten).
        self._handed_back: set[int] = set()
        #: Loop time since when the database has refused this process's lease renewals.
        self._cut_off_since: float | None = None

    def add(self, ctx: JobContext) -> None:
        self._jobs[ctx.job_id] = ctx
        if self.closing:
            ctx.request_release()

    def remove(self, ctx: JobContext) -> None:
        if self._jobs.get(ctx.job_id) is ctx:
            del self._jobs[ctx.job_id]
            self._handed_back.discard(ctx.job_id)

    async def hand_back(self, ctx: JobContext) -> None:
        """Give the job's attempt up unwritten: the database stayed unreachable too long.

        Its beacon says so, for the reaper to send it again without counting an attempt,
        and the job stops at its next checkpoint.
        """
        self._handed_back.add(ctx.job_id)
        ctx.mark_lost()
        try:
            await get_runtime().lease_beacons.hand_back(ctx.job_id, ctx.record.attempt)
        except Exception:  # the beacon then expires: the reaper counts a lost worker
            logger.warning("could not hand job %s back", ctx.job_id, exc_info=True)

    def _held(self) -> dict[int, int]:
        return {job_id: ctx.record.attempt for job_id, ctx in self._jobs.items()
                if job_id not in self._handed_back}

    def __len__(self) -> int:
        return len(self._jobs)

    def __contains__(self, job_id: object) -> bool:
        return job_id in self._jobs

    def job_ids(self) -> tuple[int, ...]:
        """The ids of the jobs running now (for the worker's heartbeat)."""
        return tuple(self._jobs)

    def contexts(self) -> list[JobContext]:
        """The jobs running now."""
        return list(self._jobs.values())

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
        checkpoint; :mod:`workers.engine.shutdown` hands them back).
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
            attempts = self._held()
            if not attempts:
                continue
            await self._beat(attempts)
            try:
                if tick % renew_every == 0:
                    states = await lifecycle.renew_leases(attempts)
                else:
                    states = await lifecycle.lease_states(attempts)
            except Exception as exc:
                logger.warning("could not renew leases", exc_info=True)
                if is_database_outage(exc):
                    await self._cut_off()
                continue
            self._cut_off_since = None
            for job_id, status in states.items():
                ctx = self._jobs.get(job_id)
                if ctx is None:
                    continue
                if status is None:
                    ctx.mark_lost()
                elif status is JobStatus.CANCELLING:
                    ctx.request_cancel()


    async def _beat(self, attempts: dict[int, int]) -> None:
        try:
            await get_runtime().lease_beacons.beat(attempts)
        except Exception:  # e.g. Redis restarting: the database lease still holds
            logger.warning("could not beat the beacons of %s jobs", len(attempts),
                           exc_info=True)

    async def _cut_off(self) -> None:
        """The database refuses renewals: jobs keep running on their beacons, for at most
        ``outage_patience_seconds``; then they are handed back."""
        now = asyncio.get_running_loop().time()
        if self._cut_off_since is None:
            self._cut_off_since = now
        if now - self._cut_off_since < get_runtime().settings.outage_patience_seconds:
            return
        for ctx in list(self._jobs.values()):
            if ctx.job_id not in self._handed_back:
                logger.error("job %s: the database stayed unreachable; handing it back",
                             ctx.job_id)
                await self.hand_back(ctx)


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
    """Claim and run one job; its outcome is written by :mod:`workers.engine.completion`."""
    if running_jobs.closing:
        await redelivery.leave_for_another_worker(job_id)
        return
    if await _held_back(job_id):  # paused: drop the message, the job keeps waiting
        return
    record = await redelivery.claim_through_outage(job_id, get_runtime().worker_name)
    if record is None:
        return
    ctx = JobContext(record)
    running_jobs.add(ctx)
    try:
        outcome = await _run_body(ctx)
        await completion.write_outcome(ctx, outcome, hand_back=running_jobs.hand_back)
    finally:
        running_jobs.remove(ctx)
        if record.scope is not None and not running_jobs.closing:
            await _wake_scope(record.scope)


async def _held_back(job_id: int) -> bool:
    """Whether the job's queue or type is paused; during a database outage the answer is
    left to the claim, which waits out the outage or hands the message back."""
    try:
        return await pausing.held_back(job_id)
    except Exception as exc:
        if outages.is_database_outage(exc):
            return False
        raise


async def _run_body(ctx: JobContext) -> completion.Outcome:
    """Run the job type once and say what came of it (nothing is written here)."""
    record = ctx.record
    try:
        job_type = get_job_type(record.type)
        params = job_type.parse_params(record.params)
        result = await job_type.run(ctx, params)
        if ctx.completed:  # committed with its own data changes
            return completion.NothingToWrite()
        await ctx.checkpoint()
        return completion.Completed(result.as_dict(), list(ctx.files))
    except JobCancelledError:
        return completion.Cancelled()
    except JobReleasedError:
        return completion.HandedBack()
    except JobLostError:
        logger.info("job %s was taken from this worker; dropping attempt %s",
                    record.id, record.attempt)
        return completion.NothingToWrite()
    except (JobFailedError, InvalidParamsError, UnknownJobTypeError) as exc:
        return completion.Failed(str(exc))
    except Exception as exc:
        if is_database_outage(exc):
            logger.warning("job %s could not reach the database; handing it back", record.id)
            return completion.HandedBack(because=completion.DATABASE_UNREACHABLE)
        logger.exception("job %s (%s) failed unexpectedly", record.id, record.type)
        return completion.Failed(
            "The job stopped because of an internal error. "
            "Administrators can find the details in the worker's log."
        )


async def _wake_scope(scope: str) -> None:
    try:
        await maintenance.wake_scope(scope)
    except Exception:  # the maintenance loop's safety net wakes it later
        logger.warning("could not wake the jobs waiting for %s", scope, exc_info=True)
