"""The staffing coverage report: demand against planned staff per 15-minute interval.

Files: ``staffing-coverage.csv`` (one row per interval and activity), ``.xlsx`` (the
intervals and a summary per day) and ``.png`` (a chart per activity over the range).
"""

from __future__ import annotations

import asyncio
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from workers.engine.jobtypes import Figure, JobContext, JobResult
from workers.engine.progress import Steps
from workers.wfm.level_params import snapshot_for_job
from workers.wfm.planning import INTERVAL_MINUTES, INTERVALS_PER_DAY
from workers.wfm.reporting.chart import Series, coverage_png
from workers.wfm.reporting.tables import CSV_TYPE, PNG_TYPE, XLSX_TYPE, Table, csv_bytes, xlsx_bytes
from workers.wfm.scheduling.coverage import coverage_stats, planned_curves

if TYPE_CHECKING:
    from workers.wfm.reporting.params import ReportParams


async def staffing_coverage(ctx: JobContext, params: ReportParams) -> JobResult:
    await ctx.progress(0.0, "Reading the level and its demand")
    snap, start, end = await snapshot_for_job(params.level_range())
    days = snap.days(start, end)
    planned = planned_curves(snap.shifts, days)
    zero = [0] * INTERVALS_PER_DAY
    intervals: list[tuple[object, ...]] = []
    daily: list[tuple[object, ...]] = []
    series: dict[int, tuple[list[datetime], list[int], list[int]]] = {
        a: ([], [], []) for a in snap.activities}
    steps = Steps(ctx, len(days), 0.05, 0.6)
    for n, day in enumerate(days, start=1):
        for activity in snap.activities.values():
            need = snap.demand.get((day, activity.id), zero)
            have = planned.get((day, activity.id), zero)
            times, demand_series, planned_series = series[activity.id]
            for i in range(INTERVALS_PER_DAY):
                moment = datetime.combine(day, datetime.min.time()) + timedelta(
                    minutes=i * INTERVAL_MINUTES)
                times.append(moment)
                demand_series.append(need[i])
                planned_series.append(have[i])
                if need[i] or have[i]:
                    intervals.append((day.isoformat(), f"{moment:%H:%M}", activity.name,
                                      need[i], have[i], have[i] - need[i]))
            stats = coverage_stats({(day, activity.id): need}, {(day, activity.id): have})
            daily.append((day.isoformat(), activity.name, stats.demand_hours,
                          stats.planned_hours, stats.under_hours, stats.over_hours,
                          round(stats.percent, 1)))
        await steps.step(n, f"Compared demand and plan for {n} of {len(days)} days")
    interval_table = Table("Intervals", ("Date", "Time", "Activity", "Demand", "Planned",
                                         "Difference"), intervals)
    day_table = Table("Days", ("Date", "Activity", "Demand h", "Planned h", "Understaffed h",
                               "Overstaffed h", "Coverage %"), daily)
    await ctx.progress(0.65, "Writing CSV")
    ctx.add_file("staffing-coverage.csv", csv_bytes(interval_table), CSV_TYPE)
    await ctx.progress(0.7, "Writing Excel workbook")
    ctx.add_file("staffing-coverage.xlsx",
                 await asyncio.to_thread(xlsx_bytes, day_table, interval_table), XLSX_TYPE)
    await ctx.progress(0.85, "Drawing the chart")
    title = (f"Staffing coverage — level {snap.level_name}, {snap.period_name} "
             f"({start} to {end})")
    chart = await asyncio.to_thread(coverage_png, title, [
        Series(a.name, a.color, *series[a.id]) for a in snap.activities.values()])
    ctx.add_file("staffing-coverage.png", chart, PNG_TYPE)
    total = coverage_stats(snap.demand, planned, days)
    return JobResult(
        summary=(f"Staffing coverage of level {snap.level_name!r} from {start} to {end}: "
                 f"{total.describe()}."),
        headline=f"coverage {total.percent:.0f} %",
        figures=[Figure("Coverage", round(total.percent, 1), "%"),
                 Figure("Understaffed", round(total.under_hours, 1), "h"),
                 Figure("Overstaffed", round(total.over_hours, 1), "h")],
        data={"report": params.report.value, "levelId": snap.level_id,
              "startDate": start.isoformat(), "endDate": end.isoformat(), **total.as_dict()},
    )
