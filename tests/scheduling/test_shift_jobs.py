"""Shifts/Generate, Shifts/Assign, Shifts/Lottery and Insert Shift Sequences: their effects."""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta

from workers.wfm.models import Absence, Employee
from workers.wfm.planning import ScheduleLevel
from workers.wfm.shifts import LotteryAward, Shift

from .conftest import Demo, run
from .rules_check import rule_violations


async def test_generating_shifts_creates_open_template_shifts_that_cover_the_demand(
    demo: Demo
) -> None:
    done = await run(demo, "SHIFTS_GENERATE", {"levelId": demo.draft})

    shifts = await Shift.filter(level_id=demo.draft)
    assert done.result is not None
    data = done.result["data"]
    assert len(shifts) == data["shiftsCreated"] > 500
    assert all(s.employee_id is None and s.template_id is not None for s in shifts)
    assert {s.created_by_job_id for s in shifts} == {done.id}
    assert data["coverageBefore"]["coveragePercent"] == 0.0
    assert data["coverageAfter"]["coveragePercent"] > 85.0
    assert data["coverageAfter"]["overstaffedHours"] < 0.2 * data["coverageAfter"]["demandHours"]


async def test_generating_again_replaces_the_open_shifts_instead_of_piling_up(
    demo: Demo
) -> None:
    first = await run(demo, "SHIFTS_GENERATE", {"levelId": demo.draft})

    second = await run(demo, "SHIFTS_GENERATE", {"levelId": demo.draft})

    assert first.result is not None and second.result is not None
    assert second.result["data"]["openShiftsRemoved"] == first.result["data"]["shiftsCreated"]
    assert await Shift.filter(level_id=demo.draft).count() == (
        second.result["data"]["shiftsCreated"])


async def test_generating_on_a_staffed_level_only_adds_what_its_shifts_leave_uncovered(
    demo: Demo
) -> None:
    assigned = await Shift.filter(level_id=demo.base, employee_id__not_isnull=True).count()

    done = await run(demo, "SHIFTS_GENERATE", {
        "levelId": demo.base, "startDate": "2026-12-05", "endDate": "2026-12-06",
        "templateIds": [demo.templates["EARLY"], demo.templates["LATE"]]})

    assert done.result is not None
    created = await Shift.filter(created_by_job_id=done.id)
    assert len(created) == done.result["data"]["shiftsCreated"] > 0
    assert {s.date for s in created} <= {date(2026, 12, 5), date(2026, 12, 6)}
    assert {s.template_id for s in created} <= {demo.templates["EARLY"], demo.templates["LATE"]}
    assert await Shift.filter(level_id=demo.base, employee_id__not_isnull=True).count() == (
        assigned)


async def test_assigning_gives_open_shifts_to_people_without_breaking_a_rule(demo: Demo) -> None:
    open_before = await Shift.filter(level_id=demo.base, employee_id=None).count()

    done = await run(demo, "SHIFTS_ASSIGN", {"levelId": demo.base})

    assert done.result is not None
    data = done.result["data"]
    open_after = await Shift.filter(level_id=demo.base, employee_id=None).count()
    assert data["assigned"] > 0 and open_after == open_before - data["assigned"]
    assert data["assigned"] + data["unassigned"] == open_before
    assert await rule_violations(demo.base) == []


async def test_shifts_nobody_may_take_are_reported_with_the_reason(demo: Demo) -> None:
    await run(demo, "SHIFTS_GENERATE", {"levelId": demo.draft})

    done = await run(demo, "SHIFTS_ASSIGN", {"levelId": demo.draft, "teams": ["Back Office"]})

    assert done.result is not None
    data = done.result["data"]
    assert data["unassigned"] > 0 and data["assigned"] > 0
    assert all(item["reason"] for item in data["unassignedShifts"])
    reasons = " ".join(data["reasons"])
    assert "would exceed their weekly contract hours" in reasons or "already works" in reasons
    assert "could not be assigned" in done.result["summary"]
    assert [f["name"] for f in done.files] == ["unassigned-shifts.csv"]
    assert await rule_violations(demo.draft) == []


