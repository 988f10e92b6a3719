"""The rules and the coverage as linear constraints, over some free days of some workers.

One encoding serves two solvers: CP-SAT on a neighbourhood (the rest of the schedule is
given) and the LP relaxation of the whole problem (everything free, for the lower bound).
Every rule has a slack priced like :func:`~workers.wfm.scheduling.timeline.violations`
counts it, so a sub-problem is always feasible and its objective is the true one.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Generic, Protocol, TypeVar

from workers.wfm.scheduling.problem import Problem, RuleKind, Worker
from workers.wfm.scheduling.timeline import CONTEXT_DAYS, quarter_units, unit_cost

V = TypeVar("V")
#: Rules written as clauses: left out of the LP relaxation.
CLAUSES = frozenset({RuleKind.MIN_CONSECUTIVE_WORK, RuleKind.MIN_CONSECUTIVE_OFF,
                     RuleKind.SUCCESSION})
Terms = list[tuple[int, V]]


class Sink(Protocol[V]):
    """What an encoding writes to: variables, linear constraints and objective terms."""

    def var(self, ub: int) -> V: ...

    def add(self, terms: Terms[V], lo: int | None, hi: int | None) -> None: ...

    def cost(self, coef: int, var: V) -> None: ...


class Encoder(Generic[V]):
    """Encodes ``free`` (worker index → days) against an incumbent assignment."""

    def __init__(self, sink: Sink[V], problem: Problem, assignment: list[dict[int, int]],
                 coverage: list[int], *, relaxed: bool = False, strict: bool = False) -> None:
        self.sink, self.p = sink, problem
        #: For a lower bound: only the hard upper limits, without slack.
        self.relaxed = relaxed
        #: Hard rules as constraints without slack: infeasible where they cannot hold.
        self.strict = strict
        self.assignment, self.coverage = assignment, coverage
        #: ``(worker index, day, option)`` → its variable.
        self.x: dict[tuple[int, int, int], V] = {}

    def encode(self, free: dict[int, set[int]]) -> None:
        per_option: dict[int, Terms[V]] = {}
        freed = [0] * len(self.p.rows) if len(self.coverage) else []
        for w, days in free.items():
            worker = self.p.workers[w]
            by_day: dict[int, list[tuple[int, V]]] = {}
            for d in days:
                choices = []
                for o in worker.options.get(d, ()):
                    v = self.sink.var(1)
                    self.x[(w, d, o)] = v
                    choices.append((o, v))
                    per_option.setdefault(o, []).append((1, v))
                    self.sink.cost(self.p.options[o].linear, v)
                if choices:
                    self.sink.add([(1, v) for _, v in choices], None, 1)
                by_day[d] = choices
                current = self.assignment[w].get(d)
                if current is not None and freed:
                    for r in self.p.options[current].rows:
                        freed[r] += 1
            self._rules(w, worker, by_day)
        self._coverage(per_option, freed)

    # ------------------------------------------------------------------ coverage

    def _coverage(self, per_option: dict[int, Terms[V]], freed: list[int]) -> None:
        rows: dict[int, list[int]] = {}
        for o in per_option:
            for r in self.p.options[o].rows:
                rows.setdefault(r, []).append(o)
        aggregated: dict[int, V] = {}
        for o, takers in per_option.items():
            if len(takers) == 1:
                continue
            y = self.sink.var(len(takers))
            self.sink.add([*takers, (-1, y)], 0, 0)
            aggregated[o] = y
        for r, options in rows.items():
            row = self.p.rows[r]
            fixed = (self.coverage[r] - freed[r]) if freed else 0
            open_ = row.residual - fixed
            if open_ <= 0:
                continue
            terms: Terms[V] = []
            for o in options:
                if o in aggregated:
                    terms.append((1, aggregated[o]))
                else:
                    terms += per_option[o]
            under = self.sink.var(open_)
            self.sink.add([*terms, (1, under)], open_, None)
            self.sink.cost(row.weight, under)

    # ------------------------------------------------------------------ rules

    def _rules(self, w: int, worker: Worker, by_day: dict[int, list[tuple[int, V]]]) -> None:
        p, rules, n = self.p, worker.rules, self.p.days
        lo, hi = -CONTEXT_DAYS, n + CONTEXT_DAYS
        given = self.assignment[w]

        def shift_of(d: int) -> int | None:
            if d in worker.kept:
                return worker.kept[d].shift
            return p.options[given[d]].shift if d in given else None

        def works(d: int) -> tuple[Terms[V], int]:
            if d in by_day:
                return [(1, v) for _, v in by_day[d]], 0
            return [], int(d in worker.kept or d in given)

        def minutes(days: Iterable[int]) -> tuple[Terms[V], int]:
            terms: Terms[V] = []
            const = 0
            for d in days:
                if d in by_day:
                    terms += [(p.options[o].minutes, v) for o, v in by_day[d]]
                elif d in worker.kept:
                    const += worker.kept[d].minutes
                elif d in given:
                    const += p.options[given[d]].minutes
            return terms, const

        def shift_is(d: int, shifts: set[int]) -> tuple[Terms[V], int]:
            if d in by_day:
                return [(1, v) for o, v in by_day[d] if p.options[o].shift in shifts], 0
            return [], int(shift_of(d) in shifts)

        def combine(*parts: tuple[int, tuple[Terms[V], int]]) -> tuple[Terms[V], int]:
            terms: Terms[V] = []
            const = 0
            for sign, (t, c) in parts:
                terms += [(sign * k, v) for k, v in t]
                const += sign * c
            return terms, const

        def limit(expr: tuple[Terms[V], int], lo_: int | None, hi_: int | None,
                  kind: RuleKind, scale: int = 1) -> None:
            terms, const = expr
            if not terms:
                return
            if self.relaxed:
                if hi_ is not None and p.mode(kind) is None and kind not in CLAUSES:
                    self.sink.add(terms, None, max(0, hi_ - const))
                return
            if self.strict and p.mode(kind) is None:
                self.sink.add(terms, None if lo_ is None else lo_ - const,
                              None if hi_ is None else hi_ - const)
                return
            cost = quarter_units(p, kind) if scale == 15 else unit_cost(p, kind)
            span = sum(abs(k) for k, _ in terms) // scale + 2
            if hi_ is not None:
                s = self.sink.var(span)
                self.sink.add([*terms, (-scale, s)], None, hi_ - const)
                self.sink.cost(cost, s)
            if lo_ is not None:
                s = self.sink.var(span)
                self.sink.add([*terms, (scale, s)], lo_ - const, None)
                self.sink.cost(cost, s)

        free_days = set(by_day)

        def touches(days: Iterable[int]) -> bool:
            return any(d in free_days for d in days)

        for members in p.weeks().values():
            if not touches(members):
                continue
            if rules.max_week_minutes is not None:
                limit(minutes(members), None, rules.max_week_minutes,
                      RuleKind.WEEK_MAX_MINUTES, 15)
            if rules.min_week_minutes is not None and all(0 <= d < n for d in members):
                limit(minutes(members), rules.min_week_minutes, None,
                      RuleKind.WEEK_MIN_MINUTES, 15)
        in_range = range(n)
        if rules.max_total_minutes is not None:
            limit(minutes(in_range), None, rules.max_total_minutes,
                  RuleKind.TOTAL_MAX_MINUTES, 15)
        if rules.min_total_minutes is not None:
            limit(minutes(in_range), rules.min_total_minutes, None,
                  RuleKind.TOTAL_MIN_MINUTES, 15)
        k = rules.max_consecutive_work
        # Left out of the LP: it bounds no better with them (measured on the demo), slower.
        if k is not None and not self.relaxed:
            for s in range(-k, n):
                window = range(s, s + k + 1)
                if touches(window):
                    limit(combine(*((1, works(d)) for d in window)), None, k,
                          RuleKind.MAX_CONSECUTIVE_WORK)
        k = rules.min_consecutive_work
        if k is not None:
            for length in range(1, k):
                for s in range(lo, hi - length + 1):
                    run = range(s, s + length)
                    if not p.judged_run(s, length) or not touches([s - 1, *run, s + length]):
                        continue
                    limit(combine(*((1, works(d)) for d in run), (-1, works(s - 1)),
                                  (-1, works(s + length))), None, length - 1,
                          RuleKind.MIN_CONSECUTIVE_WORK)
        k = rules.min_consecutive_off
        if k is not None:
            for length in range(1, k):
                for s in range(lo + 1, hi - length):
                    run = range(s, s + length)
                    if not p.judged_run(s, length) or not touches([s - 1, *run, s + length]):
                        continue
                    limit(combine(*((-1, works(d)) for d in run), (1, works(s - 1)),
                                  (1, works(s + length))), None, 1,
                          RuleKind.MIN_CONSECUTIVE_OFF)
        k = rules.max_consecutive_off
        if k is not None:
            for s in range(0, n - k):
                window = range(s, s + k + 1)
                if touches(window):
                    limit(combine(*((1, works(d)) for d in window)), 1, None,
                          RuleKind.MAX_CONSECUTIVE_OFF)
        if rules.max_weekends is not None and not (
                self.relaxed and p.mode(RuleKind.MAX_WEEKENDS) is not None):
            flags: Terms[V] = []
            const = 0
            for weekend in p.weekends():
                if not touches(weekend):
                    const += int(any(works(d)[1] for d in weekend))
                    continue
                fixed = any(works(d)[1] for d in weekend)
                if fixed:
                    const += 1
                    continue
                flag = self.sink.var(1)
                for d in weekend:
                    t, _ = works(d)
                    for coef, v in t:
                        self.sink.add([(coef, v), (-1, flag)], None, 0)
                flags.append((1, flag))
            limit((flags, const), None, rules.max_weekends, RuleKind.MAX_WEEKENDS)
        for shift, most in rules.max_per_shift:
            limit(combine(*((1, shift_is(d, {shift})) for d in in_range)), None, most,
                  RuleKind.MAX_PER_SHIFT)
        if rules.forbidden and not self.relaxed:
            after: dict[int, set[int]] = {}
            for a, b in rules.forbidden:
                after.setdefault(a, set()).add(b)
            for d in range(-1, n):
                if not touches([d, d + 1]):
                    continue
                for a, followers in after.items():
                    limit(combine((1, shift_is(d, {a})), (1, shift_is(d + 1, followers))),
                          None, 1, RuleKind.SUCCESSION)
        cost = unit_cost(p, RuleKind.REQUESTS)
        for r in () if self.relaxed else rules.requests:
            if r.day not in free_days:
                continue
            shifts = {r.shift} if r.shift is not None else None
            wished = [v for o, v in by_day[r.day]
                      if shifts is None or p.options[o].shift in shifts]
            for v in wished:
                self.sink.cost(-cost * r.weight if r.on else cost * r.weight, v)

