"""A schedule level's days to re-plan, as an optimisation :class:`~.problem.Problem`.

The shifts the search may replace are the unlocked template shifts of the employees to
re-plan, on the days to re-plan, whose segments are the template's for one activity.
Every other shift stays: it counts as coverage, and as its employee's context (rest
before and after, days in a row, hours of the week). Slots are quarter hours; the score
is in staff-hours: ``under_weight`` (3 by default) per hour missing, ``over_weight`` (1)
per hour too many, plus the soft rules' penalties.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

from workers.wfm.scheduling.coverage import planned_curves
from workers.wfm.scheduling.problem import (
    DEFAULT_MODES,
    Kept,
    Modes,
    Problem,
    Request,
    RowsBuilder,
    Rules,
    ShiftType,
    Worker,
)
from workers.wfm.scheduling.segments import main_activity
from workers.wfm.scheduling.snapshot import LevelSnapshot, PlannedShift, StaffMember
from workers.wfm.scheduling.timeline import CONTEXT_DAYS

UNDER_WEIGHT = 3
OVER_WEIGHT = 1


@dataclass(frozen=True)
class EmployeeLimits:
    """Rules of one employee beyond their contract fields (None: no limit)."""

    min_week_hours: float | None = None
    max_total_hours: float | None = None
    min_total_hours: float | None = None
    min_consecutive_days: int | None = None
    max_consecutive_days_off: int | None = None
    min_consecutive_days_off: int | None = None
    max_weekends: int | None = None
    #: Template id → most shifts of it in the range.
    max_per_template: dict[int, int] = field(default_factory=dict)
    #: ``(template before, template after)`` ids that may not follow each other.
    forbidden: frozenset[tuple[int, int]] = frozenset()
    #: ``(date, template id or None, on, weight)``.
    requests: tuple[tuple[date, int | None, bool, int], ...] = ()


@dataclass(frozen=True)
class LevelRules:
    """What a planning period's rule settings say (see :mod:`workers.wfm.rules`)."""

    modes: Modes = field(default_factory=lambda: dict(DEFAULT_MODES))
    #: Activity id → (under weight, over weight) per staff-hour.
    cover_weights: dict[int, tuple[int, int]] = field(default_factory=dict)
    #: Plan at least the contract hours of the range (prorated weekly hours).
    contract_minimum: bool = False
    limits: dict[int, EmployeeLimits] = field(default_factory=dict)


def replaceable(snapshot: LevelSnapshot, days: list[date], employee_ids: set[int]
                ) -> list[PlannedShift]:
    """The shifts the search may replace."""
    in_range = set(days)
    out = []
    for s in snapshot.shifts:
        if (s.employee_id in employee_ids and s.date in in_range and not s.locked
                and s.template_id in snapshot.templates):
            activity = main_activity(s.segments)
            template = snapshot.templates[s.template_id]
            if activity is not None and tuple(template.segments(activity)) == s.segments:
                out.append(s)
    return out


