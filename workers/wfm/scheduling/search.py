"""The search: a constructive start, then large-neighbourhood search with CP-SAT, near the LP bound.

1. :func:`greedy` builds a schedule in one pass: the option that removes the most open
   demand per paid minute first, as long as no hard upper limit breaks.
2. :func:`lp_bound` solves the LP relaxation of the whole problem (GLOP): no schedule can
   score below it, so ``(score - bound) / bound`` is how far from the best possible we are.
3. :func:`improve` frees a neighbourhood (a few days of many workers, a week of one team,
   the whole range of a few workers, the surroundings of a place short of people), lets
   CP-SAT re-plan it with everything else given, and keeps the result when the whole
   schedule scores at least as well. Each kind of neighbourhood grows while CP-SAT proves
   its sub-problems optimal, shrinks when it cannot, and is chosen more often the more it
   has recently gained per second.

Everything is pure computation on a :class:`~workers.wfm.scheduling.problem.Problem`; the
job runs it in a child process (:mod:`~workers.wfm.scheduling.process`).
"""

from __future__ import annotations

import heapq
import math
import os
import random
import time
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from ortools.linear_solver import linear_solver_pb2, pywraplp
from ortools.pdlp import solvers_pb2
from ortools.pdlp.python import pdlp
from ortools.sat.python import cp_model

from workers.wfm.scheduling.encoding import Encoder, Terms
from workers.wfm.scheduling.problem import Problem, RuleKind
from workers.wfm.scheduling.timeline import HARD_UNITS, penalty, worker_days

#: The linear solver wrapper that assembles the LP (exported to PDLP, which solves it).
LP_SOLVER = "GLOP"
#: Sub-problems in a row without a gain after which each sub-problem's time doubles (up
#: to 8 times), so a search stuck in a local optimum digs deeper (Curtois & Qu 8 and 7,
#: 40-50 s: 1,850 / 1,738 and 1,199 with it, 1,857 / 2,051 and 1,284 without; noisy).
STALE_TURNS = 30
#: Share of a whole-problem search spent looking for a schedule that keeps every hard rule.
STRICT_SHARE = 0.5


def search_workers() -> int:
    """CP-SAT workers: the cores available less one (for the API and the database), ≥ 1."""
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not on Linux
        cores = os.cpu_count() or 1
    return max(1, cores - 1)


class State:
    """An assignment with its coverage and its score, kept current as it changes."""

    def __init__(self, problem: Problem, assignment: list[dict[int, int]]) -> None:
        self.p = problem
        self.assignment = [dict(a) for a in assignment]
        self.coverage = [0] * len(problem.rows)
        self.linear = 0
        self.unavailable = 0
        for w, chosen in enumerate(self.assignment):
            for d, o in chosen.items():
                self._take(o, +1)
                if o not in problem.workers[w].options.get(d, ()):
                    self.unavailable += 1
        self.rule_units = [0] * len(problem.workers)
        self.rule_hard = [0] * len(problem.workers)
        self.rule_soft = [0] * len(problem.workers)
        for w in range(len(problem.workers)):
            self._rescore(w)

    def _take(self, o: int, sign: int) -> None:
        option = self.p.options[o]
        self.linear += sign * option.linear
        for r in option.rows:
            self.coverage[r] += sign

    def _rescore(self, w: int) -> None:
        worker = self.p.workers[w]
        units, hard, soft = penalty(self.p, worker,
                                    worker_days(self.p, worker, self.assignment[w]))
        self.rule_units[w], self.rule_hard[w], self.rule_soft[w] = units, hard, soft

    @property
    def under_units(self) -> int:
        return sum(row.weight * max(0, row.residual - c)
                   for row, c in zip(self.p.rows, self.coverage, strict=True))

    @property
    def coverage_units(self) -> int:
        return self.p.constant + self.linear + self.under_units

    @property
    def hard(self) -> int:
        return sum(self.rule_hard) + self.unavailable

    @property
    def total(self) -> int:
        """Objective units, hard violations priced at :data:`HARD_UNITS` each."""
        return (self.coverage_units + sum(self.rule_units)
                + HARD_UNITS * self.unavailable)

    @property
    def score(self) -> float:
        """Points: coverage and soft-rule penalties (hard violations not included)."""
        return (self.coverage_units + sum(self.rule_soft)) / self.p.units_per_point

    def covered_percent(self) -> float:
        p = self.p
        if not p.demand_slots:
            return 100.0
        covered = p.kept_covered_slots + sum(
            row.multiplicity * min(c, row.residual)
            for row, c in zip(p.rows, self.coverage, strict=True))
        return 100.0 * covered / p.demand_slots

    def replace(self, w: int, days: set[int], chosen: dict[int, int]) -> dict[int, int]:
        """Give worker ``w`` ``chosen`` on ``days``; returns what they had there."""
        old = {d: self.assignment[w][d] for d in days if d in self.assignment[w]}
        for d, o in old.items():
            self._take(o, -1)
            del self.assignment[w][d]
        for d, o in chosen.items():
            self._take(o, +1)
            self.assignment[w][d] = o
        self._rescore(w)
        return old


