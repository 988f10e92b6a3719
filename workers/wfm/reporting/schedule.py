"""The schedule per employee: one row per employee, one column per day, hours in total."""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING

from workers.engine.jobtypes import Figure, JobContext, JobResult
from workers.engine.progress import Steps
from workers.wfm.level_params import snapshot_for_job
from workers.wfm.reporting.tables import CSV_TYPE, XLSX_TYPE, Table, csv_bytes, xlsx_bytes
from workers.wfm.scheduling.snapshot import LevelSnapshot, PlannedShift

if TYPE_CHECKING:
    from workers.wfm.reporting.params import ReportParams


def shift_label(snap: LevelSnapshot, shift: PlannedShift) -> str:
    """``EARLY 06:00-14:30 Phone`` (template code, times, activities)."""
    code = snap.templates[shift.template_id].code if shift.template_id in snap.templates else ""
    names = ", ".join(sorted(snap.activities[a].name for a in shift.activity_ids
                             if a in snap.activities))
    times = f"{shift.start // 60:02}:{shift.start % 60:02}-{shift.end // 60:02}:{shift.end % 60:02}"
    return " ".join(part for part in (code, times, names) if part)


async def schedule_per_employee(ctx: JobContext, params: ReportParams) -> JobResult:
    await ctx.progress(0.0, "Reading the level")
    snap, start, end = await snapshot_for_job(params.level_range(), with_demand=False)
    days = snap.days(start, end)
    by_employee = snap.shifts_by_employee()
    members = [m for m in snap.staff.values() if params.team is None or m.team == params.team]
    steps = Steps(ctx, len(members), 0.05, 0.7)
    rows: list[tuple[object, ...]] = []
    for n, member in enumerate(members, start=1):
        mine = by_employee.get(member.id, {})
        cells: list[object] = []
        minutes = 0
        for day in days:
            shift = mine.get(day)
            if shift is not None:
                cells.append(shift_label(snap, shift))
                minutes += shift.work_minutes
            else:
                cells.append("Absent" if day in member.absent else "")
        rows.append((member.number, member.name, member.team, *cells, round(minutes / 60, 2)))
        await steps.step(n, f"Laid out {n} of {len(members)} employees")
    table = Table("Schedule", ("Number", "Name", "Team", *(f"{d:%a %Y-%m-%d}" for d in days),
                               "Hours"), rows)
    await ctx.progress(0.75, "Writing CSV")
    ctx.add_file("schedule.csv", csv_bytes(table), CSV_TYPE)
    await ctx.progress(0.8, "Writing Excel workbook")
    ctx.add_file("schedule.xlsx", await asyncio.to_thread(xlsx_bytes, table), XLSX_TYPE)
    shifts = sum(1 for m in members for d in days if d in by_employee.get(m.id, {}))
    return JobResult(
        summary=(f"Schedule of level {snap.level_name!r} from {start} to {end}: "
                 f"{len(members)} employees, {shifts:,} shifts."),
        headline=f"{shifts:,} shifts of {len(members):,} employees",
        figures=[Figure("Employees", len(members)), Figure("Shifts", shifts)],
        data={"report": params.report.value, "levelId": snap.level_id, "employees": len(members),
              "shifts": shifts},
    )
