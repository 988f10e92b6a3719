"""The optimiser in its own process, so the API sharing the job's process never waits for it.

:func:`optimise` is the whole search on one problem, in-process (tests call it). The job
starts :func:`child_main` with ``multiprocessing``'s *spawn* start method: the child
builds the problem from the level snapshot, searches, and sends :class:`Progress`
messages and one :class:`Found` through a pipe. Cancelling the job kills the child: no
cooperation needed, and nothing it computed is kept. The child runs at a lower priority
(``nice``), with CP-SAT using the cores less one.
"""

from __future__ import annotations

import contextlib
import os
import threading
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from multiprocessing.connection import Connection

from workers.wfm.scheduling.coverage import CoverageStats, coverage_stats, planned_curves
from workers.wfm.scheduling.level_problem import LevelRules, level_problem
from workers.wfm.scheduling.problem import Problem
from workers.wfm.scheduling.search import (
    STRICT_SHARE,
    State,
    greedy,
    improve,
    keep_rules,
    lp_bound,
    solve_whole,
)
from workers.wfm.scheduling.snapshot import LevelSnapshot, PlannedShift

#: Most option variables for which the LP bound is computed (beyond it, only a schedule).
LP_MAX_OPTIONS = 150_000
#: Most option variables for which CP-SAT searches the whole problem at once.
WHOLE_MAX_OPTIONS = 5_000
#: Share of the time left, once a schedule keeps every hard rule, that a small problem is
#: searched whole before neighbourhoods take over: enough to prove the smallest optimal;
#: beyond that, on one core, neighbourhoods improve far faster (Curtois & Qu 5-7, 30 s:
#: whole 1,643 / 2,654 / 2,086, neighbourhoods 1,341 / 2,239 / 1,096; 0.05 rather than
#: 0.2 with the plateau moves and the fourth kind, medians in the README).
WHOLE_SHARE = 0.05
#: Seconds past the deadline to wait for the LP bound (PDLP stops at the deadline).
LP_GRACE_SECONDS = 1.0
#: The child's niceness: the API and the database come first.
CHILD_NICENESS = 10


@dataclass(frozen=True)
class Progress:
    """Where the search is: what people read, and the numbers behind it."""

    phase: str
    score: float | None = None
    bound: float | None = None
    covered_percent: float | None = None
    hard: int = 0
    improvements: int = 0

    @property
    def gap_percent(self) -> float | None:
        if self.score is None or not self.bound or self.bound <= 0:
            return None
        return max(0.0, 100.0 * (self.score - self.bound) / self.bound)


@dataclass(frozen=True)
class Searched:
    """What :func:`optimise` ends with: the schedule before and the best found."""

    before: State
    best: State
    bound: float | None
    improvements: int
    first_seconds: float

    @property
    def better(self) -> bool:
        """Only a schedule scoring strictly better than the one it replaces is written."""
        return self.best.total < self.before.total


def optimise(problem: Problem, seconds: float, report: Callable[[Progress], None],
             *, started: float | None = None) -> Searched:
    """Search ``problem`` for at most ``seconds`` from ``started`` (``time.monotonic``)."""
    began = started if started is not None else time.monotonic()
    deadline = began + seconds
    before = State(problem, [w.current for w in problem.workers])
    report(_progress("Building a first schedule", before, None, 0))
    size = sum(len(o) for w in problem.workers for o in w.options.values())
    # The LP bound in a thread beside the search (PDLP releases the GIL while it works),
    # started first: the gap is what the progress shows.
    bounds: list[float] = []
    found = [0]
    holder = [before]
    sending = threading.Lock()

    def say(progress: Progress) -> None:  # both threads report: one message at a time
        with sending:
            report(progress)

    lp = None
    if size <= LP_MAX_OPTIONS and deadline - time.monotonic() > 0.5:

        def relax() -> None:
            units = lp_bound(problem, max(0.5, deadline - time.monotonic()))
            if units is not None and units > 0:
                bounds.append(units / problem.units_per_point)
                say(_progress("Searching", holder[0], bounds[0], found[0]))

        lp = threading.Thread(target=relax, name="lp-bound", daemon=True)
        lp.start()
    first = State(problem, greedy(problem))
    best = first if first.total < before.total else State(problem, before.assignment)
    holder[0] = best
    first_seconds = time.monotonic() - began
    say(_progress("First schedule built", best, bounds[0] if bounds else None, 0))

    def improved(_: str) -> None:
        found[0] += 1
        say(_progress("Searching", best, bounds[0] if bounds else None, found[0]))

    optimal = False
    if size <= WHOLE_MAX_OPTIONS:
        before_whole = best.total
        if best.hard:  # first a schedule keeping the hard rules, as long as that takes
            keep_rules(problem, best, time.monotonic()
                       + STRICT_SHARE * max(0.0, deadline - time.monotonic()))
        whole_until = time.monotonic() + WHOLE_SHARE * max(0.0, deadline - time.monotonic())
        optimal = solve_whole(problem, best, whole_until, rules_tried=True)
        if best.total < before_whole:
            improved("whole")
    if not optimal:
        improve(problem, best, deadline, improved)
    if lp is not None:
        lp.join(max(0.0, deadline - time.monotonic()) + LP_GRACE_SECONDS)
    bound = bounds[0] if bounds else None
    return Searched(before, best, bound, found[0], first_seconds)