async def test_a_lottery_with_the_same_seed_on_the_same_data_draws_the_same_winners(
    demo: Demo
) -> None:
    params = {"levelId": demo.base, "seed": 424242,
              "templateIds": [demo.templates["EARLY"], demo.templates["LATE"]]}
    first = await run(demo, "SHIFTS_LOTTERY", params)
    assert first.result is not None
    won = {(w["shiftId"], w["employeeId"]) for w in first.result["data"]["winners"]}
    # Undo the draw: the same data again.
    await Shift.filter(id__in=[s for s, _ in won]).update(employee_id=None)
    await LotteryAward.all().delete()

    second = await run(demo, "SHIFTS_LOTTERY", params)

    assert second.result is not None and won
    assert {(w["shiftId"], w["employeeId"]) for w in second.result["data"]["winners"]} == won
    assert second.result["data"]["seed"] == 424242
    assert "seed 424242" in second.result["summary"]
    assert await rule_violations(demo.base) == []


async def test_a_lottery_favours_who_won_least_so_counts_even_out_over_draws(demo: Demo) -> None:
    await run(demo, "LEVEL_COPY", {"sourceLevelId": demo.base, "newLevelName": "Next"})
    weekend = [demo.templates["EARLY"], demo.templates["LATE"], demo.templates["DAY"]]
    first = await run(demo, "SHIFTS_LOTTERY", {"levelId": demo.base, "templateIds": weekend})
    assert first.result is not None
    first_winners = {w["employeeId"] for w in first.result["data"]["winners"]}
    copy = await ScheduleLevel.get(name="Next")

    second = await run(demo, "SHIFTS_LOTTERY", {"levelId": copy.id, "templateIds": weekend})

    assert second.result is not None and first.result["data"]["seed"] != (
        second.result["data"]["seed"])
    awards = Counter(await LotteryAward.all().values_list("employee_id", flat=True))
    winners = {w["employeeId"] for w in second.result["data"]["winners"]}
    # Everyone who won the first time is drawn again only once the others had their turn.
    assert max(awards.values()) - min(awards[e] for e in first_winners | winners) <= 1
    assert second.result["data"]["awardsPerEmployee"]["max"] == max(awards.values())


async def test_inserting_a_sequence_repeats_its_pattern_and_skips_days_off_and_absences(
    demo: Demo
) -> None:
    absence = await Absence.all().order_by("id").first()
    assert absence is not None
    away = await Absence.all().values_list("employee_id", flat=True)
    employees = [absence.employee_id, *await Employee.filter(
        active=True, available_weekdays=127, weekly_contract_hours__gte=32, id__not_in=away,
    ).order_by("id").limit(3).values_list("id", flat=True)]
    start = date(2026, 11, 30)

    done = await run(demo, "INSERT_SHIFT_SEQUENCES", {
        "levelId": demo.draft, "sequenceId": demo.sequences["Four days on"],
        "employeeIds": employees, "startDate": start.isoformat()})

    shifts = await Shift.filter(level_id=demo.draft).order_by("employee_id", "date")
    for employee_id in employees[1:]:
        days = [s.date for s in shifts if s.employee_id == employee_id]
        assert days == [start + timedelta(days=7 * w + d) for w in range(4) for d in range(4)]
    absent_days = {absence.start_date + timedelta(days=n)
                   for n in range((absence.end_date - absence.start_date).days + 1)}
    assert not {s.date for s in shifts if s.employee_id == absence.employee_id} & absent_days
    assert all(s.template_id == demo.templates["DAY"] for s in shifts)
    assert done.result is not None
    assert done.result["data"]["daysSkipped"].get("is absent that day", 0) > 0
    assert await rule_violations(demo.draft) == []