# ---------------------------------------------------------------------- constructive


def greedy(problem: Problem) -> list[dict[int, int]]:
    """A first schedule: most open demand per paid minute first, within the hard upper limits.

    The gain of an option (a shift type for an activity on a day) is the same whoever
    takes it, so the heap holds options, not employees' choices: the best option goes to
    the next employee on its list who is free that day and within their limits (limits
    only tighten as shifts are added, so one who cannot take it now never can).
    """
    p = problem
    state = State(p, [{} for _ in p.workers])
    takers: dict[int, list[int]] = {}
    for w, worker in enumerate(p.workers):
        for options in worker.options.values():
            for o in options:
                takers.setdefault(o, []).append(w)
    position = dict.fromkeys(takers, 0)
    heap = [(gain / max(1, p.options[o].minutes), o) for o in takers
            if (gain := _gain(state, o)) < 0]
    heapq.heapify(heap)
    checks = [_UpperLimits(p, w) for w in range(len(p.workers))]
    while heap:
        _, o = heapq.heappop(heap)
        gain = _gain(state, o)
        if gain >= 0:
            continue
        fresh = gain / max(1, p.options[o].minutes)
        if heap and fresh > heap[0][0] + 1e-9:
            heapq.heappush(heap, (fresh, o))
            continue
        d, queue = p.options[o].day, takers[o]
        while position[o] < len(queue):
            w = queue[position[o]]
            position[o] += 1
            if d not in state.assignment[w] and checks[w].allows(d, o):
                checks[w].take(d, o)
                state.assignment[w][d] = o
                state._take(o, +1)
                heapq.heappush(heap, (fresh, o))
                break
    return state.assignment


def _gain(state: State, o: int) -> int:
    option = state.p.options[o]
    rows, cov = state.p.rows, state.coverage
    return option.linear - sum(rows[r].weight for r in option.rows
                               if cov[r] < rows[r].residual)


