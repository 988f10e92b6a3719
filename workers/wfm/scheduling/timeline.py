"""One worker's days as the rules see them, and the rules' violations on them.

:func:`violations` is the single statement of what each rule means: the search encodes
the same quantities (:mod:`~workers.wfm.scheduling.encoding`), the job reports them, and
the never-worse check compares them. Days outside the range with no kept shift are off
(unless the problem's edges are open: then the minimum run lengths skip runs at the edges).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from workers.wfm.scheduling.problem import Problem, RuleKind, Worker

#: Days before and after the range whose kept shifts count (rest, days in a row, weeks).
CONTEXT_DAYS = 7
#: Objective units per unit of a hard rule's violation: more than any search could gain.
HARD_UNITS = 1_000_000


@dataclass(frozen=True)
class Day:
    works: bool
    minutes: int
    shift: int | None
    start: int = 0
    end: int = 0


OFF = Day(False, 0, None)


def worker_days(problem: Problem, worker: Worker, chosen: dict[int, int]) -> dict[int, Day]:
    """Day → what the worker does, over the range and its context (``chosen``: day → option)."""
    days: dict[int, Day] = {}
    for d, kept in worker.kept.items():
        days[d] = Day(True, kept.minutes, kept.shift, kept.start, kept.end)
    for d, o in chosen.items():
        option = problem.options[o]
        t = problem.shift_types[option.shift]
        days[d] = Day(True, option.minutes, option.shift, t.start, t.end)
    return days


def quarter_units(problem: Problem, kind: RuleKind) -> int:
    """Units per started quarter hour of a minute rule's violation."""
    weight = problem.mode(kind)
    if weight is None:
        return HARD_UNITS
    return max(1, round(weight * problem.units_per_point / 4))


def unit_cost(problem: Problem, kind: RuleKind) -> int:
    """Units per unit of a rule's violation (days, weekends, shifts, successions)."""
    weight = problem.mode(kind)
    return HARD_UNITS if weight is None else weight * problem.units_per_point


@dataclass(frozen=True)
class Violation:
    kind: RuleKind
    amount: int
    text: str


