"""The operator's view over GraphQL: workers, queues, job statistics, pausing.

``workers``, ``queues``, ``pausedJobTypes`` and ``jobStatistics`` answer administrators and
roles that see other users' jobs (``permissions.can_see_operations``); others get a
``FORBIDDEN`` error. Pausing and resuming a queue or a job type is for administrators,
and is written to the administration audit trail. See ``docs/rights.md``.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from enum import Enum
from typing import Annotated

import strawberry

from api import permissions
from api.auth import IsAuthenticated
from api.context import Info
from api.errors import BadUserInput, Forbidden, NotAllowed, ValidationError
from api.permissions import Viewer
from workers.access import administration
from workers.engine import pausing, queues, stats
from workers.engine.lifecycle import utcnow
from workers.engine.presence import WorkerInfo
from workers.engine.registry import JOB_TYPES

OPERATIONS_ONLY = (
    "Only administrators and roles that see other users' jobs may see workers, queues "
    "and job statistics."
)
ADMIN_ONLY = "Only administrators may pause or resume; ask one (a user whose role administers)."


def _operator(info: Info) -> Viewer:
    viewer = info.context.viewer
    if not permissions.can_see_operations(viewer):
        raise Forbidden(OPERATIONS_ONLY)
    return viewer


@strawberry.type(description="A worker process, as its last heartbeat described it.")
class Worker:
    name: str = strawberry.field(description="`host:pid`, as jobs record their worker.")
    host: str = strawberry.field(description="The machine it runs on.")
    pid: int = strawberry.field(description="Its process id there.")
    threads: int = strawberry.field(description="Jobs it runs at once at most.")
    queues: list[str] = strawberry.field(description="The queues it takes jobs from.")
    started_at: datetime = strawberry.field(description="When it started.")
    last_seen: datetime = strawberry.field(description="Its last heartbeat.")
    running_job_ids: list[strawberry.ID] = strawberry.field(
        description="The jobs it runs now."
    )

    @classmethod
    def from_info(cls, info: WorkerInfo) -> Worker:
        return cls(
            name=info.name, host=info.host, pid=info.pid, threads=info.threads,
            queues=list(info.queues), started_at=info.started_at, last_seen=info.last_seen,
            running_job_ids=[strawberry.ID(str(job_id)) for job_id in info.running],
        )


@strawberry.type(description="A queue of jobs waiting for a worker.")
class Queue:
    name: str = strawberry.field(description="The queue's name (`JOBPROCESSOR_QUEUE`).")
    depth: int = strawberry.field(description="Jobs due to start that wait for a worker.")
    delayed: int = strawberry.field(description="Jobs waiting for their start time.")
    oldest_wait_seconds: float = strawberry.field(
        description="How long the longest-waiting due job has waited, in seconds (0: none)."
    )
    paused: bool = strawberry.field(
        description="Paused by an administrator: its jobs wait until it is resumed."
    )
    messages: int | None = strawberry.field(
        description="Messages in the broker for it (null when the broker cannot tell)."
    )
    viewer_can_pause: bool = strawberry.field(
        description="Whether you may pause and resume it (administrators)."
    )


@strawberry.type(description="Jobs that finished in one hour, per final status.")
class HourlyFinished:
    hour: datetime = strawberry.field(description="The hour's start (UTC).")
    completed: int = strawberry.field(description="Jobs that completed in it.")
    failed: int = strawberry.field(description="Jobs that failed in it.")
    cancelled: int = strawberry.field(description="Jobs cancelled in it.")


@strawberry.type(description="Run times of one job type's jobs that completed, in seconds.")
class RunTimePercentiles:
    job_type: str = strawberry.field(description="The job type, e.g. `REPORT`.")
    count: int = strawberry.field(description="How many jobs these figures are over.")
    p50: float = strawberry.field(description="The median.")
    p90: float = strawberry.field(description="90 % of the jobs ran at most this long.")
    p99: float = strawberry.field(description="99 % of the jobs ran at most this long.")
    max: float = strawberry.field(description="The longest.")


#: The most workers the `workers` query lists (api/cost.py counts a list by its maximum).
MAX_WORKERS = 200


@strawberry.type(description="Aggregates over the stored jobs, computed by the database.")
class JobStatistics:
    days: strawberry.Private[int]

    @strawberry.field(description="Jobs finished per hour by status, oldest hour first.")
    async def finished_per_hour(self) -> list[HourlyFinished]:
        return [
            HourlyFinished(hour=h.hour, completed=h.completed, failed=h.failed,
                           cancelled=h.cancelled)
            for h in await stats.finished_per_hour(self.days * 24)
        ]

    @strawberry.field(description="Run-time percentiles per job type, by type.")
    async def run_times(self) -> list[RunTimePercentiles]:
        since = utcnow() - timedelta(days=self.days)
        return [
            RunTimePercentiles(job_type=r.job_type, count=r.count, p50=r.p50, p90=r.p90,
                               p99=r.p99, max=r.max)
            for r in await stats.run_time_percentiles(since)
        ]


@strawberry.enum(description="What can be paused.")
class PauseKind(Enum):
    QUEUE = strawberry.enum_value("queue", description="A queue: every job in it waits.")
    JOB_TYPE = strawberry.enum_value("job_type", description="A job type: its jobs wait.")


@strawberry.type(description="A queue or job type, paused or resumed now.")
class PauseState:
    kind: PauseKind = strawberry.field(description="A queue or a job type.")
    name: str = strawberry.field(description="The queue's or job type's name.")
    paused: bool = strawberry.field(description="Whether it is paused now.")
    jobs_resumed: int = strawberry.field(
        description="Waiting jobs sent to the workers by this resume (0 for a pause)."
    )


@strawberry.type(description="What an administrator paused: its jobs wait until resumed.")
class Pauses:
    queues: list[str] = strawberry.field(description="The paused queues, by name.")
    job_types: list[str] = strawberry.field(
        description="The paused job types you may see, by name."
    )


PauseResult = Annotated[
    PauseState | ValidationError | NotAllowed,
    strawberry.union("PauseResult", description="The queue's or job type's state, or why not."),
]


@strawberry.type
class OperationsQuery:
    @strawberry.field(
        description=(
            "How many worker processes are online now (every signed-in user: when it is 0, "
            "submitted jobs wait)."
        ),
        permission_classes=[IsAuthenticated],
    )
    async def workers_online(self, info: Info) -> int:
        directory = info.context.services.workers
        return len(await directory.online()) if directory is not None else 0

    @strawberry.field(
        description=(
            "What is paused now (every signed-in user: jobs there wait until an "
            "administrator resumes them)."
        ),
        permission_classes=[IsAuthenticated],
    )
    async def pauses(self, info: Info) -> Pauses:
        viewer = info.context.viewer
        current = await pausing.paused()
        return Pauses(
            queues=sorted(current.queues),
            job_types=sorted(t for t in current.job_types
                             if permissions.can_see_job_type(viewer, t)),
        )

    @strawberry.field(
        description=(
            "The worker processes whose heartbeat is current, by name (the first 200). "
            "Administrators and roles that see others' jobs."
        ),
        permission_classes=[IsAuthenticated],
    )
    async def workers(self, info: Info) -> list[Worker]:
        _operator(info)
        directory = info.context.services.workers
        online = await directory.online() if directory is not None else []
        # At most MAX_WORKERS, the cost analysis's maximum for this list (docs/limits.md).
        return [Worker.from_info(worker) for worker in online[:MAX_WORKERS]]

    @strawberry.field(
        description=(
            "The queues with their waiting jobs and whether they are paused. Administrators "
            "and roles that see others' jobs."
        ),
        permission_classes=[IsAuthenticated],
    )
    async def queues(self, info: Info) -> list[Queue]:
        can_pause = permissions.can_administer(_operator(info))
        return [
            Queue(name=q.name, depth=q.depth, delayed=q.delayed,
                  oldest_wait_seconds=q.oldest_wait_seconds, paused=q.paused,
                  messages=q.messages, viewer_can_pause=can_pause)
            for q in await queues.queue_states()
        ]

    @strawberry.field(
        description="The job types an administrator paused (their jobs wait), by name.",
        permission_classes=[IsAuthenticated],
    )
    async def paused_job_types(self, info: Info) -> list[str]:
        _operator(info)
        return sorted((await pausing.paused()).job_types)

    @strawberry.field(
        description=(
            "Jobs finished per hour and run-time percentiles over the last `days` days "
            "(1 to 31). Administrators and roles that see others' jobs."
        ),
        permission_classes=[IsAuthenticated],
    )
    def job_statistics(
        self,
        info: Info,
        days: Annotated[int, strawberry.argument(description="How many days back, 1 to 31.")] = 1,
    ) -> JobStatistics:
        _operator(info)
        if not 1 <= days <= 31:
            raise BadUserInput("`days` must be between 1 and 31.")
        return JobStatistics(days=days)


async def _change(info: Info, kind: PauseKind, name: str, *, pause: bool) -> PauseResult:
    viewer = info.context.viewer
    if not permissions.can_administer(viewer):
        return NotAllowed(job_id=None, message=ADMIN_ONLY)
    name = name.strip()
    if kind is PauseKind.QUEUE and name not in pausing.queues():
        return ValidationError(
            field="name",
            message=f"There is no queue {name!r}; the queues are: {', '.join(pausing.queues())}.",
        )
    if kind is PauseKind.JOB_TYPE and name not in JOB_TYPES:
        return ValidationError(field="jobType", message=f"There is no job type {name!r}.")
    noun = "queue" if kind is PauseKind.QUEUE else "job type"
    what: pausing.PauseKind = "queue" if kind is PauseKind.QUEUE else "job_type"
    resumed = 0
    if pause:
        changed = await pausing.pause(what, name, actor_id=viewer.id)
        message = f"paused the {noun}; its new jobs wait"
    else:
        sent = await pausing.resume(what, name)
        changed, resumed = sent is not None, sent or 0
        message = f"resumed the {noun}; {resumed} waiting jobs sent"
    if changed:
        await administration.record_admin_event(
            "PAUSED" if pause else "RESUMED", f"{noun} {name}", actor_id=viewer.id,
            message=message,
        )
    return PauseState(kind=kind, name=name, paused=pause, jobs_resumed=resumed)


@strawberry.type
class OperationsMutation:
    @strawberry.mutation(
        description=(
            "Pause a queue: its jobs stay SUBMITTED (running ones finish) until `resumeQueue`. "
            "Administrators only."
        ),
        permission_classes=[IsAuthenticated],
    )
    async def pause_queue(
        self, info: Info,
        name: Annotated[str, strawberry.argument(description="The queue, e.g. `jobs`.")],
    ) -> PauseResult:
        return await _change(info, PauseKind.QUEUE, name, pause=True)

    @strawberry.mutation(
        description="Resume a paused queue: its waiting jobs start. Administrators only.",
        permission_classes=[IsAuthenticated],
    )
    async def resume_queue(
        self, info: Info,
        name: Annotated[str, strawberry.argument(description="The queue, e.g. `jobs`.")],
    ) -> PauseResult:
        return await _change(info, PauseKind.QUEUE, name, pause=False)

    @strawberry.mutation(
        description=(
            "Pause a job type: its jobs stay SUBMITTED (running ones finish) until "
            "`resumeJobType`. Administrators only."
        ),
        permission_classes=[IsAuthenticated],
    )
    async def pause_job_type(
        self, info: Info,
        job_type: Annotated[str, strawberry.argument(description="The job type, e.g. `REPORT`.")],
    ) -> PauseResult:
        return await _change(info, PauseKind.JOB_TYPE, job_type, pause=True)

    @strawberry.mutation(
        description="Resume a paused job type: its waiting jobs start. Administrators only.",
        permission_classes=[IsAuthenticated],
    )
    async def resume_job_type(
        self, info: Info,
        job_type: Annotated[str, strawberry.argument(description="The job type, e.g. `REPORT`.")],
    ) -> PauseResult:
        return await _change(info, PauseKind.JOB_TYPE, job_type, pause=False)
