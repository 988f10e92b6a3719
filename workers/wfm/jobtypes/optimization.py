"""Scheduling > SchedulePro > Optimization: re-plan a level so staffing matches demand.

The search (:mod:`workers.wfm.scheduling.search`) builds a first schedule at once, computes
the best score any schedule could reach (an LP bound), then improves the schedule with
CP-SAT over neighbourhoods of days, weeks and teams until the time limit — which counts
the model building too. It runs in a child process (:mod:`workers.wfm.scheduling.process`),
so the API sharing this process in embedded mode stays responsive; a cancel kills the
child at once and keeps nothing. Progress follows the gap to the bound, not the clock,
and a schedule scoring worse than the one it replaces is never written.
"""

from __future__ import annotations

import asyncio
import multiprocessing
from collections.abc import Callable

import pydantic

from workers.engine.errors import JobFailedError
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
from workers.wfm.rules import level_rules
from workers.wfm.scheduling.coverage import CoverageStats, coverage_stats, planned_curves
from workers.wfm.scheduling.process import Failed, Found, Progress, Request, child_main
from workers.wfm.scheduling.snapshot import LevelSnapshot
from workers.wfm.scheduling.writing import delete_shifts, insert_shifts

#: How often the job looks at the solver process (cancellation, progress).
TICK_SECONDS = 0.2
#: How often progress is stored while the solver works.
REPORT_EVERY_SECONDS = 0.5
#: The columns of ``coverage-by-day.csv``.
BY_DAY_COLUMNS = ("Date", "Demand h", "Planned h before", "Planned h after",
                  "Coverage % before", "Coverage % after")
#: Seconds of the time limit kept for writing the result.
WRITE_RESERVE_SECONDS = 0.5


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
        # Pure computation, in a thread: the event loop keeps getting its turns.
        before = await asyncio.to_thread(
            coverage_stats, snap.demand, planned_curves(snap.shifts, days), days)
        rules = await level_rules(snap.period_id)
        limit = params.time_limit_seconds
        await ctx.progress(0.02, f"Building the model: {len(snap.staff)} employees, "
                                 f"{len(days)} days; coverage now {before.percent:.1f}%")
        request = Request(snap, start, end, list(snap.staff), rules,
                          max(0.5, limit - (loop.time() - began) - WRITE_RESERVE_SECONDS))
        found = await _in_child(ctx, request, before, lambda: max(0.0, limit - (
            loop.time() - began)))
        after = found.after
        by_day = Table("Coverage by day", BY_DAY_COLUMNS, found.by_day)
        ctx.add_file("coverage-by-day.csv", csv_bytes(by_day), CSV_TYPE)
        await ctx.progress(0.96, f"Saving {len(found.added):,} shifts")
        result = JobResult(summary="")
        searched = round(loop.time() - began, 2)
        async with ctx.transaction(result) as conn:
            await delete_shifts(conn, [s.id for s in found.removed if s.id is not None])
            await insert_shifts(conn, found.added, snap.level_id, ctx.job_id)
            result.summary = _summary(snap, found, before, after, len(days), limit, searched)
            result.headline = f"coverage {before.percent:.0f} % → {after.percent:.0f} %"
            result.figures = [
                Figure("Coverage", round(after.percent, 1), "%", round(before.percent, 1)),
                Figure("Score", round(found.after_score, 1), "", round(found.before_score, 1)),
                Figure("Understaffed", round(after.under_hours, 1), "h",
                       round(before.under_hours, 1)),
                Figure("Overstaffed", round(after.over_hours, 1), "h",
                       round(before.over_hours, 1)),
                Figure("Shifts replaced", len(found.removed)),
                Figure("Shifts added", len(found.added)),
            ]
            gap = _gap(found.after_score, found.bound)
            result.data = {
                "status": "IMPROVED" if found.better else "UNCHANGED",
                "solutions": found.improvements,
                "searchSeconds": searched, "firstSolutionSeconds": round(found.first_seconds, 2),
                "timeLimitSeconds": limit, "employees": found.employees,
                "days": len(days), "shiftsRemoved": len(found.removed),
                "shiftsAdded": len(found.added),
                "scoreBefore": found.before_score, "scoreAfter": found.after_score,
                "bound": None if found.bound is None else round(found.bound, 1),
                "gapPercent": None if gap is None else round(gap, 1),
                "hardViolationsBefore": found.before_hard,
                "hardViolationsAfter": found.after_hard,
                "coverageBefore": before.as_dict(), "coverageAfter": after.as_dict(),
                # One point per day, for the before/after chart the page draws.
                "coverageByDay": [{"date": day, "demandHours": demand, "before": old_pct,
                                   "after": new_pct}
                                  for day, demand, _, _, old_pct, new_pct in by_day.rows],
            }
        return result


