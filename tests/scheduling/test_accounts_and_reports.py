"""Target work accounts and the planners' reports: coverage, schedule, accounts."""

from __future__ import annotations

import csv
import io

import openpyxl

from workers.engine.models import JobFile
from workers.wfm.accounts import TargetWorkAccount
from workers.wfm.models import Absence, Employee
from workers.wfm.shifts import Shift

from .conftest import Demo, run


async def file_bytes(job_id: int, name: str) -> bytes:
    return bytes((await JobFile.get(job_id=job_id, name=name)).content)


async def test_an_account_is_contract_target_against_planned_hours_with_a_running_balance(
    demo: Demo
) -> None:
    done = await run(demo, "TARGET_WORK_ACCOUNT_CALCULATE", {"levelId": demo.base})

    absence = await Absence.all().order_by("id").first()
    assert absence is not None
    employee = await Employee.get(id=absence.employee_id)
    account = await TargetWorkAccount.get(level_id=demo.base, employee_id=employee.id)
    shifts = await Shift.filter(level_id=demo.base, employee_id=employee.id)
    planned = sum(g["end"] - g["start"] for s in shifts for g in s.segments if g["activity"]) / 60
    absent_weekdays = sum(1 for n in range(7)
                          if (absence.start_date.toordinal() + n) % 7 not in (6, 0))
    target = employee.weekly_contract_hours * 4 - employee.weekly_contract_hours / 5 * (
        absent_weekdays)
    assert account.planned_hours == round(planned, 2)
    assert account.target_hours == round(target, 2)
    assert account.opening_hours == employee.time_account_hours
    assert account.balance_hours == round(employee.time_account_hours + planned - target, 2)
    assert [w["weekStart"] for w in account.weeks] == [
        "2026-11-30", "2026-12-07", "2026-12-14", "2026-12-21"]
    assert account.weeks[-1]["balanceHours"] == account.balance_hours
    assert await TargetWorkAccount.filter(level_id=demo.base).count() == (
        await Employee.filter(active=True).count())
    assert done.result is not None and done.files[0]["name"] == "target-work-accounts.csv"


async def test_the_staffing_coverage_report_compares_demand_and_plan_per_interval(
    demo: Demo
) -> None:
    done = await run(demo, "REPORT", {"report": "STAFFING_COVERAGE", "levelId": demo.base,
                                      "startDate": "2026-12-07", "endDate": "2026-12-07"})

    assert [f["name"] for f in done.files] == [
        "staffing-coverage.csv", "staffing-coverage.xlsx", "staffing-coverage.png"]
    rows = list(csv.DictReader(io.StringIO(
        (await file_bytes(done.id, "staffing-coverage.csv")).decode())))
    assert {r["Date"] for r in rows} == {"2026-12-07"}
    assert {r["Activity"] for r in rows} == {"Phone", "Email", "Chat"}
    assert all(int(r["Difference"]) == int(r["Planned"]) - int(r["Demand"]) for r in rows)
    nine = [r for r in rows if r["Time"] == "09:00"]
    assert len(nine) == 3 and all(int(r["Demand"]) > 0 for r in nine)
    book = openpyxl.load_workbook(io.BytesIO(await file_bytes(done.id,
                                                              "staffing-coverage.xlsx")))
    assert book.sheetnames == ["Days", "Intervals"]
    assert (await file_bytes(done.id, "staffing-coverage.png")).startswith(b"\x89PNG\r\n")
    assert done.result is not None and "% covered" in done.result["summary"]


async def test_the_schedule_report_has_a_row_per_employee_and_a_column_per_day(
    demo: Demo
) -> None:
    done = await run(demo, "REPORT", {"report": "SCHEDULE", "levelId": demo.base,
                                      "team": "Night Shift"})

    table = list(csv.reader(io.StringIO((await file_bytes(done.id, "schedule.csv")).decode())))
    header, rows = table[0], table[1:]
    assert header[:3] == ["Number", "Name", "Team"] and header[-1] == "Hours"
    assert len(header) == 3 + 28 + 1 and header[3] == "Mon 2026-11-30"
    assert len(rows) == await Employee.filter(team="Night Shift", active=True).count()
    assert any(cell.startswith("LATE 15:30-24:00") for row in rows for cell in row)


async def test_the_account_report_lists_the_calculated_accounts_with_their_weeks(
    demo: Demo
) -> None:
    await run(demo, "TARGET_WORK_ACCOUNT_CALCULATE", {"levelId": demo.base})

    done = await run(demo, "REPORT", {"report": "TARGET_WORK_ACCOUNTS", "levelId": demo.base})

    book = openpyxl.load_workbook(io.BytesIO(await file_bytes(done.id,
                                                              "target-work-accounts.xlsx")))
    accounts = await TargetWorkAccount.filter(level_id=demo.base).count()
    assert book["Accounts"].max_row == accounts + 1
    assert book["Weeks"].max_row == 4 * accounts + 1
