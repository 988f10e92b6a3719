"""Problems stated per shift type and day, as the nurse-rostering benchmarks state them.

The cover is *people on shift type S on day D*, with a weight per person missing and per
person too many (one slot per shift type); the rules are each worker's. The Curtois & Qu
instances (:mod:`bench.curtois_qu`) and the rule tests are built this way.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from workers.wfm.scheduling.problem import (
    DEFAULT_MODES,
    Modes,
    Problem,
    Request,
    RowsBuilder,
    Rules,
    ShiftType,
    Worker,
)

#: All instances start on a Monday; the date only places the weekends.
MONDAY = date(2026, 11, 30)
#: The one activity of a cover problem.
ACTIVITY = 1


@dataclass(frozen=True)
class ShiftSpec:
    code: str
    minutes: int
    #: Shift types that may not be worked the day after this one.
    not_followed_by: frozenset[str] = frozenset()


@dataclass(frozen=True)
class StaffSpec:
    name: str
    max_per_shift: dict[str, int] = field(default_factory=dict)
    max_total_minutes: int | None = None
    min_total_minutes: int | None = None
    max_consecutive_work: int | None = None
    min_consecutive_work: int | None = None
    min_consecutive_off: int | None = None
    max_consecutive_off: int | None = None
    max_weekends: int | None = None
    max_week_minutes: int | None = None
    min_week_minutes: int | None = None
    days_off: frozenset[int] = frozenset()
    #: ``(day, shift code or None, weight)``.
    on_requests: tuple[tuple[int, str | None, int], ...] = ()
    off_requests: tuple[tuple[int, str | None, int], ...] = ()


@dataclass(frozen=True)
class CoverSpec:
    day: int
    shift: str
    need: int
    under_weight: int
    over_weight: int


def cover_problem(days: int, shifts: list[ShiftSpec], staff: list[StaffSpec],
                  cover: list[CoverSpec], *, modes: Modes | None = None,
                  current: list[dict[int, str]] | None = None,
                  open_edges: bool = False) -> Problem:
    """The problem; ``current`` gives each worker's present shifts (day → shift code).

    ``open_edges``: what lies outside the days is unknown (see :attr:`Problem.open_edges`).
    """
    code_index = {s.code: n for n, s in enumerate(shifts)}
    shift_types = [ShiftType(n, s.code, 0, s.minutes, s.minutes, (n,))
                   for n, s in enumerate(shifts)]
    keys = [(d, t, ACTIVITY) for d in range(days) for t in range(len(shifts))]
    key_index = {k: n for n, k in enumerate(keys)}
    builder = RowsBuilder()
    needs: dict[int, list[tuple[int, int, int]]] = {}
    for c in cover:
        row = needs.setdefault(c.day, [(0, 0, 0)] * len(shifts))
        row[code_index[c.shift]] = (c.need, c.under_weight, c.over_weight)
    for d, row in needs.items():
        builder.demand(d, ACTIVITY, row)
    options, rows, constant, demand_slots, kept_covered = builder.build(
        shift_types, keys, {ACTIVITY: (0, 0)})
    forbidden = frozenset((code_index[s.code], code_index[b]) for s in shifts
                          for b in s.not_followed_by)
    workers = []
    for n, spec in enumerate(staff):
        allowed = [t for t, s in enumerate(shifts) if spec.max_per_shift.get(s.code) != 0]
        free = {d: tuple(key_index[(d, t, ACTIVITY)] for t in allowed)
                for d in range(days) if d not in spec.days_off}
        requests = tuple(
            Request(d, None if code is None else code_index[code], on, weight)
            for on, wishes in ((True, spec.on_requests), (False, spec.off_requests))
            for d, code, weight in wishes)
        rules = Rules(
            max_week_minutes=spec.max_week_minutes, min_week_minutes=spec.min_week_minutes,
            max_total_minutes=spec.max_total_minutes, min_total_minutes=spec.min_total_minutes,
            max_consecutive_work=spec.max_consecutive_work,
            min_consecutive_work=spec.min_consecutive_work,
            max_consecutive_off=spec.max_consecutive_off,
            min_consecutive_off=spec.min_consecutive_off, max_weekends=spec.max_weekends,
            max_per_shift=tuple((code_index[c], k) for c, k in spec.max_per_shift.items()
                                if 0 < k < days),
            forbidden=forbidden, requests=requests)
        mine = current[n] if current is not None else {}
        workers.append(Worker(
            id=n, name=spec.name, team="", options=free, kept={},
            current={d: key_index[(d, code_index[c], ACTIVITY)] for d, c in mine.items()},
            rules=rules))
    return Problem(
        dates=[MONDAY + timedelta(days=d) for d in range(days)], shift_types=shift_types,
        options=options, rows=rows, workers=workers,
        modes=dict(DEFAULT_MODES) if modes is None else dict(modes), units_per_point=1,
        constant=constant, demand_slots=demand_slots, kept_covered_slots=kept_covered,
        open_edges=open_edges)
