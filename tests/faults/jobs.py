"""Job types of the fault suite.

* :class:`GatedJob` (in-process tests) runs until the test opens its gate, so a test can
  break the database while the body runs and before it finishes.
* :class:`JournalJob` (worker processes) writes a line to the journal file named by
  ``JP_FAULT_JOURNAL`` when its body starts and when it finishes — with ``O_APPEND``, so
  lines from many processes never interleave and survive a ``kill -9``. The journal, not
  the database, tells how many times each body really ran.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import time
from collections import Counter, defaultdict

import pydantic

from workers.engine.jobtypes import JobContext, JobResult, JobType, Params
from workers.wfm.models import Employee

#: How many times each gated job's body started in this process.
RUNS: Counter[int] = Counter()
#: The test opens a gated job's gate to let its body finish.
GATES: defaultdict[int, asyncio.Event] = defaultdict(asyncio.Event)
#: Set once a gated job's body is running.
STARTED: defaultdict[int, asyncio.Event] = defaultdict(asyncio.Event)

#: Names the journal file; each line is ``start|finish JOB ATTEMPT PID UNIX_TIME``.
JOURNAL_ENV = "JP_FAULT_JOURNAL"


class GatedParams(Params):
    """Whether the body reads the database after its gate opened, and whether it ignores
    requests to stop while it waits (it then reaches no checkpoint)."""

    touch_database: bool = False
    ignore_stop: bool = False


class GatedJob(JobType[GatedParams]):
    """Waits for its gate (checking for a cancel), then returns (or first reads employees)."""

    name = "TEST_GATED"
    feature = "Tests > Gated job"
    description = "Test only: runs until the test opens its gate."
    params_model = GatedParams

    async def run(self, ctx: JobContext, params: GatedParams) -> JobResult:
        RUNS[ctx.job_id] += 1
        STARTED[ctx.job_id].set()
        while not GATES[ctx.job_id].is_set():
            if not params.ignore_stop:
                await ctx.checkpoint()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(GATES[ctx.job_id].wait(), 0.05)
        employees = await Employee.all().count() if params.touch_database else 0
        return JobResult(
            summary=f"Gate opened after run {RUNS[ctx.job_id]}.", data={"employees": employees}
        )


class JournalParams(Params):
    """How long the body runs (in steps of 50 ms, with progress and checkpoints)."""

    seconds: float = pydantic.Field(default=1.0, ge=0, le=600)


def journal(line: str) -> None:
    """Append one line to the journal (one ``write`` with ``O_APPEND``: atomic)."""
    path = os.environ[JOURNAL_ENV]
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
    try:
        os.write(fd, (line + "\n").encode())
    finally:
        os.close(fd)


class JournalJob(JobType[JournalParams]):
    """Runs for a while, and writes in the journal when its body starts and finishes."""

    name = "TEST_JOURNAL"
    feature = "Tests > Journal job"
    description = "Test only: notes each start and finish of its body in a journal file."
    params_model = JournalParams

    async def run(self, ctx: JobContext, params: JournalParams) -> JobResult:
        journal(f"start {ctx.job_id} {ctx.record.attempt} {os.getpid()} {time.time():.3f}")
        loop = asyncio.get_running_loop()
        started = loop.time()
        step = 0
        while (elapsed := loop.time() - started) < params.seconds:
            if step % 5 == 0:
                await ctx.progress(
                    elapsed / params.seconds if params.seconds else 1.0, f"Step {step}"
                )
            else:
                await ctx.checkpoint()
            step += 1
            await asyncio.sleep(0.05)
        await ctx.checkpoint()
        journal(f"finish {ctx.job_id} {ctx.record.attempt} {os.getpid()} {time.time():.3f}")
        return JobResult(summary=f"Ran {params.seconds:g} s.", data={"steps": step})