class _UpperLimits:
    """The hard upper limits of one worker, checked incrementally as shifts are added."""

    def __init__(self, problem: Problem, w: int) -> None:
        self.p, self.worker = problem, problem.workers[w]
        self.rules = self.worker.rules
        self.days: dict[int, tuple[int, int | None]] = {
            d: (k.minutes, k.shift) for d, k in self.worker.kept.items()}
        self.week: dict[int, int] = {}
        for d, (minutes, _) in self.days.items():
            self.week[problem.week_of(d)] = self.week.get(problem.week_of(d), 0) + minutes
        self.total = sum(m for d, (m, _) in self.days.items() if 0 <= d < problem.days)
        self.per_shift: dict[int, int] = {}
        for d, (_, s) in self.days.items():
            if s is not None and 0 <= d < problem.days:
                self.per_shift[s] = self.per_shift.get(s, 0) + 1
        self.weekend_of = {d: k for k, days in enumerate(problem.weekends()) for d in days}
        self.weekends = {self.weekend_of[d] for d in self.days if d in self.weekend_of}
        self.max_shift = dict(self.rules.max_per_shift)

    def _hard(self, kind: RuleKind) -> bool:
        return self.p.mode(kind) is None

    def allows(self, d: int, o: int) -> bool:
        p, r = self.p, self.rules
        option = p.options[o]
        if (r.max_week_minutes is not None and self._hard(RuleKind.WEEK_MAX_MINUTES)
                and self.week.get(p.week_of(d), 0) + option.minutes > r.max_week_minutes):
            return False
        if (r.max_total_minutes is not None and self._hard(RuleKind.TOTAL_MAX_MINUTES)
                and self.total + option.minutes > r.max_total_minutes):
            return False
        if r.max_consecutive_work is not None and self._hard(RuleKind.MAX_CONSECUTIVE_WORK):
            run, step = 1, d - 1
            while step in self.days:
                run, step = run + 1, step - 1
            step = d + 1
            while step in self.days:
                run, step = run + 1, step + 1
            if run > r.max_consecutive_work:
                return False
        if (r.max_weekends is not None and self._hard(RuleKind.MAX_WEEKENDS)
                and d in self.weekend_of and self.weekend_of[d] not in self.weekends
                and len(self.weekends) + 1 > r.max_weekends):
            return False
        most = self.max_shift.get(option.shift)
        if (most is not None and self._hard(RuleKind.MAX_PER_SHIFT)
                and self.per_shift.get(option.shift, 0) + 1 > most):
            return False
        if r.forbidden and self._hard(RuleKind.SUCCESSION):
            before, after = self.days.get(d - 1), self.days.get(d + 1)
            if before is not None and (before[1], option.shift) in r.forbidden:
                return False
            if after is not None and (option.shift, after[1]) in r.forbidden:
                return False
        if r.min_consecutive_off is not None and self._hard(RuleKind.MIN_CONSECUTIVE_OFF):
            # Do not leave a gap of days off shorter than the minimum before or after d.
            for direction in (-1, 1):
                gap, step = 0, d + direction
                while step not in self.days and -7 <= step < p.days + 7:
                    gap, step = gap + 1, step + direction
                if 0 < gap < r.min_consecutive_off and step in self.days:
                    return False
        return all(not (req.day == d and not req.on and (req.shift in (None, option.shift)))
                   for req in r.requests if self._hard(RuleKind.REQUESTS))

    def take(self, d: int, o: int) -> None:
        option = self.p.options[o]
        self.days[d] = (option.minutes, option.shift)
        week = self.p.week_of(d)
        self.week[week] = self.week.get(week, 0) + option.minutes
        self.total += option.minutes
        self.per_shift[option.shift] = self.per_shift.get(option.shift, 0) + 1
        if d in self.weekend_of:
            self.weekends.add(self.weekend_of[d])


# ---------------------------------------------------------------------- LP bound