def level_problem(snapshot: LevelSnapshot, start: date, end: date, employee_ids: list[int],
                  rules: LevelRules | None = None) -> tuple[Problem, list[PlannedShift]]:
    """The problem, and the shifts it may replace."""
    rules = rules or LevelRules()
    days = snapshot.days(start, end)
    index = {d: n for n, d in enumerate(days)}
    staff = [snapshot.staff[e] for e in employee_ids if e in snapshot.staff]
    planned = {m.id for m in staff}
    movable = replaceable(snapshot, days, planned)
    moved = {id(s) for s in movable}
    templates = list(snapshot.templates.values())
    t_index = {t.id: n for n, t in enumerate(templates)}
    shift_types = [ShiftType(t.id, t.code, t.start, t.end, t.work_minutes,
                             tuple(t.work_intervals())) for t in templates]
    activities = list(snapshot.activities)
    keys = [(d, t, a) for d in range(len(days)) for t in range(len(templates))
            for a in activities]
    key_index = {k: n for n, k in enumerate(keys)}

    builder = RowsBuilder()
    weights = {a: rules.cover_weights.get(a, (UNDER_WEIGHT, OVER_WEIGHT)) for a in activities}
    for (day, activity), need in snapshot.demand.items():
        if day in index:
            uw, ow = weights.get(activity, (UNDER_WEIGHT, OVER_WEIGHT))
            builder.demand(index[day], activity, [(n, uw, ow) for n in need])
    kept_shifts = [s for s in snapshot.shifts if id(s) not in moved]
    for (day, activity), curve in planned_curves(kept_shifts, days).items():
        builder.kept[(index[day], activity)] = list(curve)
    options, rows, constant, demand_slots, kept_covered = builder.build(
        shift_types, keys, weights)

    kept_by: dict[int, dict[int, Kept]] = {}
    first = days[0]
    for s in kept_shifts:
        if s.employee_id in planned:
            offset = (s.date - first).days
            if -CONTEXT_DAYS <= offset < len(days) + CONTEXT_DAYS:
                kept_by.setdefault(s.employee_id, {})[offset] = Kept(
                    s.work_minutes, s.start, s.end, t_index.get(s.template_id or -1))
    current_by: dict[int, dict[int, int]] = {}
    for s in movable:
        main = main_activity(s.segments)
        key = (index[s.date], t_index[s.template_id or 0], main or 0)
        if s.employee_id is not None and key in key_index:
            current_by.setdefault(s.employee_id, {})[key[0]] = key_index[key]
    workers = []
    for member in staff:
        kept = kept_by.get(member.id, {})
        limits = rules.limits.get(member.id, EmployeeLimits())
        workers.append(Worker(
            id=member.id, name=member.name, team=member.team,
            options=_options(snapshot, member, days, kept, templates, activities, key_index),
            kept=kept, current=current_by.get(member.id, {}),
            rules=_rules(member, limits, days, templates, t_index, rules, index),
        ))
    problem = Problem(dates=days, shift_types=shift_types, options=options, rows=rows,
                      workers=workers, modes=dict(rules.modes), units_per_point=4,
                      constant=constant, demand_slots=demand_slots,
                      kept_covered_slots=kept_covered)
    return problem, movable


def _options(snapshot: LevelSnapshot, member: StaffMember, days: list[date],
             kept: Mapping[int, Kept], templates: list, activities: list[int],
             key_index: dict[tuple[int, int, int], int]) -> dict[int, tuple[int, ...]]:
    acts = [a for a in activities
            if (skill := snapshot.activities[a].skill) is None or skill in member.skills]
    out: dict[int, tuple[int, ...]] = {}
    for d, day in enumerate(days):
        if d in kept or not member.available_on(day):
            continue
        before, after = kept.get(d - 1), kept.get(d + 1)
        allowed = []
        for t, template in enumerate(templates):
            if not member.fits_times(template.start, template.end):
                continue
            if before is not None and 1440 - before.end + template.start < member.min_rest:
                continue
            if after is not None and 1440 - template.end + after.start < member.min_rest:
                continue
            allowed += [key_index[(d, t, a)] for a in acts]
        out[d] = tuple(allowed)
    return out


def _rules(member: StaffMember, limits: EmployeeLimits, days: list[date], templates: list,
           t_index: dict[int, int], rules: LevelRules, index: dict[date, int]) -> Rules:
    forbidden = {(a, b) for a, t1 in enumerate(templates) for b, t2 in enumerate(templates)
                 if 1440 - t1.end + t2.start < member.min_rest}
    forbidden |= {(t_index[a], t_index[b]) for a, b in limits.forbidden
                  if a in t_index and b in t_index}

    def minutes(hours: float | None) -> int | None:
        return None if hours is None else round(hours * 60)

    min_total = minutes(limits.min_total_hours)
    if rules.contract_minimum:
        available = sum(1 for d in days if member.available_on(d))
        workable = sum(1 for n in range(7) if member.weekdays & (1 << n)) or 1
        target = member.weekly_minutes * available / workable
        min_total = max(min_total or 0, round(target / 15) * 15)
    return Rules(
        max_week_minutes=member.weekly_minutes,
        min_week_minutes=minutes(limits.min_week_hours),
        max_total_minutes=minutes(limits.max_total_hours),
        min_total_minutes=min_total,
        max_consecutive_work=member.max_consecutive,
        min_consecutive_work=limits.min_consecutive_days,
        max_consecutive_off=limits.max_consecutive_days_off,
        min_consecutive_off=limits.min_consecutive_days_off,
        max_weekends=limits.max_weekends,
        max_per_shift=tuple((t_index[t], n) for t, n in limits.max_per_template.items()
                            if t in t_index),
        forbidden=frozenset(forbidden),
        min_rest=member.min_rest,
        requests=tuple(Request(index[d], t_index.get(t) if t is not None else None, on, w)
                       for d, t, on, w in limits.requests if d in index),
    )


