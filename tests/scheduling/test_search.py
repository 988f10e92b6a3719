"""The search on small problems: a worse schedule is never the outcome, the bound holds."""

from __future__ import annotations

import time

from workers.wfm.scheduling.cover_problem import CoverSpec, ShiftSpec, StaffSpec, cover_problem
from workers.wfm.scheduling.process import optimise
from workers.wfm.scheduling.search import State, greedy, lp_bound, solve_whole

EARLY, LATE = ShiftSpec("E", 480), ShiftSpec("L", 480)


def two_shift_week(current: list[dict[int, str]] | None = None):  # type: ignore[no-untyped-def]
    """Three people, a week, one person needed on each shift each day."""
    cover = [CoverSpec(d, s, 1, 100, 1) for d in range(7) for s in ("E", "L")]
    staff = [StaffSpec(name, max_consecutive_work=5) for name in ("A", "B", "C")]
    return cover_problem(7, [EARLY, LATE], staff, cover, current=current)


def test_a_schedule_that_cannot_be_improved_is_kept_as_it_is() -> None:
    # Every shift filled by exactly one person, nobody more than five days in a row.
    perfect = [{d: "E" for d in (0, 1, 2, 3, 4, 6)}, {d: "L" for d in (0, 2, 3, 4, 5, 6)},
               {1: "L", 5: "E"}]
    problem = two_shift_week(perfect)
    searched = optimise(problem, 2.0, lambda _: None)

    assert not searched.better
    assert searched.best.total == searched.before.total


def test_a_worse_start_is_replaced_by_the_best_schedule() -> None:
    problem = two_shift_week([{0: "E"}, {}, {}])

    searched = optimise(problem, 2.0, lambda _: None)

    assert searched.better
    assert searched.best.total < searched.before.total
    assert searched.best.hard == 0


def test_a_start_breaking_a_hard_rule_is_replaced_by_the_best_schedule_keeping_them() -> None:
    # Five shifts each (15 for 14 places): the greedy start, which only fills demand,
    # leaves someone short of the minimum; the best schedule overstaffs one place.
    cover = [CoverSpec(d, s, 1, 100, 1) for d in range(7) for s in ("E", "L")]
    staff = [StaffSpec(name, max_consecutive_work=5, min_total_minutes=5 * 480)
             for name in ("A", "B", "C")]
    problem = cover_problem(7, [EARLY, LATE], staff, cover)
    state = State(problem, greedy(problem))
    assert state.hard > 0

    optimal = solve_whole(problem, state, time.monotonic() + 30)

    assert optimal
    assert state.hard == 0
    assert state.score == 1


def test_no_schedule_scores_below_the_lp_bound() -> None:
    problem = two_shift_week()
    state = State(problem, greedy(problem))

    optimal = solve_whole(problem, state, time.monotonic() + 10)
    bound = lp_bound(problem, 10)

    assert optimal
    assert bound is not None and bound <= state.total + 1e-6


def test_curtois_qu_instance_1_solves_to_its_known_optimum_of_607_keeping_every_rule() -> None:
    from pathlib import Path

    from workers.wfm.scheduling.curtois_qu import read_instance
    from workers.wfm.scheduling.curtois_qu_check import Checked, check

    text = (Path(__file__).parents[2] / "bench" / "curtois_qu" / "Instance1.txt").read_text()
    problem = read_instance(text)
    state = State(problem, greedy(problem))

    assert solve_whole(problem, state, time.monotonic() + 120)
    assert state.hard == 0
    assert state.score == 607
    # The benchmark's rules, re-read from the text by an independent check, agree; and
    # the check is not blind: a shift on someone's day off is reported.
    rosters = [{d: problem.shift_types[problem.options[o].shift].code for d, o in a.items()}
               for a in state.assignment]
    assert check(text, rosters) == Checked(607, [])
    day_off = next(d for d in range(problem.days) if d not in problem.workers[0].options)
    rosters[0][day_off] = "D"
    assert f"A: works on day {day_off}, a day off" in check(text, rosters).broken


def test_an_instance_stating_a_rule_the_model_does_not_read_is_refused() -> None:
    from pathlib import Path

    import pytest

    from workers.wfm.scheduling.curtois_qu import InstanceFormatError, read_instance

    text = (Path(__file__).parents[2] / "bench" / "curtois_qu" / "Instance1.txt").read_text()

    with pytest.raises(InstanceFormatError, match="SECTION_SHIFT_PATTERNS"):
        read_instance(text + "\nSECTION_SHIFT_PATTERNS\nA,D|D|D\n")


def test_progress_shows_the_gap_to_the_bound_and_moves_with_it() -> None:
    from workers.wfm.jobtypes.optimization import _searching_text
    from workers.wfm.scheduling.coverage import CoverageStats
    from workers.wfm.scheduling.process import Progress

    before = CoverageStats(100, 50, 50, 50, 0)
    far = _searching_text(Progress("Searching", 200.0, 100.0, 70.0), before, 30)
    near = _searching_text(Progress("Searching", 107.0, 100.0, 87.0), before, 20)

    assert near[1].startswith("Searching: coverage 87 %, within 7 % of the best possible")
    assert far[0] < near[0]