class _LpSink:
    """The LP relaxation for PDLP, keeping the matrix to turn its duals into a safe bound."""

    def __init__(self) -> None:
        self.solver = pywraplp.Solver.CreateSolver(LP_SOLVER)
        self.vars: list[pywraplp.Variable] = []
        self.ub: list[float] = []
        self.costs: dict[int, float] = {}
        self.rows: list[pywraplp.Constraint] = []
        self.lo: list[float] = []
        self.hi: list[float] = []
        self.coo_row: list[int] = []
        self.coo_col: list[int] = []
        self.coo_val: list[float] = []

    def var(self, ub: int) -> int:
        self.vars.append(self.solver.NumVar(0.0, float(ub), ""))
        self.ub.append(float(ub))
        return len(self.vars) - 1

    def add(self, terms: Terms[int], lo: int | None, hi: int | None) -> None:
        inf = self.solver.infinity()
        c = self.solver.Constraint(-inf if lo is None else lo, inf if hi is None else hi)
        merged: dict[int, int] = {}
        for k, v in terms:
            merged[v] = merged.get(v, 0) + k
        i = len(self.rows)
        for v, k in merged.items():
            c.SetCoefficient(self.vars[v], k)
            self.coo_row.append(i)
            self.coo_col.append(v)
            self.coo_val.append(k)
        self.rows.append(c)
        self.lo.append(-math.inf if lo is None else lo)
        self.hi.append(math.inf if hi is None else hi)

    def cost(self, coef: int, var: int) -> None:
        self.costs[var] = self.costs.get(var, 0.0) + coef

    def safe_bound(self, duals: np.ndarray) -> float:
        """The Lagrangian bound of duals (one per row): valid however inexact they are."""
        lo, hi = np.array(self.lo), np.array(self.hi)
        rows, cols = np.array(self.coo_row), np.array(self.coo_col)
        vals = np.array(self.coo_val, dtype=float)
        c = np.zeros(len(self.vars))
        for v, k in self.costs.items():
            c[v] = k
        ub = np.array(self.ub)
        best = -math.inf
        for y in (duals, -duals):
            y = np.where((y > 0) & np.isinf(lo), 0.0, y)
            y = np.where((y < 0) & np.isinf(hi), 0.0, y)
            reduced = c.copy()
            np.subtract.at(reduced, cols, vals * y[rows])
            side = np.where(y > 0, y * np.where(np.isinf(lo), 0.0, lo),
                            y * np.where(np.isinf(hi), 0.0, hi))
            best = max(best, float(side.sum() + np.minimum(reduced, 0.0) @ ub))
        return best


def lp_bound(problem: Problem, seconds: float) -> float | None:
    """A lower bound on the objective (units) of any schedule keeping the hard limits.

    The LP relaxation, solved by PDLP for at most ``seconds``; its duals give the bound
    (None when they are unusable). Rules that only cost something are left out: the bound stays one.
    """
    p = problem
    sink = _LpSink()
    encoder = Encoder(sink, p, [{} for _ in p.workers], [], relaxed=True)
    encoder.encode({w: set(worker.options) for w, worker in enumerate(p.workers)})
    objective = sink.solver.Objective()
    for v, coef in sink.costs.items():
        objective.SetCoefficient(sink.vars[v], coef)
    objective.SetMinimization()
    proto = linear_solver_pb2.MPModelProto()
    sink.solver.ExportModelToProto(proto)
    program = pdlp.qp_from_mpmodel_proto(proto, relax_integer_variables=True)
    parameters = solvers_pb2.PrimalDualHybridGradientParams()
    parameters.termination_criteria.time_sec_limit = max(0.1, seconds)
    # PDLP returns its last iterate however it stopped (time limit included); its duals
    # give a bound either way, tighter the longer it ran.
    result = pdlp.primal_dual_hybrid_gradient(program, parameters)
    duals = np.asarray(result.dual_solution, dtype=float)
    if duals.shape != (len(sink.rows),) or not np.all(np.isfinite(duals)):
        return None
    bound = sink.safe_bound(duals)
    return None if not math.isfinite(bound) else bound + p.constant


# ---------------------------------------------------------------------- LNS


@dataclass
class Report:
    """What the search tells whoever watches it."""

    phase: str
    score: float
    hard: int
    covered_percent: float
    bound: float | None
    solutions: int


class _CpSink:
    def __init__(self) -> None:
        self.model = cp_model.CpModel()
        self.obj_vars: list[cp_model.IntVar] = []
        self.obj_coefs: list[int] = []

    def var(self, ub: int) -> cp_model.IntVar:
        if ub == 1:
            return self.model.new_bool_var("")
        return self.model.new_int_var(0, ub, "")

    def add(self, terms: Terms[cp_model.IntVar], lo: int | None, hi: int | None) -> None:
        expr = cp_model.LinearExpr.weighted_sum([v for _, v in terms], [k for k, _ in terms])
        if lo is not None and hi is not None:
            self.model.add_linear_constraint(expr, lo, hi)
        elif hi is not None:
            self.model.add(expr <= hi)
        elif lo is not None:
            self.model.add(expr >= lo)

    def cost(self, coef: int, var: cp_model.IntVar) -> None:
        if coef:
            self.obj_vars.append(var)
            self.obj_coefs.append(coef)


