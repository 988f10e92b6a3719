"""Each rule the optimiser knows, proven on a problem small enough to solve to optimality.

Every instance has one shift type ``D`` of 8 hours (or ``E`` and ``L``), days from a Monday,
and a cover of one person with 10 per person missing and 1 per person too many. Each test
states the best schedule the rule allows, checks that CP-SAT proves it optimal and that
the independent rule check (:func:`timeline.violations`) finds nothing broken.
"""

from __future__ import annotations

import time
from dataclasses import replace
from datetime import date

import pytest

from workers.wfm.scheduling.cover_problem import CoverSpec, ShiftSpec, StaffSpec, cover_problem
from workers.wfm.scheduling.level_problem import LevelRules, level_problem
from workers.wfm.scheduling.problem import DEFAULT_MODES, Problem, RuleKind
from workers.wfm.scheduling.search import State, solve_whole
from workers.wfm.scheduling.segments import TemplateShape
from workers.wfm.scheduling.snapshot import ActivityInfo, LevelSnapshot, StaffMember
from workers.wfm.scheduling.timeline import violations, worker_days

from .conftest import Demo

D = ShiftSpec("D", 480)
E, L = ShiftSpec("E", 480), ShiftSpec("L", 480, frozenset({"E"}))
SHIFT = 480


def cover(days: list[int], shift: str = "D", under: int = 10, over: int = 1,
          horizon: int = 14) -> list[CoverSpec]:
    """One person needed on ``shift`` on ``days``, nobody on the other days."""
    return [CoverSpec(d, shift, int(d in days), under, over) for d in range(horizon)]


def solved(problem: Problem) -> State:
    """The optimal schedule; fails unless CP-SAT proves it optimal and every hard rule holds."""
    state = State(problem, [{} for _ in problem.workers])
    assert solve_whole(problem, state, time.monotonic() + 60)
    for w, worker in enumerate(problem.workers):
        broken = [v for v in violations(problem, worker,
                                        worker_days(problem, worker, state.assignment[w]))
                  if problem.mode(v.kind) is None]
        assert broken == []
    return state


def worked(problem: Problem, state: State, w: int = 0) -> list[int]:
    return sorted(state.assignment[w])


def one(days: int, staff: StaffSpec, demand: list[CoverSpec], shifts: list[ShiftSpec] | None = None,
        modes: dict[RuleKind, int | None] | None = None) -> Problem:
    return cover_problem(days, shifts or [D], [staff], demand,
                         modes=None if modes is None else {**DEFAULT_MODES, **modes})


def test_at_most_the_total_hours_over_the_range() -> None:
    problem = one(7, StaffSpec("A", max_total_minutes=3 * SHIFT), cover(list(range(7))))

    state = solved(problem)

    assert len(worked(problem, state)) == 3
    assert state.score == 4 * 10


def test_at_least_the_total_hours_hard_and_soft() -> None:
    hard = one(7, StaffSpec("A", min_total_minutes=4 * SHIFT), cover([0, 1], over=100))
    # Soft at 1 per hour (a quarter-hour unit here): 16 hours short cost 64, two more
    # shifts than needed cost 200: the optimum breaks the rule.
    soft = one(7, StaffSpec("A", min_total_minutes=4 * SHIFT), cover([0, 1], over=100),
               modes={RuleKind.TOTAL_MIN_MINUTES: 1})

    assert solved(hard).score == 2 * 100
    assert solved(soft).score == 64


def test_hours_per_week_between_the_minimum_and_the_maximum() -> None:
    capped = one(14, StaffSpec("A", max_week_minutes=2 * SHIFT), cover(list(range(14))))
    floored = one(14, StaffSpec("A", min_week_minutes=2 * SHIFT), cover([0, 1]))

    capped_state, floored_state = solved(capped), solved(floored)

    assert capped_state.score == 10 * 10
    assert len([d for d in worked(floored, floored_state) if d >= 7]) == 2
    assert floored_state.score == 2


