"""Schedule optimisation with OR-Tools CP-SAT: staffing that matches demand per interval.

The model decides, for each employee to re-plan and each day, which shift template they
work (or none) and for which activity. It respects skills (the activity's skill),
availability (weekdays, absences, earliest start and latest end), at most one shift a
day, the rest time between days, the most working days in a row and the weekly contract
hours. It minimises ``UNDER_WEIGHT`` x understaffing + ``OVER_WEIGHT`` x overstaffing,
summed over every 15-minute interval of every activity.

Shifts that are locked, not made from a template, outside the date range or of other
employees stay as they are: they count as coverage and as each employee's context
(rest before the range, consecutive days, hours already worked that week).

Size: intervals covered by the same templates form a *block* whose coverage is one
expression; understaffing gets one variable per block and distinct demand value. The
four-week demo (145 people, 6 templates, 3 activities) is ~30,000 Booleans.

Everything here runs in a worker thread (:func:`asyncio.to_thread`): CP-SAT releases the
GIL while it searches. :meth:`ShiftOptimizer.stop` may be called from any thread.
"""

from __future__ import annotations

import threading
import time
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta

from ortools.sat.python import cp_model

from workers.wfm.planning import INTERVALS_PER_DAY
from workers.wfm.scheduling.coverage import planned_curves
from workers.wfm.scheduling.segments import TemplateShape, main_activity
from workers.wfm.scheduling.snapshot import LevelSnapshot, PlannedShift, StaffMember

UNDER_WEIGHT = 3
OVER_WEIGHT = 1
#: CP-SAT search workers: a portfolio of strategies needs a few.
SEARCH_WORKERS = 4

Choice = tuple[int, date, int, int]  # employee, day, template, activity


class OptimizationStopped(Exception):
    """:meth:`ShiftOptimizer.stop` was called while the model was being built."""


@dataclass
class SearchState:
    """What the search has found so far; written by the solver thread, read by the job."""

    solutions: int = 0
    objective: float | None = None
    best_bound: float | None = None
    covered_percent: float | None = None
    started: float = field(default_factory=time.monotonic)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def snapshot(self) -> tuple[int, float | None, float | None]:
        with self.lock:
            return self.solutions, self.objective, self.covered_percent


@dataclass(frozen=True)
class OptimizationOutcome:
    """The search's result: the shifts to remove and to add, and how it ended."""

    status: str
    solutions: int
    wall_seconds: float
    removed: list[PlannedShift]
    added: list[PlannedShift]
    objective: float | None


