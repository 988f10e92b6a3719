"""A job type that does nothing, for measuring the engine's own cost. Benchmarks only.

Declared as ``jobprocessor.job_types`` entry points by ``bench/plugins`` (a ``dist-info``
folder, as an installer writes it), which :mod:`bench._common` puts on the path of the
benchmark and its worker processes.
"""

from __future__ import annotations

import asyncio
import time

from workers.engine.jobtypes import JobContext, JobResult, JobType, Params


class NoopParams(Params):
    """No parameters."""


class NoopJob(JobType[NoopParams]):
    name = "BENCH_NOOP"
    feature = "Benchmarks > No-op"
    description = "Benchmarks only: returns at once."
    params_model = NoopParams

    async def run(self, ctx: JobContext, params: NoopParams) -> JobResult:
        return JobResult(summary="nothing done")


class TickParams(Params):
    """How long to run, and how often to report and check for a cancel."""

    seconds: float = 30.0
    tick_seconds: float = 0.005
    report_every: int = 20


class TickJob(JobType[TickParams]):
    """Checks for a cancel every tick and reports progress, with the time, every few ticks."""

    name = "BENCH_TICK"
    feature = "Benchmarks > Ticks"
    description = "Benchmarks only: ticks until told to stop."
    params_model = TickParams

    async def run(self, ctx: JobContext, params: TickParams) -> JobResult:
        loop = asyncio.get_running_loop()
        start = loop.time()
        tick = 0
        while loop.time() - start < params.seconds:
            if tick % params.report_every == 0:
                # The wall-clock time lets subscribers measure how late the event reached them.
                await ctx.progress((loop.time() - start) / params.seconds, f"t={time.time():.6f}")
            else:
                await ctx.checkpoint()
            tick += 1
            await asyncio.sleep(params.tick_seconds)
        return JobResult(summary=f"{tick} ticks")