def test_at_most_two_working_days_in_a_row() -> None:
    problem = one(7, StaffSpec("A", max_consecutive_work=2), cover(list(range(7))))

    state = solved(problem)

    days = worked(problem, state)
    assert len(days) == 5 and not any(d + 1 in days and d + 2 in days for d in days)
    assert state.score == 2 * 10


def test_at_least_three_working_days_in_a_row() -> None:
    problem = one(7, StaffSpec("A", min_consecutive_work=3), cover([3]))

    state = solved(problem)

    days = worked(problem, state)
    assert len(days) == 3 and 3 in days and days == list(range(days[0], days[0] + 3))
    assert state.score == 2


def test_a_short_run_at_an_open_edge_of_the_range_is_allowed_but_not_inside_it() -> None:
    # A benchmark's horizon: what lies beyond it is unknown, so a single working day on
    # its first or last day may be the end of a longer run (Curtois & Qu's convention).
    staff, demand = StaffSpec("A", min_consecutive_work=2), cover([0, 3, 6], horizon=7)
    closed = one(7, staff, demand)
    open_ = cover_problem(7, [D], [staff], demand, open_edges=True)

    closed_state, open_state = solved(closed), solved(open_)

    # Closed: day -1 and day 7 are days off, so each needed day takes a neighbour with it.
    assert closed_state.score == 3
    # Open: days 0 and 6 alone; day 3 inside still needs a second day.
    assert open_state.score == 1
    assert {0, 3, 6} <= set(worked(open_, open_state))
    assert len(worked(open_, open_state)) == 4


def test_at_least_two_days_off_in_a_row() -> None:
    problem = one(7, StaffSpec("A", min_consecutive_off=2, max_consecutive_work=6),
                  cover([0, 1, 2, 4, 5, 6]))

    state = solved(problem)

    # Day 3 off (no need) takes a second day off with it: one needed day stays open.
    days = worked(problem, state)
    assert 3 not in days and (2 not in days or 4 not in days)
    assert state.score == 10


def test_at_most_two_days_off_in_a_row() -> None:
    problem = one(7, StaffSpec("A", max_consecutive_off=2), cover([0]))

    state = solved(problem)

    assert len(worked(problem, state)) == 3  # day 0 and two more, to break every gap of 3
    assert state.score == 2


def test_at_most_one_weekend_hard_and_soft() -> None:
    weekends = cover([5, 6, 12, 13])
    hard = one(14, StaffSpec("A", max_weekends=1), weekends)
    soft = one(14, StaffSpec("A", max_weekends=1), weekends, modes={RuleKind.MAX_WEEKENDS: 5})

    hard_state, soft_state = solved(hard), solved(soft)

    assert hard_state.score == 2 * 10
    assert worked(soft, soft_state) == [5, 6, 12, 13]
    assert soft_state.score == 5


def test_at_most_one_late_shift() -> None:
    problem = one(7, StaffSpec("A", max_per_shift={"L": 1}),
                  cover([0, 1, 2], "L") + cover([], "E"), [E, L])

    assert solved(problem).score == 2 * 10


def test_no_early_shift_the_day_after_a_late_one() -> None:
    problem = one(7, StaffSpec("A"), cover([0], "L") + cover([1], "E"), [E, L])

    assert solved(problem).score == 10


def test_shift_requests_weigh_against_the_cover() -> None:
    asked_on = one(7, StaffSpec("A", on_requests=((2, "D", 7),)), cover([]))
    asked_off_lightly = one(7, StaffSpec("A", off_requests=((1, "D", 7),)), cover([1]))
    asked_off_firmly = one(7, StaffSpec("A", off_requests=((1, "D", 20),)), cover([1]))

    assert solved(asked_on).score == 1  # works day 2: 1 too many beats 7 for the wish
    assert solved(asked_off_lightly).score == 7
    assert solved(asked_off_firmly).score == 10


# ---------------------------------------------------------------------- on a schedule level

PHONE, EMAIL = 1, 2
DAY = TemplateShape(1, "DAY", 8 * 60, 16 * 60, None, 0)