def violations(problem: Problem, worker: Worker, days: dict[int, Day], *,
               upper_only: bool = False) -> Iterator[Violation]:
    """Every rule the worker's days break, with how much (quarter hours for minute rules).

    ``upper_only`` skips the rules that adding a shift can only help (minimums, requests to
    work), for a constructive search that adds shifts one by one.
    """
    rules, n = worker.rules, problem.days
    lo, hi = -CONTEXT_DAYS, n + CONTEXT_DAYS

    def works(d: int) -> bool:
        return d in days

    # Hours per week (weeks touching the range; minimums only for weeks inside it).
    for week, members in problem.weeks().items():
        if not any(0 <= d < n for d in members):
            continue
        minutes = sum(days[d].minutes for d in members if d in days)
        if rules.max_week_minutes is not None and minutes > rules.max_week_minutes:
            yield Violation(RuleKind.WEEK_MAX_MINUTES,
                            _quarters(minutes - rules.max_week_minutes),
                            f"{minutes / 60:g} h in week {week + 1}")
        if (not upper_only and rules.min_week_minutes is not None
                and all(0 <= d < n for d in members) and minutes < rules.min_week_minutes):
            yield Violation(RuleKind.WEEK_MIN_MINUTES,
                            _quarters(rules.min_week_minutes - minutes),
                            f"{minutes / 60:g} h in week {week + 1}")
    total = sum(day.minutes for d, day in days.items() if 0 <= d < n)
    if rules.max_total_minutes is not None and total > rules.max_total_minutes:
        yield Violation(RuleKind.TOTAL_MAX_MINUTES, _quarters(total - rules.max_total_minutes),
                        f"{total / 60:g} h in the period")
    if (not upper_only and rules.min_total_minutes is not None
            and total < rules.min_total_minutes):
        yield Violation(RuleKind.TOTAL_MIN_MINUTES, _quarters(rules.min_total_minutes - total),
                        f"{total / 60:g} h in the period")
    k = rules.max_consecutive_work
    if k is not None:
        for s in range(-k, n):
            count = sum(1 for d in range(s, s + k + 1) if works(d))
            if count > k:
                yield Violation(RuleKind.MAX_CONSECUTIVE_WORK, count - k,
                                f"more than {k} days in a row from day {s + 1}")
    k = rules.min_consecutive_work
    if k is not None and not upper_only:
        for s, length in _runs(lambda d: works(d), lo, hi):
            if length < k and problem.judged_run(s, length):
                yield Violation(RuleKind.MIN_CONSECUTIVE_WORK, 1,
                                f"only {length} working days in a row from day {s + 1}")
    k = rules.min_consecutive_off
    if k is not None:
        for s, length in _runs(lambda d: not works(d), lo, hi):
            if length < k and s > lo and s + length < hi and problem.judged_run(s, length):
                yield Violation(RuleKind.MIN_CONSECUTIVE_OFF, 1,
                                f"only {length} days off in a row from day {s + 1}")
    k = rules.max_consecutive_off
    if k is not None and not upper_only:
        for s in range(0, n - k):
            if not any(works(d) for d in range(s, s + k + 1)):
                yield Violation(RuleKind.MAX_CONSECUTIVE_OFF, 1,
                                f"more than {k} days off in a row from day {s + 1}")
    if rules.max_weekends is not None:
        worked = sum(1 for weekend in problem.weekends() if any(works(d) for d in weekend))
        if worked > rules.max_weekends:
            yield Violation(RuleKind.MAX_WEEKENDS, worked - rules.max_weekends,
                            f"{worked} weekends")
    for shift, most in rules.max_per_shift:
        count = sum(1 for d, day in days.items() if 0 <= d < n and day.shift == shift)
        if count > most:
            yield Violation(RuleKind.MAX_PER_SHIFT, count - most,
                            f"{count} {problem.shift_types[shift].code} shifts")
    if rules.forbidden:
        for d in range(-1, n):
            a, b = days.get(d), days.get(d + 1)
            if (a is not None and b is not None and a.shift is not None
                    and b.shift is not None and (a.shift, b.shift) in rules.forbidden):
                yield Violation(RuleKind.SUCCESSION, 1,
                                f"{problem.shift_types[b.shift].code} after "
                                f"{problem.shift_types[a.shift].code} on day {d + 2}")
    for r in rules.requests:
        day = days.get(r.day)
        hit = day is not None and (r.shift is None or day.shift == r.shift)
        if r.on and not hit and not upper_only:
            yield Violation(RuleKind.REQUESTS, r.weight, f"asked to work on day {r.day + 1}")
        if not r.on and hit:
            yield Violation(RuleKind.REQUESTS, r.weight, f"asked to be off on day {r.day + 1}")


def penalty(problem: Problem, worker: Worker, days: dict[int, Day], *,
            upper_only: bool = False) -> tuple[int, int, int]:
    """``(objective units, hard violations, units of the soft rules)`` of the worker's days."""
    units = hard = soft = 0
    for v in violations(problem, worker, days, upper_only=upper_only):
        minute_rule = v.kind in MINUTE_RULES
        cost = quarter_units(problem, v.kind) if minute_rule else unit_cost(problem, v.kind)
        units += cost * v.amount
        if problem.mode(v.kind) is None:
            hard += 1
        else:
            soft += cost * v.amount
    return units, hard, soft


MINUTE_RULES = frozenset({RuleKind.WEEK_MAX_MINUTES, RuleKind.WEEK_MIN_MINUTES,
                          RuleKind.TOTAL_MAX_MINUTES, RuleKind.TOTAL_MIN_MINUTES})


def _quarters(minutes: int) -> int:
    return -(-minutes // 15)


def _runs(member: object, lo: int, hi: int) -> Iterator[tuple[int, int]]:
    """``(start, length)`` of each run of days in ``[lo, hi)`` for which ``member`` holds."""
    test = member  # a callable day → bool
    start = None
    for d in range(lo, hi + 1):
        inside = d < hi and test(d)  # type: ignore[operator]
        if inside and start is None:
            start = d
        elif not inside and start is not None:
            yield start, d - start
            start = None
