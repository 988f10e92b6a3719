"""Job types that exist only for tests. Never registered in production.

In-process tests add them to :data:`workers.engine.registry.JOB_TYPES` with the ``test_job_types``
fixture; worker subprocesses load them through entry points (:func:`plugins.job_types_path`)
(``engine.testing_jobs:SlowJob`` with ``tests/`` on ``PYTHONPATH``).
"""

from __future__ import annotations

import asyncio
from collections import Counter, defaultdict
from typing import Literal

import pydantic

from workers.engine.errors import JobFailedError
from workers.engine.jobtypes import JobContext, JobResult, JobType, Params
from workers.wfm.models import Employee

#: How many times each job id started running in this process.
RUNS: Counter[int] = Counter()
#: Set once a :class:`WriteThenWait` job has written its (uncommitted) changes.
WRITTEN: defaultdict[int, asyncio.Event] = defaultdict(asyncio.Event)


class SlowParams(Params):
    """How long to run and how to end."""

    seconds: float = pydantic.Field(default=1.0, ge=0, le=600)
    step_seconds: float = pydantic.Field(default=0.01, gt=0, le=5)
    #: ``complete``; ``fail`` (a user-facing JobFailedError); ``crash`` (an unexpected error).
    outcome: Literal["complete", "fail", "crash"] = "complete"


class SlowJob(JobType[SlowParams]):
    """Sleeps in small steps with a checkpoint at each, reporting progress every tenth."""

    name = "TEST_SLOW"
    feature = "Tests > Slow job"
    description = "Test only: sleeps in small steps, with a checkpoint at every step."
    params_model = SlowParams

    async def run(self, ctx: JobContext, params: SlowParams) -> JobResult:
        RUNS[ctx.job_id] += 1
        loop = asyncio.get_running_loop()
        started = loop.time()
        step = 0
        while (elapsed := loop.time() - started) < params.seconds:
            if step % 10 == 0:
                await ctx.progress(elapsed / params.seconds, f"Step {step}")
            else:
                await ctx.checkpoint()
            step += 1
            await asyncio.sleep(params.step_seconds)
        if params.outcome == "fail":
            raise JobFailedError("The test job was told to fail.")
        if params.outcome == "crash":
            raise RuntimeError("secret internal detail")
        return JobResult(summary=f"Slept {params.seconds:g} s in {step} steps.",
                         data={"steps": step})


class SlowSchedulingJob(SlowJob):
    """The slow test job as a scheduling job (a stand-in for a long optimization run).

    Its feature path puts it in the scheduling area, so planners and team leads see it
    (rights are granted per area). Used by the browser tests, which register it through
    entry points (:func:`plugins.job_types_path`); not in :data:`TEST_JOB_TYPES`.
    """

    name = "TEST_SLOW_SCHEDULING"
    feature = "Scheduling > Test: slow run"
    description = "Test only: a scheduling run that sleeps in small steps, with checkpoints."


class WriteParams(Params):
    """Which team to move every employee to, and how long to wait before committing."""

    team: str
    hold_seconds: float = pydantic.Field(default=5.0, ge=0, le=60)


class WriteThenWait(JobType[WriteParams]):
    """Moves every employee to a team inside the job's transaction, then waits to commit.

    Lets a test cancel a job whose data changes are written but not yet committed.
    """

    name = "TEST_WRITE_THEN_WAIT"
    feature = "Tests > Write then wait"
    description = "Test only: writes employees in the job's transaction, then waits."
    params_model = WriteParams

    async def run(self, ctx: JobContext, params: WriteParams) -> JobResult:
        RUNS[ctx.job_id] += 1
        loop = asyncio.get_running_loop()
        result = JobResult(summary="")
        async with ctx.transaction(result) as conn:
            moved = await Employee.all().using_db(conn).update(team=params.team)
            WRITTEN[ctx.job_id].set()
            deadline = loop.time() + params.hold_seconds
            while not ctx.cancel_requested and loop.time() < deadline:
                await asyncio.sleep(0.01)
            result.summary = f"Moved {moved} employees to {params.team}."
        return result


class ScopedParams(SlowParams):
    """A slow job that works on ``scope`` (jobs of one scope run one at a time)."""

    scope: str = "level:1"


class ScopedSlowJob(JobType[ScopedParams]):
    """:class:`SlowJob` with a job scope taken from its parameters."""

    name = "TEST_SCOPED"
    feature = "Tests > Scoped job"
    description = "Test only: a slow job with a job scope."
    params_model = ScopedParams

    def scope(self, params: ScopedParams) -> str:
        return params.scope

    async def run(self, ctx: JobContext, params: ScopedParams) -> JobResult:
        return await SlowJob().run(ctx, params)


TEST_JOB_TYPES: tuple[JobType[SlowParams] | JobType[WriteParams], ...] = (
    SlowJob(), WriteThenWait(), ScopedSlowJob()
)
