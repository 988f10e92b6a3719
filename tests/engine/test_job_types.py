"""What the two real job types do to the data, and how they refuse bad parameters."""

from __future__ import annotations

import csv
import io
from typing import Any

import openpyxl
import pytest

from workers.engine import submission
from workers.engine.errors import InvalidParamsError, UnknownJobTypeError
from workers.engine.models import Job, JobFile
from workers.engine.records import JobRecord
from workers.engine.services import Services
from workers.engine.status import JobStatus
from workers.wfm.models import Employee

from .conftest import EmployeeFactory, Engine, UserFactory, wait_for_status

HEADER = ["Number", "Name", "Team", "Skills", "Weekly contract hours", "Active"]


async def staff(employee_factory: EmployeeFactory) -> dict[str, Employee]:
    """Two teams; one inactive member; one member already on 20 hours."""
    return {
        "ann": await employee_factory(name="Ann", team="Team A", skills=["Phone", "Email"]),
        "bob": await employee_factory(name="Bob", team="Team A", weekly_contract_hours=20.0),
        "cy": await employee_factory(name="Cy", team="Team A", skills=[]),
        "dee": await employee_factory(name="Dee", team="Team A", active=False),
        "eve": await employee_factory(name="Eve", team="Team B"),
        "fay": await employee_factory(name="Fay", team="Team B", skills=["Chat"]),
    }


async def run_job(type_name: str, params: dict[str, Any], user_factory: UserFactory
                  ) -> JobRecord:
    user, _ = await user_factory()
    job = await submission.submit(type_name, params, user_id=user.id)
    return await wait_for_status(job.id, JobStatus.COMPLETED, JobStatus.FAILED)


async def file_content(job_id: int, name: str) -> bytes:
    return bytes((await JobFile.get(job_id=job_id, name=name)).content)


def expected_row(e: Employee) -> list[str]:
    return [e.number, e.name, e.team, ", ".join(e.skills), str(e.weekly_contract_hours),
            "yes" if e.active else "no"]


def expected_cells(e: Employee) -> list[object]:
    # Typed cells; no skills is an empty cell.
    return [e.number, e.name, e.team, ", ".join(e.skills) or None, e.weekly_contract_hours,
            "yes" if e.active else "no"]


async def test_an_employee_list_report_of_one_team_lists_its_active_members_in_csv_and_xlsx(
    engine_services: Services, user_factory: UserFactory, employee_factory: EmployeeFactory
) -> None:
    people = await staff(employee_factory)

    done = await run_job("REPORT", {"team": "Team A"}, user_factory)

    assert done.status is JobStatus.COMPLETED
    assert done.result is not None
    assert done.result["summary"] == "Employee list of team Team A: 3 employees."
    assert [f["name"] for f in done.files] == ["employees.csv", "employees.xlsx"]
    expected = [expected_row(people[key]) for key in ("ann", "bob", "cy")]
    table = list(csv.reader(io.StringIO((await file_content(done.id, "employees.csv")).decode())))
    assert table == [HEADER, *expected]
    book = openpyxl.load_workbook(io.BytesIO(await file_content(done.id, "employees.xlsx")))
    sheet = book["Employees"]
    cells = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert cells == [HEADER, *[expected_cells(people[key]) for key in ("ann", "bob", "cy")]]
    assert sheet["A1"].font.bold


async def test_a_report_of_all_teams_including_inactive_staff_lists_everyone(
    engine_services: Services, user_factory: UserFactory, employee_factory: EmployeeFactory
) -> None:
    people = await staff(employee_factory)

    done = await run_job("REPORT", {"activeOnly": False}, user_factory)

    table = list(csv.reader(io.StringIO((await file_content(done.id, "employees.csv")).decode())))
    assert table[1:] == [expected_row(e) for e in people.values()]
    assert done.result is not None and done.result["data"]["rows"] == len(people)