def _progress(phase: str, state: State, bound: float | None, improvements: int) -> Progress:
    return Progress(phase, state.score, bound, state.covered_percent(), state.hard,
                    improvements)


# ---------------------------------------------------------------------- the child process


@dataclass(frozen=True)
class Request:
    """What the job asks the child for."""

    snapshot: LevelSnapshot
    start: date
    end: date
    employee_ids: list[int]
    rules: LevelRules
    seconds: float


@dataclass(frozen=True)
class Found:
    """The child's answer: the shifts to remove and to add, and how the search went."""

    removed: list[PlannedShift]
    added: list[PlannedShift]
    before_score: float
    after_score: float
    before_hard: int
    after_hard: int
    bound: float | None
    improvements: int
    first_seconds: float
    employees: int
    better: bool
    #: Coverage of the days re-planned once the changes are made.
    after: CoverageStats
    #: Per day: date, demand h, planned h before and after, coverage % before and after.
    by_day: list[tuple[str, float, float, float, float, float]]


@dataclass(frozen=True)
class Failed:
    error: str


def child_main(conn: Connection, request: Request) -> None:
    """The child's body: search, report through ``conn``, send one :class:`Found`."""
    with contextlib.suppress(OSError):
        os.nice(CHILD_NICENESS)
    began = time.monotonic()
    try:
        problem, movable = level_problem(request.snapshot, request.start, request.end,
                                         request.employee_ids, request.rules)
        searched = optimise(problem, request.seconds, conn.send, started=began)
        conn.send(_found(request.snapshot, problem, movable, searched))
    except Exception:  # reported to the job, which fails with it
        conn.send(Failed(traceback.format_exc(limit=8)))
    finally:
        conn.close()


def _found(snapshot: LevelSnapshot, problem: Problem, movable: list[PlannedShift],
           searched: Searched) -> Found:
    best, before = searched.best, searched.before
    removed: list[PlannedShift] = []
    added: list[PlannedShift] = []
    if searched.better:
        templates = snapshot.templates
        wanted: dict[tuple[int, date], tuple[int, int]] = {}
        for w, worker in enumerate(problem.workers):
            for d, o in best.assignment[w].items():
                option = problem.options[o]
                template = problem.shift_types[option.shift].id
                wanted[(worker.id, problem.dates[d])] = (template, option.activity)
        for s in movable:
            key = (s.employee_id or 0, s.date)
            activity = next(x.activity_id for x in s.segments if x.activity_id is not None)
            if wanted.get(key) == (s.template_id, activity):
                del wanted[key]
            else:
                removed.append(s)
        for (employee, day), (template_id, activity) in sorted(wanted.items(),
                                                               key=lambda kv: (kv[0][1],
                                                                               kv[0][0])):
            t = templates[template_id]
            added.append(PlannedShift(id=None, employee_id=employee, date=day, start=t.start,
                                      end=t.end, template_id=template_id,
                                      segments=tuple(t.segments(activity))))
    gone = {s.id for s in removed}
    after_shifts = [s for s in snapshot.shifts if s.id not in gone] + added
    days = problem.dates
    after = coverage_stats(snapshot.demand, planned_curves(after_shifts, days), days)
    return Found(removed, added, before.score, best.score, before.hard,
                 best.hard if searched.better else before.hard, searched.bound,
                 searched.improvements, searched.first_seconds, len(problem.workers),
                 searched.better, after, coverage_by_day(snapshot, days, after_shifts))


def coverage_by_day(snapshot: LevelSnapshot, days: list[date], after: list[PlannedShift]
                    ) -> list[tuple[str, float, float, float, float, float]]:
    """Demand, planned hours and coverage per day, before and after."""
    rows = []
    old_curves = planned_curves(snapshot.shifts, days)
    new_curves = planned_curves(after, days)
    for day in days:
        old = coverage_stats(snapshot.demand, old_curves, [day])
        new = coverage_stats(snapshot.demand, new_curves, [day])
        rows.append((day.isoformat(), old.demand_hours, old.planned_hours, new.planned_hours,
                     round(old.percent, 1), round(new.percent, 1)))
    return rows