def level(demand: dict[tuple[date, int], list[int]], weekly_hours: float = 40) -> LevelSnapshot:
    member = StaffMember(id=1, number="E1", name="Ann", team="T",
                         skills=frozenset({"Phone", "Email"}),
                         weekly_minutes=round(weekly_hours * 60), weekdays=0b1111111,
                         available_from=0, available_until=1440, min_rest=11 * 60,
                         max_consecutive=6)
    return LevelSnapshot(
        level_id=1, level_name="L", period_id=1, period_name="P",
        period_start=date(2026, 11, 30), period_end=date(2026, 12, 6),
        activities={PHONE: ActivityInfo(PHONE, "PHONE", "Phone", "Phone", "#000"),
                    EMAIL: ActivityInfo(EMAIL, "EMAIL", "Email", "Email", "#000")},
        templates={1: DAY}, staff={1: member}, demand=demand)


def eight_hours_needed(activity: int, day: date = date(2026, 11, 30)
                       ) -> dict[tuple[date, int], list[int]]:
    curve = [1 if 32 <= i < 64 else 0 for i in range(96)]
    return {(day, activity): curve}


def test_cover_weights_per_activity_decide_what_is_covered() -> None:
    snapshot = level(eight_hours_needed(PHONE) | eight_hours_needed(EMAIL))
    rules = LevelRules(cover_weights={PHONE: (3, 1), EMAIL: (10, 1)})
    problem, _ = level_problem(snapshot, date(2026, 11, 30), date(2026, 11, 30), [1], rules)

    state = solved(problem)

    (option,) = state.assignment[0].values()
    assert problem.options[option].activity == EMAIL
    assert state.score == 8 * 3  # the phone hours stay open, at 3 each


@pytest.mark.parametrize("minimum", [False, True])
def test_contract_hours_as_a_minimum_in_the_objective(minimum: bool) -> None:
    snapshot = level(eight_hours_needed(PHONE), weekly_hours=16)
    rules = LevelRules(contract_minimum=minimum)
    problem, _ = level_problem(snapshot, date(2026, 11, 30), date(2026, 12, 6), [1], rules)

    state = solved(problem)

    assert len(state.assignment[0]) == (2 if minimum else 1)
    assert state.score == (8.0 if minimum else 0.0)


def test_a_soft_rule_costs_its_weight_per_unit() -> None:
    base = one(7, StaffSpec("A", max_consecutive_work=2), cover(list(range(7))))
    soft = replace(base, modes={**DEFAULT_MODES, RuleKind.MAX_CONSECUTIVE_WORK: 1})

    # Seven days in a row are five too many at 1 each: less than 10 per open day.
    state = solved(soft)
    assert worked(soft, state) == list(range(7))
    assert state.score == 5


async def test_a_periods_settings_make_rules_soft_weigh_the_cover_and_add_limits(
    demo: Demo
) -> None:
    from workers.wfm.models import Employee, ShiftRequest
    from workers.wfm.planning import PeriodRules, ScheduleLevel
    from workers.wfm.rules import level_rules

    level = await ScheduleLevel.get(id=demo.base)
    await PeriodRules.create(period_id=level.period_id, modes={"MAX_WEEKENDS": 5},
                             cover_weights={"PHONE": [10, 2]}, plan_contract_hours=True)
    someone = await Employee.filter(active=True).order_by("id").first()
    assert someone is not None
    someone.limits = {"maxWeekends": 1, "maxPerTemplate": {"LATE": 2},
                      "forbiddenSuccessions": [["MIDDLE", "EARLY"]]}
    await someone.save()
    await ShiftRequest.create(employee=someone, date=date(2026, 12, 5), on=False, weight=4)

    rules = await level_rules(level.period_id)

    assert rules.modes[RuleKind.MAX_WEEKENDS] == 5
    assert rules.modes[RuleKind.MAX_CONSECUTIVE_WORK] is None
    assert rules.cover_weights == {demo.activities["PHONE"]: (10, 2)}
    assert rules.contract_minimum
    limits = rules.limits[someone.id]
    assert limits.max_weekends == 1
    assert limits.max_per_template == {demo.templates["LATE"]: 2}
    assert limits.forbidden == {(demo.templates["MIDDLE"], demo.templates["EARLY"])}
    assert limits.requests == ((date(2026, 12, 5), None, False, 4),)