async def test_a_mass_update_changes_exactly_the_filtered_employees_and_counts_them(
    engine_services: Services, user_factory: UserFactory, employee_factory: EmployeeFactory
) -> None:
    people = await staff(employee_factory)

    done = await run_job("EMPLOYEES_MASS_UPDATE",
                         {"filter": {"teams": ["Team A"]}, "changes": {"weeklyContractHours": 20}},
                         user_factory)

    assert done.status is JobStatus.COMPLETED and done.result is not None
    assert done.result["summary"] == "Updated 2 of 3 selected employees (1 already matched)."
    assert done.result["data"]["changed"] == 2 and done.result["data"]["selected"] == 3
    assert sorted(done.result["data"]["employeeNumbers"]) == sorted(
        [people["ann"].number, people["cy"].number])
    hours = dict(await Employee.all().values_list("name", "weekly_contract_hours"))
    assert hours == {"Ann": 20.0, "Bob": 20.0, "Cy": 20.0, "Dee": 38.0, "Eve": 38.0,
                     "Fay": 38.0}


async def test_a_mass_update_moves_employees_with_a_skill_and_edits_their_skills(
    engine_services: Services, user_factory: UserFactory, employee_factory: EmployeeFactory
) -> None:
    people = await staff(employee_factory)

    done = await run_job(
        "EMPLOYEES_MASS_UPDATE",
        {"filter": {"skills": ["Phone"]},
         "changes": {"team": "Team C", "addSkills": ["Chat"], "removeSkills": ["Phone"]}},
        user_factory,
    )

    assert done.status is JobStatus.COMPLETED
    after = {e.name: e for e in await Employee.all()}
    # Phone: Ann (Phone, Email), Bob and Eve (the factory's Phone); Dee is inactive.
    moved = {name for name, e in after.items() if e.team == "Team C"}
    assert moved == {"Ann", "Bob", "Eve"}
    assert after["Ann"].skills == ["Email", "Chat"]
    assert after["Eve"].skills == ["Chat"]
    assert after["Dee"].team == "Team A" and after["Dee"].skills == ["Phone"]
    assert after["Ann"].updated_at > people["ann"].updated_at
    assert after["Fay"].updated_at == people["fay"].updated_at


@pytest.mark.parametrize(
    ("type_name", "params", "field", "message"),
    [
        ("EMPLOYEES_MASS_UPDATE", {"filter": {"teams": ["Nowhere"]}, "changes": {"team": "X"}},
         "filter.teams", "unknown team 'Nowhere'"),
        ("EMPLOYEES_MASS_UPDATE", {"changes": {}}, "changes", "give at least one change"),
        ("EMPLOYEES_MASS_UPDATE", {"changes": {"weeklyContractHours": -1}},
         "changes.weeklyContractHours", "greater than or equal to 0"),
        ("EMPLOYEES_MASS_UPDATE", {"changes": {"team": " "}}, "changes.team", "team name"),
        ("REPORT", {"team": "Nowhere"}, "team", "no employee belongs to team 'Nowhere'"),
        ("REPORT", {"colour": "red"}, "colour", "Extra inputs are not permitted"),
    ],
)
async def test_bad_parameters_are_refused_naming_the_field_and_create_no_job(
    engine: Engine, user_factory: UserFactory, employee_factory: EmployeeFactory,
    type_name: str, params: dict[str, Any], field: str, message: str,
) -> None:
    user, _ = await user_factory()
    await employee_factory(team="Team A")

    with pytest.raises(InvalidParamsError) as refused:
        await submission.submit(type_name, params, user_id=user.id)

    assert refused.value.field == field
    assert message in refused.value.message
    assert await Job.all().count() == 0


async def test_an_unknown_job_type_is_refused_by_name(
    engine: Engine, user_factory: UserFactory
) -> None:
    user, _ = await user_factory()

    with pytest.raises(UnknownJobTypeError, match="'PAYROLL'"):
        await submission.submit("PAYROLL", {}, user_id=user.id)