#: Kinds of neighbourhood: a window of days, a team's week, a few workers' whole range,
#: and a place short of people: the whole range of a few who could fill it, and the days
#: around it for everyone else.
KINDS = 4
#: Day windows: most days in a row (they are sized to the variables their kind affords).
WINDOW_MAX_DAYS = 14
#: Least chance of each kind of neighbourhood, however badly it has done lately.
KIND_FLOOR = 0.1
#: Weight of the latest sub-problem in a kind's running rate of gains per second.
KIND_MEMORY = 0.1


class Neighbourhoods:
    """Chooses what to free next: day windows, team weeks, whole ranges of a few workers.

    Each kind is chosen with a chance that follows its running rate of gains per second
    of solving (adaptive large-neighbourhood search), none below :data:`KIND_FLOOR`.
    """

    def __init__(self, problem: Problem, seed: int) -> None:
        self.p = problem
        self.rng = random.Random(seed)
        #: Free option variables per kind of neighbourhood: each kind grows while CP-SAT
        #: proves its sub-problems optimal and shrinks when it cannot (a few workers' whole
        #: range is far harder per variable than a window of days).
        self.sizes = [700.0] * KINDS
        #: Per kind: a running rate of sub-problems that gained something, per second.
        self.rates = [1.0] * KINDS
        self.turn = 0
        self.kind = 0
        self.teams: dict[str, list[int]] = {}
        for w, worker in enumerate(problem.workers):
            self.teams.setdefault(worker.team, []).append(w)
        self.options_per_day = [
            sum(len(o) for o in worker.options.values()) / max(1, problem.days)
            for worker in problem.workers]
        #: Row → the workers with an option covering it.
        self.takers: list[list[int]] = [[] for _ in problem.rows]
        for w, worker in enumerate(problem.workers):
            for options in worker.options.values():
                for r in {r for o in options for r in problem.options[o].rows}:
                    self.takers[r].append(w)

    def _choose_kind(self) -> int:
        if self.turn <= KINDS:  # each kind once first
            return self.turn - 1
        total = sum(self.rates)
        shares = [KIND_FLOOR + (1 - KIND_FLOOR * KINDS) * r / total if total > 0
                  else 1 / KINDS for r in self.rates]
        return self.rng.choices(range(KINDS), weights=shares)[0]

    def next(self, state: State) -> dict[int, set[int]]:
        """The workers and days to free next, around ``state``'s places short of people."""
        p, rng = self.p, self.rng
        self.turn += 1
        kind = self.kind = self._choose_kind()
        n = p.days
        everyone = [w for w in range(len(p.workers)) if p.workers[w].options]
        if not everyone:
            return {}
        budget = self.sizes[kind]
        short = [r for r, row in enumerate(p.rows) if state.coverage[r] < row.residual
                 and self.takers[r]] if kind == 3 else []
        if kind == 3 and short:
            return self._around(rng.choice(short), everyone, budget)
        if kind in (0, 3):  # a window of days, as many workers as fit, as long as they afford
            per_day = sum(self.options_per_day[w] for w in everyone)
            fits = int(budget * rng.uniform(0.6, 1.0) / max(1.0, per_day))
            length = min(n, WINDOW_MAX_DAYS, fits) if fits >= 2 else rng.choice((2, 3, 4, 7))
            start = rng.randrange(max(1, n - length + 1))
            days = set(range(start, min(n, start + length)))
            pool = self._shuffled(everyone)
        elif kind == 1:  # a week of one team (or several small ones)
            start = 7 * rng.randrange(max(1, -(-n // 7)))
            days = set(range(start, min(n, start + 7)))
            team = set(self.teams[rng.choice(sorted(self.teams))])
            pool = self._shuffled([w for w in everyone if w in team])
            pool += self._shuffled([w for w in everyone if w not in team])
        else:  # the whole range of a few workers
            days = set(range(n))
            pool = self._shuffled(everyone)
        free: dict[int, set[int]] = {}
        for w in pool:
            mine = {d for d in days if d in p.workers[w].options}
            if not mine:
                continue
            cost = self.options_per_day[w] * len(mine)
            if free and budget - cost < 0:
                break
            free[w] = mine
            budget -= cost
        return free

    def _around(self, r: int, everyone: list[int], budget: float) -> dict[int, set[int]]:
        """A place short of people: the whole range of a few who could fill it (up to half
        the variables), then the days around it for everyone else, as many as fit."""
        p, rng = self.p, self.rng
        free: dict[int, set[int]] = {}
        for w in rng.sample(self.takers[r], min(len(self.takers[r]), rng.randint(1, 3))):
            cost = self.options_per_day[w] * len(p.workers[w].options)
            if free and budget / 2 - cost < 0:
                break
            free[w] = set(p.workers[w].options)
            budget -= cost
        others = [w for w in everyone if w not in free]
        per_day = sum(self.options_per_day[w] for w in others)
        half = max(1, int(budget / max(1.0, per_day)) // 2)
        day = p.rows[r].day
        days = set(range(max(0, day - half), min(p.days, day + half + 1)))
        for w in self._shuffled(others):
            mine = {d for d in days if d in p.workers[w].options}
            cost = self.options_per_day[w] * len(mine)
            if not mine or budget - cost < 0:
                continue
            free[w] = mine
            budget -= cost
        return free

    def _shuffled(self, workers: list[int]) -> list[int]:
        out = workers[:]
        self.rng.shuffle(out)
        return out

    def solved(self, optimal: bool, gained: bool = False, seconds: float = 0.0) -> None:
        """How the last sub-problem went: proven optimal, a gain, the seconds it took."""
        k = self.kind
        size = self.sizes[k]
        self.sizes[k] = min(12_000, size * 1.15) if optimal else max(150.0, size * 0.85)
        rate = (1.0 if gained else 0.0) / max(0.05, seconds)
        self.rates[k] = (1 - KIND_MEMORY) * self.rates[k] + KIND_MEMORY * rate


def improve(problem: Problem, state: State, deadline: float,
            report: Callable[[str], None], seed: int = 1,
            sub_seconds: float = 0.6) -> int:
    """Large-neighbourhood search until ``deadline`` (``time.monotonic``); improvements found.

    A sub-problem's result is kept when the whole schedule scores at least as well: moving
    on a plateau of equal scores lets later neighbourhoods start elsewhere.
    """
    hoods = Neighbourhoods(problem, seed)
    improvements = stale = 0
    workers = search_workers()
    while (left := deadline - time.monotonic()) > 0.05:
        patience = sub_seconds * min(8, 2 ** (stale // STALE_TURNS))
        began = time.monotonic()
        free = hoods.next(state)
        if not free:
            break
        sink = _CpSink()
        # Once the schedule keeps every hard rule, its neighbours must too: constraints
        # search far better than priced violations.
        encoder = Encoder(sink, problem, state.assignment, state.coverage,
                          strict=state.hard == 0)
        encoder.encode(free)
        model = sink.model
        model.minimize(cp_model.LinearExpr.weighted_sum(sink.obj_vars, sink.obj_coefs))
        for (w, d, o), var in encoder.x.items():
            model.add_hint(var, state.assignment[w].get(d) == o)
        solver = cp_model.CpSolver()
        solver.parameters.max_time_in_seconds = max(0.05, min(left, patience))
        solver.parameters.num_workers = workers
        solver.parameters.random_seed = seed + hoods.turn
        solver.parameters.linearization_level = 2
        code = solver.solve(model)
        stale += 1
        if code not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            hoods.solved(False, seconds=time.monotonic() - began)
            continue
        chosen: dict[int, dict[int, int]] = {w: {} for w in free}
        for (w, d, o), var in encoder.x.items():
            if solver.boolean_value(var):
                chosen[w][d] = o
        before = state.total
        undo = {w: state.replace(w, free[w], chosen[w]) for w in free}
        gained = state.total < before
        if gained:
            improvements += 1
            stale = 0
            report("improved")
        elif state.total > before:
            for w, old in undo.items():
                state.replace(w, free[w], old)
        hoods.solved(code == cp_model.OPTIMAL, gained, time.monotonic() - began)
    return improvements


def solve_whole(problem: Problem, state: State, deadline: float, *,
                rules_tried: bool = False) -> bool:
    """CP-SAT on the whole problem from ``state`` until ``deadline``; True if proven optimal.

    For problems small enough to search at once (the rule tests, small benchmarks). With
    the hard rules as constraints (CP-SAT finds schedules that keep them far better than
    it pays off priced violations). When ``state`` breaks a hard rule, first any schedule
    that keeps them all, without the objective: with it CP-SAT may spend the whole time
    without a first solution (Curtois & Qu 8: none in 30 s, without it one in 3 s), and the
    optimisation then starts from that schedule. Only if no such schedule turns up within
    part of the time, with the violations priced. The state takes a solution only when it
    scores better.

    ``rules_tried``: the caller looked for a schedule keeping the rules already
    (:func:`keep_rules`); a state still breaking one is then searched with them priced at
    once, not looked at a second time.
    """
    if state.hard and not rules_tried:
        keep_rules(problem, state,
                   time.monotonic() + STRICT_SHARE * max(0.0, deadline - time.monotonic()))
    # Still breaking a rule (none keeping them all was found): the violations are priced.
    strict = not state.hard
    return _solve_all(problem, state, deadline, strict=strict) == cp_model.OPTIMAL


def keep_rules(problem: Problem, state: State, deadline: float) -> int:
    """Any schedule keeping every hard rule, without the objective, until ``deadline``.

    The state takes it (it scores better than one breaking a rule); returns CP-SAT's status.
    """
    return _solve_all(problem, state, deadline, strict=True, objective=False)


def _solve_all(problem: Problem, state: State, deadline: float, *, strict: bool,
               objective: bool = True) -> int:
    free = {w: set(worker.options) for w, worker in enumerate(problem.workers)}
    sink = _CpSink()
    encoder = Encoder(sink, problem, state.assignment, state.coverage, strict=strict)
    encoder.encode(free)
    if objective:
        sink.model.minimize(cp_model.LinearExpr.weighted_sum(sink.obj_vars, sink.obj_coefs))
    # A start that breaks hard rules misleads CP-SAT looking for one that keeps them.
    if not (strict and state.hard):
        for (w, d, o), var in encoder.x.items():
            sink.model.add_hint(var, state.assignment[w].get(d) == o)
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = max(0.05, deadline - time.monotonic())
    solver.parameters.num_workers = search_workers()
    # The LP of every constraint: without it CP-SAT alone proves little about coverage.
    solver.parameters.linearization_level = 2
    code = solver.solve(sink.model)
    if code not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return int(code)
    chosen: dict[int, dict[int, int]] = {w: {} for w in free}
    for (w, d, o), var in encoder.x.items():
        if solver.boolean_value(var):
            chosen[w][d] = o
    before = state.total
    undo = {w: state.replace(w, free[w], chosen[w]) for w in free}
    if state.total >= before:
        for w, old in undo.items():
            state.replace(w, free[w], old)
    if not objective and code == cp_model.OPTIMAL:
        return int(cp_model.FEASIBLE)  # a schedule, not the best one
    return int(code)
