"""A job type that does nothing, for measuring the engine's own cost. Benchmarks only.

Loaded into worker processes with ``JOBPROCESSOR_EXTRA_JOB_TYPES=bench.noop_job:NoopJob``.
"""

from __future__ import annotations

from workers.jobtypes.base import JobContext, JobResult, JobType, Params


class NoopParams(Params):
    """No parameters."""


class NoopJob(JobType[NoopParams]):
    name = "BENCH_NOOP"
    feature = "Benchmarks > No-op"
    description = "Benchmarks only: returns at once."
    params_model = NoopParams

    async def run(self, ctx: JobContext, params: NoopParams) -> JobResult:
        return JobResult(summary="nothing done")
