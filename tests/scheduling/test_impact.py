"""Changes made without re-planning say what they break: rule violations and coverage."""

from __future__ import annotations

from engine.conftest import FINAL, wait_for_status

from workers.engine.status import JobStatus
from workers.wfm.models import Employee
from workers.wfm.shifts import Shift

from .conftest import Demo, level_shifts, run, submit
from .rules_check import rule_violations


async def test_lowering_contract_hours_warns_of_the_weeks_it_overfills(demo: Demo) -> None:
    done = await run(demo, "EMPLOYEES_MASS_UPDATE", {
        "changes": {"weeklyContractHours": 32}, "filter": {"teams": ["Sales"]}})

    assert done.result is not None
    base = next(i for i in done.result["data"]["impact"] if i["level"] == "Base")
    independent = await rule_violations(demo.base)
    assert independent  # the Base level plans some of them 40 h a week
    assert base["violationsAfter"] - base["violationsBefore"] == len(independent)
    assert all("most hours a week" in line for line in base["newViolations"])
    assert "Warning for level 'Base'" in done.result["summary"]
    assert "new rule violations" in done.result["summary"]


async def test_only_if_no_new_violations_changes_nothing_when_some_would_appear(
    demo: Demo
) -> None:
    hours = dict(await Employee.filter(team="Sales").values_list("id", "weekly_contract_hours"))

    job = await submit(demo, "EMPLOYEES_MASS_UPDATE", {
        "changes": {"weeklyContractHours": 32}, "filter": {"teams": ["Sales"]},
        "onlyIfNoNewViolations": True})
    done = await wait_for_status(job.id, *FINAL, timeout=60)

    assert done.status is JobStatus.FAILED
    assert "Not applied" in (done.error or "") and "new rule violations" in (done.error or "")
    assert dict(await Employee.filter(team="Sales").values_list(
        "id", "weekly_contract_hours")) == hours


async def test_a_change_breaking_nothing_goes_through_with_the_check_on(demo: Demo) -> None:
    done = await run(demo, "EMPLOYEES_MASS_UPDATE", {
        "changes": {"weeklyContractHours": 40}, "filter": {"teams": ["Sales"]},
        "onlyIfNoNewViolations": True})

    assert done.result is not None
    assert all(not i["newViolations"] for i in done.result["data"]["impact"])
    assert await rule_violations(demo.base) == []


async def test_exchanging_for_an_activity_people_lack_the_skill_for_reports_it(
    demo: Demo
) -> None:
    phone, chat = demo.activities["PHONE"], demo.activities["CHAT"]

    done = await run(demo, "ACTIVITY_EXCHANGE", {
        "levelId": demo.base, "fromActivityId": phone, "toActivityId": chat,
        "startDate": "2026-12-07", "endDate": "2026-12-07", "onlyQualified": False})

    assert done.result is not None
    effect = done.result["data"]["impact"]
    lacking = {line.split(" ")[0] for line in effect["newViolations"]}
    independent = {line.split(" ")[0] for line in await rule_violations(demo.base)
                   if "lacks" in line}
    assert lacking == independent and lacking
    assert effect["coverageAfter"] != effect["coverageBefore"]
    assert "lacks Chat" in done.result["summary"]


async def test_an_exchange_refused_for_new_violations_keeps_the_level(demo: Demo) -> None:
    phone, chat = demo.activities["PHONE"], demo.activities["CHAT"]
    before = await level_shifts(demo.base)

    job = await submit(demo, "ACTIVITY_EXCHANGE", {
        "levelId": demo.base, "fromActivityId": phone, "toActivityId": chat,
        "onlyQualified": False, "onlyIfNoNewViolations": True})
    done = await wait_for_status(job.id, *FINAL, timeout=60)

    assert done.status is JobStatus.FAILED
    assert await level_shifts(demo.base) == before
    assert await Shift.filter(level_id=demo.base).count() == len(before)
