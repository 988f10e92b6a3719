"""What every scheduling job type promises, checked on the demo planning period.

Each reports progress a planner can follow (messages, never going backwards), finishes
with a summary saying what changed, and — cancelled at the last moment, after its
changes are written but before they commit — leaves the data exactly as it was.
"""

from __future__ import annotations

import asyncio
import contextlib
import contextvars
from collections.abc import AsyncIterator
from typing import Any

import pytest
from engine.conftest import FINAL, wait_for_status

from workers.engine import lifecycle
from workers.engine.jobtypes import JobContext, JobResult
from workers.engine.status import JobStatus
from workers.wfm.accounts import TargetWorkAccount
from workers.wfm.models import Employee
from workers.wfm.planning import ScheduleLevel
from workers.wfm.shifts import LotteryAward, Shift

from .conftest import Demo, ParamsFactory, progress_log, run, submit, wfm_state

WEEK_ONE = {"startDate": "2026-11-30", "endDate": "2026-12-06"}


async def first_employees(count: int) -> list[int]:
    return list(await Employee.filter(active=True).order_by("id").limit(count)
                .values_list("id", flat=True))


CASES: dict[str, tuple[str, ParamsFactory]] = {
    "optimization": ("OPTIMIZATION", lambda d: {
        "levelId": d.base, **WEEK_ONE, "timeLimitSeconds": 3}),
    "generate": ("SHIFTS_GENERATE", lambda d: {"levelId": d.draft}),
    "lottery": ("SHIFTS_LOTTERY", lambda d: {
        "levelId": d.base, "templateIds": [d.templates["EARLY"], d.templates["LATE"],
                                            d.templates["DAY"]], "seed": 7}),
    "assign": ("SHIFTS_ASSIGN", lambda d: {"levelId": d.base}),
    "accounts": ("TARGET_WORK_ACCOUNT_CALCULATE", lambda d: {"levelId": d.base}),
    "exchange": ("ACTIVITY_EXCHANGE", lambda d: {
        "levelId": d.base, "fromActivityId": d.activities["PHONE"],
        "toActivityId": d.activities["EMAIL"], "onlyQualified": False, **WEEK_ONE}),
    "copy": ("LEVEL_COPY", lambda d: {"sourceLevelId": d.base, "targetLevelId": d.draft}),
    "delete": ("LEVEL_DELETE", lambda d: {"levelId": d.base}),
    "sequences": ("INSERT_SHIFT_SEQUENCES", lambda d: {
        "levelId": d.draft, "sequenceId": d.sequences["Four days on"],
        "employeeIds": [], "startDate": "2026-11-30"}),
}


async def params_for(case: str, demo: Demo) -> tuple[str, dict[str, Any]]:
    type_name, factory = {**CASES, **REPORTS}[case]
    params = factory(demo)
    if "employeeIds" in params:
        params["employeeIds"] = await first_employees(12)
    return type_name, params


REPORTS: dict[str, tuple[str, ParamsFactory]] = {
    f"report-{kind.lower()}": ("REPORT", lambda d, kind=kind: {"report": kind, "levelId": d.base})
    for kind in ("STAFFING_COVERAGE", "SCHEDULE")
}


@pytest.mark.parametrize("case", [*CASES, *REPORTS])
async def test_a_scheduling_job_reports_progress_with_messages_and_summarises_its_changes(
    demo: Demo, case: str
) -> None:
    type_name, params = await params_for(case, demo)

    async with progress_log(demo.services) as log:
        done = await run(demo, type_name, params)

    updates = log.of(done.id)
    fractions = [u.progress for u in updates]
    assert len({u.progress_message for u in updates}) >= 3, [u.progress_message for u in updates]
    assert all(u.progress_message for u in updates)
    assert fractions == sorted(fractions)
    assert done.result is not None and len(done.result["summary"]) > 40


@contextlib.asynccontextmanager
async def _cancelled_before_commit(self: JobContext, result: JobResult
                                   ) -> AsyncIterator[Any]:
    async with ORIGINAL_TRANSACTION(self, result) as conn:
        yield conn
        WRITTEN.append(await wfm_state_on(conn))
        # A planner cancels at the last moment, from a request of their own (a fresh
        # context: not inside this job's transaction).
        await asyncio.create_task(lifecycle.cancel(self.job_id, None),
                                  context=contextvars.Context())


ORIGINAL_TRANSACTION = JobContext.transaction
WRITTEN: list[int] = []


async def wfm_state_on(conn: Any = None) -> int:
    """A fingerprint of the WFM data as ``conn`` sees it (a job's writes, inside its
    transaction)."""
    shifts = await Shift.all().using_db(conn).order_by("id").values_list(
        "id", "level_id", "employee_id", "segments")
    return hash((repr(shifts), await ScheduleLevel.all().using_db(conn).count(),
                 await TargetWorkAccount.all().using_db(conn).count(),
                 await LotteryAward.all().using_db(conn).count()))


@pytest.mark.parametrize("case", list(CASES))
async def test_a_scheduling_job_cancelled_before_its_commit_leaves_the_data_as_it_was(
    pg_demo: Demo, case: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    type_name, params = await params_for(case, pg_demo)
    before, fingerprint = await wfm_state(), await wfm_state_on()
    monkeypatch.setattr(JobContext, "transaction", _cancelled_before_commit)
    WRITTEN.clear()

    job = await submit(pg_demo, type_name, params)
    done = await wait_for_status(job.id, *FINAL, timeout=60)

    assert done.status is JobStatus.CANCELLED
    assert done.result is None and done.files == []
    assert len(WRITTEN) == 1 and WRITTEN[0] != fingerprint  # written, when the cancel came
    assert await wfm_state() == before