class ShiftOptimizer:
    """Builds the CP-SAT model of one level and date range, then searches it."""

    def __init__(self, snapshot: LevelSnapshot, start: date, end: date,
                 employee_ids: list[int]) -> None:
        self.snapshot = snapshot
        self.days = snapshot.days(start, end)
        self.staff = [snapshot.staff[e] for e in employee_ids if e in snapshot.staff]
        self._stop = threading.Event()
        self._solver: cp_model.CpSolver | None = None
        self._solver_lock = threading.Lock()
        self.model = cp_model.CpModel()
        self.x: dict[Choice, cp_model.IntVar] = {}
        #: Shifts the search may replace: unlocked template shifts of the staff in range.
        self.replaceable: list[PlannedShift] = []
        #: ``(multiplicity, variable)`` of each understaffing variable, and the fixed rest.
        self._under: list[tuple[int, cp_model.IntVar]] = []
        self._fixed_under = 0
        self.demand_total = 0

    # ------------------------------------------------------------------ building

    def build(self) -> None:
        """Build the model. Raises OptimizationStopped when stopped meanwhile."""
        snap = self.snapshot
        in_range = set(self.days)
        planned_ids = {m.id for m in self.staff}
        fixed: dict[int, dict[date, PlannedShift]] = defaultdict(dict)
        for shift in snap.shifts:
            if shift.employee_id is None:
                continue
            if (shift.employee_id in planned_ids and shift.date in in_range and not shift.locked
                    and shift.template_id in snap.templates):
                self.replaceable.append(shift)
            else:
                fixed[shift.employee_id][shift.date] = shift
        replaced = {s.id for s in self.replaceable}
        fixed_curves = planned_curves(
            (s for s in snap.shifts if s.id not in replaced), self.days
        )
        for member in self.staff:
            self._check_stop()
            self._add_employee(member, fixed.get(member.id, {}))
        self._add_coverage(fixed_curves)
        self._add_hint()

    def _check_stop(self) -> None:
        if self._stop.is_set():
            raise OptimizationStopped

    def _options(self, member: StaffMember, day: date,
                 fixed: dict[date, PlannedShift]) -> list[tuple[TemplateShape, int]]:
        if day in fixed or not member.available_on(day):
            return []
        before, after = fixed.get(day - timedelta(days=1)), fixed.get(day + timedelta(days=1))
        acts = [a.id for a in self.snapshot.activities.values()
                if a.skill is None or a.skill in member.skills]
        options = []
        for t in self.snapshot.templates.values():
            if not member.fits_times(t.start, t.end):
                continue
            if before is not None and 1440 - before.end + t.start < member.min_rest:
                continue
            if after is not None and 1440 - t.end + after.start < member.min_rest:
                continue
            options += [(t, a) for a in acts]
        return options

    def _add_employee(self, member: StaffMember, fixed: dict[date, PlannedShift]) -> None:
        model, e = self.model, member.id
        works: dict[date, list[cp_model.IntVar]] = {}
        by_template: dict[tuple[date, int], list[cp_model.IntVar]] = defaultdict(list)
        minutes_by_week: dict[date, list[tuple[int, cp_model.IntVar]]] = defaultdict(list)
        for day in self.days:
            todays = []
            for template, activity in self._options(member, day, fixed):
                var = model.new_bool_var(f"x_{e}_{day:%m%d}_{template.id}_{activity}")
                self.x[(e, day, template.id, activity)] = var
                todays.append(var)
                by_template[(day, template.id)].append(var)
                minutes_by_week[_monday(day)].append((template.work_minutes, var))
            if todays:
                model.add_at_most_one(todays)
                works[day] = todays
        templates = self.snapshot.templates
        # Rest: a shift today excludes tomorrow's shifts that start too soon after it.
        for day in self.days:
            tomorrow = day + timedelta(days=1)
            for t1 in templates.values():
                today_vars = by_template.get((day, t1.id), [])
                if not today_vars:
                    continue
                clash = [v for t2 in templates.values()
                         if 1440 - t1.end + t2.start < member.min_rest
                         for v in by_template.get((tomorrow, t2.id), [])]
                if clash:
                    model.add_at_most_one(today_vars + clash)
        # Working days in a row: every window of max + 1 days that touches the range,
        # counting the fixed shifts before and after it.
        span = member.max_consecutive + 1
        first = self.days[0] - timedelta(days=member.max_consecutive)
        for offset in range((self.days[-1] - first).days + 1):
            window = [first + timedelta(days=offset + n) for n in range(span)]
            variables = [v for d in window for v in works.get(d, [])]
            if not variables:
                continue
            fixed_days = sum(1 for d in window if d in fixed)
            model.add(sum(variables) <= max(0, member.max_consecutive - fixed_days))
        # Weekly contract hours, less what fixed shifts of that week already take.
        for monday, terms in minutes_by_week.items():
            week = {monday + timedelta(days=n) for n in range(7)}
            taken = sum(s.work_minutes for d, s in fixed.items() if d in week)
            model.add(sum(m * v for m, v in terms) <= max(0, member.weekly_minutes - taken))

    def _add_coverage(self, fixed_curves: dict[tuple[date, int], list[int]]) -> None:
        model = self.model
        templates = self.snapshot.templates
        covers = {t.id: set(t.work_intervals()) for t in templates.values()}
        by_day_activity: dict[tuple[date, int], dict[int, list[cp_model.IntVar]]] = defaultdict(
            lambda: defaultdict(list))
        objective: list[tuple[int, cp_model.IntVar]] = []
        for (_, day, t, a), var in self.x.items():
            by_day_activity[(day, a)][t].append(var)
            objective.append((OVER_WEIGHT * len(covers[t]), var))
        zero = [0] * INTERVALS_PER_DAY
        for day in self.days:
            self._check_stop()
            for a in self.snapshot.activities:
                need = self.snapshot.demand.get((day, a), zero)
                have = fixed_curves.get((day, a), zero)
                self.demand_total += sum(need)
                variables = by_day_activity.get((day, a), {})
                blocks: dict[frozenset[int], list[int]] = defaultdict(list)
                for i in range(INTERVALS_PER_DAY):
                    residual = need[i] - have[i]
                    if residual <= 0:
                        continue
                    key = frozenset(t for t, vs in variables.items() if vs and i in covers[t])
                    if not key:
                        self._fixed_under += residual
                    else:
                        blocks[key].append(residual)
                for key, residuals in blocks.items():
                    terms = [v for t in key for v in variables[t]]
                    cover = model.new_int_var(0, len(terms), "")
                    model.add(cover == sum(terms))
                    counts: dict[int, int] = defaultdict(int)
                    for r in residuals:
                        counts[r] += 1
                    for r, multiplicity in counts.items():
                        under = model.new_int_var(0, r, "")
                        model.add(under + cover >= r)
                        self._under.append((multiplicity, under))
                        objective.append(((UNDER_WEIGHT + OVER_WEIGHT) * multiplicity, under))
        model.minimize(sum(c * v for c, v in objective))

    def _add_hint(self) -> None:
        current = set()
        for s in self.replaceable:
            activity = main_activity(s.segments)
            if s.employee_id is not None and s.template_id is not None and activity is not None:
                current.add((s.employee_id, s.date, s.template_id, activity))
        for key, var in self.x.items():
            self.model.add_hint(var, key in current)

    # ------------------------------------------------------------------ searching

    def stop(self) -> None:
        """Stop building or searching as soon as possible (from any thread)."""
        self._stop.set()
        with self._solver_lock:
            if self._solver is not None:
                self._solver.stop_search()

    def solve(self, time_limit: float, state: SearchState) -> OptimizationOutcome:
        """Search for at most ``time_limit`` seconds; the best plan found, or no change."""
        solver = cp_model.CpSolver()
        solver.parameters.max_time_in_seconds = max(0.1, time_limit)
        solver.parameters.num_workers = SEARCH_WORKERS
        # Presolve probing takes seconds on a four-week level and gains little here.
        solver.parameters.max_presolve_iterations = 1
        solver.parameters.cp_model_probing_level = 0
        solver.parameters.symmetry_level = 0
        with self._solver_lock:
            self._solver = solver
            if self._stop.is_set():
                return self._unchanged("STOPPED", state)
        callback = _Progress(self, state)
        code = solver.solve(self.model, callback)
        with self._solver_lock:
            self._solver = None
        status = solver.status_name(code)
        if self._stop.is_set():
            return self._unchanged("STOPPED", state)
        if code not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            return self._unchanged(status, state)
        chosen = {key for key, var in self.x.items() if solver.boolean_value(var)}
        return self._outcome(status, chosen, state, solver.objective_value)

    def covered_percent(self, values: list[int]) -> float:
        under = self._fixed_under + sum(m * v for (m, _), v in zip(self._under, values,
                                                                     strict=True))
        if not self.demand_total:
            return 100.0
        return 100.0 * (self.demand_total - under) / self.demand_total

    def _unchanged(self, status: str, state: SearchState) -> OptimizationOutcome:
        return OptimizationOutcome(status, state.solutions, time.monotonic() - state.started,
                                   [], [], None)

    def _outcome(self, status: str, chosen: set[Choice], state: SearchState,
                 objective: float) -> OptimizationOutcome:
        templates = self.snapshot.templates
        new = {
            key: PlannedShift(id=None, employee_id=key[0], date=key[1],
                              start=templates[key[2]].start, end=templates[key[2]].end,
                              template_id=key[2],
                              segments=tuple(templates[key[2]].segments(key[3])))
            for key in chosen
        }
        removed = []
        for s in self.replaceable:
            activity = main_activity(s.segments)
            key = (s.employee_id or 0, s.date, s.template_id or 0, activity or 0)
            if key in new and new[key].segments == s.segments:
                del new[key]  # unchanged: kept as it is
            else:
                removed.append(s)
        added = sorted(new.values(), key=lambda s: (s.date, s.employee_id or 0, s.start))
        return OptimizationOutcome(status, state.solutions, time.monotonic() - state.started,
                                   removed, added, objective)


class _Progress(cp_model.CpSolverSolutionCallback):
    """Records each solution's objective and coverage; stops the search when asked."""

    def __init__(self, optimizer: ShiftOptimizer, state: SearchState) -> None:
        super().__init__()
        self.optimizer = optimizer
        self.state = state

    def on_solution_callback(self) -> None:
        values = [self.value(v) for _, v in self.optimizer._under]
        percent = self.optimizer.covered_percent(values)
        with self.state.lock:
            self.state.solutions += 1
            self.state.objective = self.objective_value
            self.state.best_bound = self.best_objective_bound
            self.state.covered_percent = percent
        if self.optimizer._stop.is_set():
            self.stop_search()


def _monday(day: date) -> date:
    return day - timedelta(days=day.weekday())
