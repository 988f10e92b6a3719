"""Scheduling > SchedulePro > Optimization: re-plan a level so staffing matches demand.

OR-Tools CP-SAT (see :mod:`workers.wfm.scheduling.optimizer`) searches, within the time
limit, for the shifts that best cover the demand per 15-minute interval while respecting
skills, availability, contract hours and rest rules. It starts from the level's current
assignment and reports every better solution it finds (coverage so far, time left). The
model is built and searched in a worker thread, so the event loop — shared with the API
in embedded mode — stays free; a cancel stops the search at once and keeps nothing.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from datetime import date
from typing import TypeVar

import pydantic

from workers.engine.jobtypes import Figure, JobContext, JobResult, JobSubject, JobType
from workers.wfm.level_params import (
    LevelRangeParams,
    check_teams,
    days_text,
    level_subject,
    scope_of,
    snapshot_for_job,
    teams_text,
    validate_level_range,
)
from workers.wfm.reporting.tables import CSV_TYPE, Table, csv_bytes
from workers.wfm.scheduling.coverage import CoverageStats, coverage_stats, planned_curves
from workers.wfm.scheduling.optimizer import (
    OptimizationOutcome,
    SearchState,
    ShiftOptimizer,
)
from workers.wfm.scheduling.snapshot import LevelSnapshot, PlannedShift
from workers.wfm.scheduling.writing import delete_shifts, insert_shifts

T = TypeVar("T")
#: How often the job looks at the solver thread (cancellation, progress).
TICK_SECONDS = 0.2
#: How often progress is stored while the solver works.
REPORT_EVERY_SECONDS = 0.5


class OptimizationParams(LevelRangeParams):
    time_limit_seconds: int = pydantic.Field(
        default=60, ge=1, le=3600,
        description="Most seconds to spend, building the model and searching (1 to 3600).")
    teams: list[str] | None = pydantic.Field(
        default=None, description="Re-plan only these teams' employees (everyone by default; "
                                  "the others' shifts count as given).")


class Optimization(JobType[OptimizationParams]):
    name = "OPTIMIZATION"
    feature = "Scheduling > SchedulePro > Optimization"
    description = ("Improves a schedule level so staffing matches demand per 15-minute "
                   "interval, respecting skills, availability, contract hours and rest rules "
                   "(OR-Tools CP-SAT, within a time limit).")
    params_model = OptimizationParams

    async def describe(self, params: OptimizationParams) -> JobSubject:
        return await level_subject(params.level_id, days_text(params.start_date, params.end_date),
                                   teams_text(params.teams), f"{params.time_limit_seconds} s")

    def scope(self, params: OptimizationParams) -> str:
        return scope_of(params)

    async def validate(self, params: OptimizationParams) -> None:
        await validate_level_range(params)
        if params.teams:
            await check_teams(params.teams)

    async def run(self, ctx: JobContext, params: OptimizationParams) -> JobResult:
        loop = asyncio.get_running_loop()
        began = loop.time()
        await ctx.progress(0.0, "Reading the level and its demand")
        snap, start, end = await snapshot_for_job(params, teams=params.teams)
        days = snap.days(start, end)
        before = coverage_stats(snap.demand, planned_curves(snap.shifts, days), days)
        optimizer = ShiftOptimizer(snap, start, end, list(snap.staff))
        building = (f"Building the model: {len(optimizer.staff)} employees, {len(days)} days; "
                    f"coverage now {before.percent:.1f}%")
        await ctx.progress(0.02, building)
        await _in_thread(ctx, optimizer, optimizer.build, lambda: (0.05, building))
        limit = params.time_limit_seconds
        search_seconds = max(1.0, limit - (loop.time() - began))
        state = SearchState()

        def searching() -> tuple[float, str]:
            solutions, _, percent = state.snapshot()
            elapsed = loop.time() - began
            left = max(0.0, limit - elapsed)
            if percent is None:
                return 0.1, f"Searching for a first solution; {left:.0f} s left"
            return (min(0.95, 0.1 + 0.85 * elapsed / limit),
                    f"Searching: coverage {percent:.1f}% (was {before.percent:.1f}%) after "
                    f"{solutions} solutions; {left:.0f} s left")

        outcome = await _in_thread(ctx, optimizer,
                                   lambda: optimizer.solve(search_seconds, state), searching)
        after_shifts = _apply(snap.shifts, outcome)
        after = coverage_stats(snap.demand, planned_curves(after_shifts, days), days)
        by_day = _by_day(snap, days, after_shifts)
        ctx.add_file("coverage-by-day.csv", csv_bytes(by_day), CSV_TYPE)
        await ctx.progress(0.96, f"Saving {len(outcome.added):,} shifts")
        result = JobResult(summary="")
        async with ctx.transaction(result) as conn:
            await delete_shifts(conn, [s.id for s in outcome.removed if s.id is not None])
            await insert_shifts(conn, outcome.added, snap.level_id, ctx.job_id)
            result.summary = _summary(snap, outcome, before, after, len(days), limit)
            result.headline = f"coverage {before.percent:.0f} % → {after.percent:.0f} %"
            result.figures = [
                Figure("Coverage", round(after.percent, 1), "%", round(before.percent, 1)),
                Figure("Understaffed", round(after.under_hours, 1), "h",
                       round(before.under_hours, 1)),
                Figure("Overstaffed", round(after.over_hours, 1), "h",
                       round(before.over_hours, 1)),
                Figure("Shifts replaced", len(outcome.removed)),
                Figure("Shifts added", len(outcome.added)),
            ]
            result.data = {
                "status": outcome.status, "solutions": outcome.solutions,
                "searchSeconds": round(outcome.wall_seconds, 2),
                "timeLimitSeconds": limit, "employees": len(optimizer.staff),
                "days": len(days), "shiftsRemoved": len(outcome.removed),
                "shiftsAdded": len(outcome.added),
                "coverageBefore": before.as_dict(), "coverageAfter": after.as_dict(),
                # One point per day, for the before/after chart the page draws.
                "coverageByDay": [{"date": day, "demandHours": demand, "before": old_pct,
                                   "after": new_pct}
                                  for day, demand, _, _, old_pct, new_pct in by_day.rows],
            }
        return result


async def _in_thread(ctx: JobContext, optimizer: ShiftOptimizer, work: Callable[[], T],
                     report: Callable[[], tuple[float, str]]) -> T:
    """Run ``work`` in a thread; report progress, and stop it when the job must stop."""
    loop = asyncio.get_running_loop()
    future = asyncio.ensure_future(asyncio.to_thread(work))
    last = loop.time()
    try:
        while True:
            done, _ = await asyncio.wait({future}, timeout=TICK_SECONDS)
            if done:
                return future.result()
            await ctx.checkpoint()
            if loop.time() - last >= REPORT_EVERY_SECONDS:
                last = loop.time()
                await ctx.progress(*report())
    except BaseException:
        optimizer.stop()
        await asyncio.wait({future})  # the thread ends within moments; nothing is kept
        raise


def _apply(shifts: list[PlannedShift], outcome: OptimizationOutcome) -> list[PlannedShift]:
    removed = {s.id for s in outcome.removed}
    return [s for s in shifts if s.id not in removed] + outcome.added


def _summary(snap: LevelSnapshot, outcome: OptimizationOutcome, before: CoverageStats,
             after: CoverageStats, days: int, limit: int) -> str:
    if not outcome.removed and not outcome.added:
        return (f"No better schedule found for level {snap.level_name!r} within {limit} s "
                f"(search: {outcome.status.lower()}); the level is unchanged at "
                f"{before.percent:.1f}% coverage.")
    return (
        f"Coverage of level {snap.level_name!r} {before.percent:.1f}% → {after.percent:.1f}% "
        f"(understaffed {before.under_hours:,.1f} → {after.under_hours:,.1f} h, overstaffed "
        f"{before.over_hours:,.1f} → {after.over_hours:,.1f} h) over {days} days: "
        f"{len(outcome.removed):,} shifts replaced by {len(outcome.added):,}. Search "
        f"{outcome.status.lower()} after {outcome.wall_seconds:.1f} s "
        f"({outcome.solutions} solutions)."
    )


def _by_day(snap: LevelSnapshot, days: list[date], after: list[PlannedShift]) -> Table:
    rows = []
    for day in days:
        old = coverage_stats(snap.demand, planned_curves(snap.shifts, [day]), [day])
        new = coverage_stats(snap.demand, planned_curves(after, [day]), [day])
        rows.append((day.isoformat(), old.demand_hours, old.planned_hours, new.planned_hours,
                     round(old.percent, 1), round(new.percent, 1)))
    return Table("Coverage by day", ("Date", "Demand h", "Planned h before", "Planned h after",
                                     "Coverage % before", "Coverage % after"), rows)
