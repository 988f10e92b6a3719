"""Two scheduling jobs on one level never run at the same time: the second waits its turn."""

from __future__ import annotations

from engine.conftest import wait_for_status

from workers.engine.status import JobStatus
from workers.wfm.accounts import TargetWorkAccount
from workers.wfm.shifts import Shift

from .conftest import Demo, progress_log, submit


async def test_an_account_calculation_waits_for_the_optimisation_of_its_level(
    demo: Demo
) -> None:
    async with progress_log(demo.services) as log:
        optimisation = await submit(demo, "OPTIMIZATION", {
            "levelId": demo.base, "startDate": "2026-11-30", "endDate": "2026-12-06",
            "timeLimitSeconds": 3})
        await wait_for_status(optimisation.id, JobStatus.RUNNING)
        accounts = await submit(demo, "TARGET_WORK_ACCOUNT_CALCULATE", {"levelId": demo.base})
        elsewhere = await submit(demo, "SHIFTS_GENERATE", {"levelId": demo.draft})

        first = await wait_for_status(optimisation.id, JobStatus.COMPLETED, timeout=30)
        second = await wait_for_status(accounts.id, JobStatus.COMPLETED, timeout=30)
        beside = await wait_for_status(elsewhere.id, JobStatus.COMPLETED, timeout=30)

    assert first.finished_at and second.started_at and beside.finished_at
    assert second.started_at >= first.finished_at
    assert beside.finished_at < first.finished_at  # the Draft level was free
    waiting = [c.job.progress_message for c in log.changes
               if c.job.id == accounts.id and c.job.status is JobStatus.SUBMITTED]
    assert (f"Waiting for job {optimisation.id}, which works on the same schedule level"
            in waiting)
    # It calculated on the optimised schedule, not on the one before.
    account = await TargetWorkAccount.filter(level_id=demo.base).first()
    assert account is not None
    shifts = await Shift.filter(level_id=demo.base, employee_id=account.employee_id)
    planned = sum(g["end"] - g["start"] for s in shifts for g in s.segments if g["activity"])
    assert account.planned_hours == round(planned / 60, 2)