def _gap(score: float, bound: float | None) -> float | None:
    if bound is None or bound <= 0:
        return None
    return max(0.0, 100.0 * (score - bound) / bound)


def _searching_text(p: Progress, before: CoverageStats, left: float) -> tuple[float, str]:
    if p.score is None or p.covered_percent is None:
        return 0.03, f"{p.phase}; {left:.0f} s left"
    gap = p.gap_percent
    if gap is None:
        return 0.1, (f"{p.phase}: coverage {p.covered_percent:.0f} % (was "
                     f"{before.percent:.0f} %), score {p.score:,.1f}; {left:.0f} s left")
    assert p.bound is not None
    # Progress is how close the schedule is to the best possible: bound / score.
    closeness = p.bound / p.score if p.score > 0 else 1.0
    return (min(0.95, max(0.1, closeness)),
            f"{p.phase}: coverage {p.covered_percent:.0f} %, within {gap:.0f} % of the best "
            f"possible (score {p.score:,.1f}, bound {p.bound:,.1f}); {left:.0f} s left")


async def _in_child(ctx: JobContext, request: Request, before: CoverageStats,
                    left: Callable[[], float]) -> Found:
    """Run the search in a child process; report its progress; kill it when the job stops."""
    mp = multiprocessing.get_context("spawn")
    receiver, sender = mp.Pipe(duplex=False)
    child = mp.Process(target=child_main, args=(sender, request), daemon=True,
                       name=f"optimization-{ctx.job_id}")
    await asyncio.to_thread(child.start)
    sender.close()
    loop = asyncio.get_running_loop()
    last_report = loop.time()
    latest = Progress("Starting the optimizer")
    try:
        while True:
            while receiver.poll():
                message = await asyncio.to_thread(receiver.recv)
                if isinstance(message, Found):
                    return message
                if isinstance(message, Failed):
                    raise JobFailedError(f"the optimizer failed: {message.error}")
                latest = message
            if not child.is_alive() and not receiver.poll():
                raise JobFailedError(
                    f"the optimizer process ended without a result (exit code "
                    f"{child.exitcode})")
            await ctx.checkpoint()
            if loop.time() - last_report >= REPORT_EVERY_SECONDS:
                last_report = loop.time()
                await ctx.progress(*_searching_text(latest, before, left()))
            await asyncio.sleep(TICK_SECONDS)
    except EOFError as e:
        raise JobFailedError("the optimizer process ended without a result") from e
    finally:
        if child.is_alive():
            child.kill()
        await asyncio.to_thread(child.join, 5)
        receiver.close()


def _summary(snap: LevelSnapshot, found: Found, before: CoverageStats,
             after: CoverageStats, days: int, limit: int, seconds: float) -> str:
    gap = _gap(found.after_score, found.bound)
    near = "" if gap is None else (f", within {gap:.0f} % of the best possible "
                                   f"(bound {found.bound:,.1f})")
    if not found.better:
        return (f"No better schedule found for level {snap.level_name!r} within {limit} s; "
                f"the level is unchanged at {before.percent:.1f}% coverage (score "
                f"{found.before_score:,.1f}{near}).")
    hard = (f" Hard rule violations {found.before_hard} → {found.after_hard}."
            if found.before_hard or found.after_hard else "")
    return (
        f"Coverage of level {snap.level_name!r} {before.percent:.1f}% → {after.percent:.1f}% "
        f"(understaffed {before.under_hours:,.1f} → {after.under_hours:,.1f} h, overstaffed "
        f"{before.over_hours:,.1f} → {after.over_hours:,.1f} h) over {days} days: "
        f"{len(found.removed):,} shifts replaced by {len(found.added):,}. Score "
        f"{found.before_score:,.1f} → {found.after_score:,.1f}{near}; coverage "
        f"{after.percent:.0f} % after {seconds:.1f} s ({found.improvements} improvements)."
        f"{hard}"
    )
