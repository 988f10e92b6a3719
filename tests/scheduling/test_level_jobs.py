"""Level/Copy, Level/Delete and Activity/Exchange: what they do to a level's shifts."""

from __future__ import annotations

from datetime import date

from workers.wfm.accounts import TargetWorkAccount
from workers.wfm.models import Employee
from workers.wfm.planning import ScheduleLevel
from workers.wfm.shifts import Shift

from .conftest import Demo, level_shifts, run


async def test_copying_a_level_onto_another_replaces_its_shifts_with_the_sources(
    demo: Demo
) -> None:
    await run(demo, "TARGET_WORK_ACCOUNT_CALCULATE", {"levelId": demo.draft})
    source = await level_shifts(demo.base)

    done = await run(demo, "LEVEL_COPY", {"sourceLevelId": demo.base,
                                          "targetLevelId": demo.draft})

    assert await level_shifts(demo.draft) == source
    assert await level_shifts(demo.base) == source
    assert not await TargetWorkAccount.exists(level_id=demo.draft)  # they described the old
    assert done.result is not None
    assert done.result["data"]["shiftsCopied"] == len(source)
    assert done.result["summary"].startswith(f"Copied {len(source):,} shifts from level 'Base'")


async def test_copying_a_level_into_a_new_one_creates_it_in_the_same_period(demo: Demo) -> None:
    done = await run(demo, "LEVEL_COPY", {"sourceLevelId": demo.base,
                                          "newLevelName": "What if"})

    assert done.result is not None
    new = await ScheduleLevel.get(name="What if")
    assert done.result["data"]["targetLevelId"] == new.id
    assert new.period_id == demo.schedule.period_id
    assert await level_shifts(new.id) == await level_shifts(demo.base)


async def test_deleting_a_level_removes_it_with_its_shifts_and_nothing_else(demo: Demo) -> None:
    await run(demo, "LEVEL_COPY", {"sourceLevelId": demo.base, "targetLevelId": demo.draft})
    copied = await level_shifts(demo.draft)

    done = await run(demo, "LEVEL_DELETE", {"levelId": demo.base})

    assert not await ScheduleLevel.exists(id=demo.base)
    assert not await Shift.exists(level_id=demo.base)
    assert await level_shifts(demo.draft) == copied
    assert done.result is not None and done.result["data"]["shiftsDeleted"] == len(copied)


async def test_exchanging_an_activity_changes_qualified_shifts_in_the_range_only(
    demo: Demo
) -> None:
    phone, email = demo.activities["PHONE"], demo.activities["EMAIL"]
    first, last = date(2026, 12, 7), date(2026, 12, 13)
    before = {s.id: s for s in await Shift.filter(level_id=demo.base)}
    skilled = {e.id for e in await Employee.all() if "Email" in e.skills}

    done = await run(demo, "ACTIVITY_EXCHANGE", {
        "levelId": demo.base, "fromActivityId": phone, "toActivityId": email,
        "startDate": first.isoformat(), "endDate": last.isoformat()})

    after = {s.id: s for s in await Shift.filter(level_id=demo.base)}
    changed = {i for i in before if before[i].segments != after[i].segments}
    expected = {i for i, s in before.items()
                if first <= s.date <= last and any(g["activity"] == phone for g in s.segments)
                and (s.employee_id is None or s.employee_id in skilled)}
    assert changed == expected and changed
    for i in changed:
        assert [g["activity"] for g in after[i].segments] == [
            email if g["activity"] == phone else g["activity"] for g in before[i].segments]
        assert [(g["start"], g["end"]) for g in after[i].segments] == [
            (g["start"], g["end"]) for g in before[i].segments]
    assert done.result is not None
    assert done.result["data"]["shiftsChanged"] == len(expected)
    unqualified = {before[i].employee_id for i in before
                   if first <= before[i].date <= last and before[i].employee_id
                   and before[i].employee_id not in skilled
                   and any(g["activity"] == phone for g in before[i].segments)}
    assert set(done.result["data"]["employeesSkipped"]) == unqualified
    assert "left unchanged" in done.result["summary"]


async def test_exchanging_only_for_some_employees_leaves_everyone_elses_shifts(
    demo: Demo
) -> None:
    phone, chat = demo.activities["PHONE"], demo.activities["CHAT"]
    before = {s.id: s for s in await Shift.filter(level_id=demo.base)}
    chosen = sorted({s.employee_id for s in before.values()
                     if s.employee_id and any(g["activity"] == phone for g in s.segments)})[:3]

    await run(demo, "ACTIVITY_EXCHANGE", {
        "levelId": demo.base, "fromActivityId": phone, "toActivityId": chat,
        "employeeIds": chosen, "onlyQualified": False})

    after = {s.id: s for s in await Shift.filter(level_id=demo.base)}
    for shift_id, shift in after.items():
        if shift.employee_id in chosen:
            assert all(g["activity"] != phone for g in shift.segments)
        else:
            assert shift.segments == before[shift_id].segments
