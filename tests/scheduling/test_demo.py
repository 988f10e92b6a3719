"""The scheduling demo: the same data on every installation, created once, quickly."""

from __future__ import annotations

from workers.engine.services import Services
from workers.engine.settings import Settings
from workers.wfm.activities import Activity, ShiftTemplate
from workers.wfm.demo_people import ensure_demo_data
from workers.wfm.models import Employee
from workers.wfm.planning import Demand, PlanningPeriod, ScheduleLevel
from workers.wfm.shifts import Shift, ShiftSequence

from .conftest import level_shifts
from .rules_check import rule_violations


async def test_the_demo_creates_a_four_week_period_with_demand_levels_and_shifts(
    services: Services, settings: Settings
) -> None:
    await ensure_demo_data(settings)

    period = await PlanningPeriod.get(name="December 2026")
    assert (period.end_date - period.start_date).days == 27
    assert await Activity.all().count() == 3
    assert await ShiftTemplate.all().count() >= 4 and await ShiftSequence.exists()
    assert await Demand.filter(period_id=period.id).count() == 28 * 3
    levels = await ScheduleLevel.filter(period_id=period.id).order_by("id")
    assert [level.name for level in levels] == ["Base", "Draft"]
    assert await Shift.filter(level_id=levels[0].id).count() > 2000
    assert await rule_violations(levels[0].id) == []


async def test_running_the_demo_again_changes_nothing(
    services: Services, settings: Settings
) -> None:
    await ensure_demo_data(settings)
    base = await ScheduleLevel.get(name="Base")
    before = await level_shifts(base.id)

    await ensure_demo_data(settings)

    assert await PlanningPeriod.all().count() == 1
    assert await level_shifts(base.id) == before


async def test_an_installation_with_its_own_employees_gets_no_demo_schedule(
    services: Services, settings: Settings
) -> None:
    await Employee.create(number="X1", name="Real Person", team="Ops",
                          weekly_contract_hours=40)

    await ensure_demo_data(settings)

    assert not await PlanningPeriod.exists() and not await Activity.exists()


async def test_the_demo_at_ten_times_its_size_gives_everyone_a_distinct_name_and_shifts(
    services: Services, settings: Settings
) -> None:
    await ensure_demo_data(settings, scale=10)

    employees = await Employee.all().values_list("name", "number", "active")
    assert len(employees) == 1500
    assert len({name for name, _, _ in employees}) == 1500
    base = await ScheduleLevel.get(name="Base")
    working = set(await Shift.filter(level_id=base.id, employee_id__not_isnull=True)
                  .values_list("employee__number", flat=True))
    assert "E01500" in working or "E01499" in working
    assert len(working) > 1300
    assert await rule_violations(base.id) == []
