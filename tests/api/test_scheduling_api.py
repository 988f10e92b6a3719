"""The scheduling side of the API: reading the WFM data, submitting each scheduling job,
and the typed errors a planner gets for bad input or a protected waiting job."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from workers.engine.models import Job
from workers.wfm.demo import ensure_scheduling_demo
from workers.wfm.demo_people import demo_employees
from workers.wfm.models import Employee

SUBMIT = """mutation($input: SubmitJobInput!) { submitJob(input: $input) {
  __typename
  ... on Job { id type feature status scope settings { overwrite } }
  ... on ValidationError { field message }
  ... on WaitingJobProtected { waitingJobId message }
} }"""

FORMS = """{
  planningPeriods { id name startDate endDate
    levels { id name periodId shiftCount openShiftCount } }
  activities { id code name requiredSkill color }
  shiftTemplates { id code start end breakStart breakMinutes workMinutes }
  shiftSequences { id name days { code } }
  teams
}"""

FEATURES = {
    "OPTIMIZATION": "Scheduling > SchedulePro > Optimization",
    "SHIFTS_GENERATE": "Scheduling > SchedulePro > Planning/Scheduling Periods > Shifts/Generate",
    "SHIFTS_LOTTERY": "Scheduling > SchedulePro > Planning/Scheduling Periods > Shifts/Lottery",
    "SHIFTS_ASSIGN": "Scheduling > SchedulePro > Planning/Scheduling Periods > Shifts/Assign",
    "TARGET_WORK_ACCOUNT_CALCULATE": ("Scheduling > SchedulePro > Planning/Scheduling Periods > "
                                      "Target Work Account/Calculate"),
    "ACTIVITY_EXCHANGE": ("Scheduling > SchedulePro > Planning/Scheduling Periods > "
                          "Activity/Exchange"),
    "LEVEL_COPY": "Scheduling > SchedulePro > Planning/Scheduling Periods > Level/Copy",
    "LEVEL_DELETE": "Scheduling > SchedulePro > Planning/Scheduling Periods > Level/Delete",
    "INSERT_SHIFT_SEQUENCES": "Scheduling > SchedulePro > Insert Shift Sequences",
    "REPORT": "Monitoring > Reports",
}


def later() -> str:
    return (datetime.now(UTC) + timedelta(hours=1)).isoformat()


@pytest.fixture
async def demo(api) -> dict[str, Any]:
    """The scheduling demo; returns the ids a form would offer."""
    await Employee.bulk_create([Employee(**values) for values in demo_employees()])
    schedule = await ensure_scheduling_demo()
    assert schedule is not None
    return {"base": str(schedule.base_level_id), "draft": str(schedule.draft_level_id)}


async def test_the_submit_forms_can_be_built_from_the_wfm_queries(api, user_factory, demo):
    _, token = await user_factory()

    data = await api.data(FORMS, token=token)

    (period,) = data["planningPeriods"]
    assert (period["name"], period["startDate"], period["endDate"]) == (
        "December 2026", "2026-11-30", "2026-12-27")
    base, draft = period["levels"]
    assert (base["name"], base["shiftCount"] > 2000, base["openShiftCount"]) == ("Base", True, 64)
    assert (draft["name"], draft["shiftCount"]) == ("Draft", 0)
    assert [a["code"] for a in data["activities"]] == ["PHONE", "EMAIL", "CHAT"]
    early = data["shiftTemplates"][0]
    assert (early["code"], early["start"], early["end"], early["workMinutes"]) == (
        "EARLY", "06:00", "14:30", 480)
    assert data["shiftSequences"][1]["days"] == [{"code": "DAY"}] * 4 + [None] * 3
    assert "Night Shift" in data["teams"]


async def test_employees_and_shifts_come_a_page_at_a_time(api, user_factory, demo):
    _, token = await user_factory()
    query = """query($after: String) { employees(team: "Sales", first: 10, after: $after) {
      nodes { number team availableWeekdays availableFrom maxConsecutiveDays }
      pageInfo { hasNextPage endCursor } totalCount } }"""

    pages, after = [], None
    while True:
        page = (await api.data(query, {"after": after}, token=token))["employees"]
        pages.append(page)
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]

    numbers = [e["number"] for p in pages for e in p["nodes"]]
    assert len(numbers) == len(set(numbers)) == pages[0]["totalCount"] > 10
    assert all(e["team"] == "Sales" for p in pages for e in p["nodes"])
    shifts = (await api.data(
        """query($level: ID!) { shifts(levelId: $level, startDate: "2026-12-05",
             endDate: "2026-12-05", openOnly: true, first: 5) {
             nodes { date start end employee { id } template { code }
                     segments { activity { code } start end } }
             totalCount } }""", {"level": demo["base"]}, token=token))["shifts"]
    assert shifts["totalCount"] == 8 and len(shifts["nodes"]) == 5
    assert all(s["employee"] is None and s["date"] == "2026-12-05" for s in shifts["nodes"])
    assert shifts["nodes"][0]["segments"][1] == {"activity": None, "start": "10:00",
                                                 "end": "10:30"}


async def test_staffing_shows_demand_against_plan_per_interval(api, user_factory, demo):
    _, token = await user_factory()

    data = await api.data("""query($level: ID!) { staffing(levelId: $level, date: "2026-12-07")
      { activity { code } demandHours plannedHours coveragePercent
        intervals { start demand planned } } }""", {"level": demo["base"]}, token=token)

    phone = next(s for s in data["staffing"] if s["activity"]["code"] == "PHONE")
    assert phone["demandHours"] > 0 and 0 < phone["coveragePercent"] <= 100
    assert phone["intervals"][0]["start"] == "06:00"
    assert sum(i["demand"] for i in phone["intervals"]) / 4 == phone["demandHours"]


def members(ids: dict[str, str]) -> dict[str, dict[str, Any]]:
    base = ids["base"]
    return {
        "optimization": {"levelId": base, "timeLimitSeconds": 10},
        "shiftsGenerate": {"levelId": ids["draft"], "startDate": "2026-12-01"},
        "shiftsLottery": {"levelId": base, "templateIds": ["1", "4"], "seed": 3},
        "shiftsAssign": {"levelId": base, "teams": ["Sales"]},
        "targetWorkAccountCalculate": {"levelId": base},
        "activityExchange": {"levelId": base, "fromActivityId": "1", "toActivityId": "2"},
        "levelCopy": {"sourceLevelId": base, "targetLevelId": ids["draft"]},
        "levelDelete": {"levelId": ids["draft"]},
        "insertShiftSequences": {"levelId": ids["draft"], "sequenceId": "1",
                                 "employeeIds": ["1", "2"], "startDate": "2026-11-30"},
        "report": {"report": "STAFFING_COVERAGE", "levelId": base},
    }


@pytest.mark.parametrize("member", list(members({"base": "1", "draft": "2"})))
async def test_each_scheduling_job_is_submitted_through_its_own_params_member(
    api, user_factory, demo, member
):
    _, token = await user_factory()
    params = members(demo)[member]

    data = await api.data(SUBMIT, {"input": {"params": {member: params},
                                             "settings": {"startAt": later()}}}, token=token)

    job = data["submitJob"]
    assert job["__typename"] == "Job", job
    assert job["feature"] == FEATURES[job["type"]]
    level = params.get("targetLevelId") or params.get("levelId")
    assert job["scope"] == (None if member == "report" else f"level:{level}")


@pytest.mark.parametrize(
    ("member", "params", "field", "message"),
    [
        ("optimization", {"levelId": "999"}, "levelId", "there is no schedule level 999"),
        ("optimization", {"levelId": "abc"}, "levelId", "valid integer"),
        ("optimization", {"levelId": "99999999999"}, "levelId", "less than or equal"),
        ("optimization", {"levelId": "BASE", "timeLimitSeconds": 0}, "timeLimitSeconds",
         "greater than or equal to 1"),
        ("shiftsAssign", {"levelId": "BASE", "endDate": "2027-01-15"}, "endDate",
         "2027-01-15 is outside the planning period 'December 2026'"),
        ("shiftsAssign", {"levelId": "BASE", "startDate": "2026-12-10",
                          "endDate": "2026-12-01"}, "endDate", "before the start date"),
        ("shiftsAssign", {"levelId": "BASE", "teams": ["Astronauts"]}, "teams",
         "no employee belongs to team 'Astronauts'"),
        ("levelCopy", {"sourceLevelId": "BASE", "targetLevelId": "BASE"}, "targetLevelId",
         "cannot be copied onto itself"),
        ("levelCopy", {"sourceLevelId": "BASE", "newLevelName": "Draft"}, "newLevelName",
         "already has a level named 'Draft'"),
        ("levelCopy", {"sourceLevelId": "BASE"}, "", "give either targetLevelId"),
        ("activityExchange", {"levelId": "BASE", "fromActivityId": "1", "toActivityId": "1"},
         "toActivityId", "same activity"),
        ("activityExchange", {"levelId": "BASE", "fromActivityId": "1", "toActivityId": "77"},
         "toActivityId", "there is no activity 77"),
        ("shiftsLottery", {"levelId": "BASE", "templateIds": []}, "templateIds",
         "at least 1 item"),
        ("shiftsLottery", {"levelId": "DRAFT", "templateIds": ["1"]}, "templateIds",
         "no open shifts of these templates"),
        ("shiftsLottery", {"levelId": "BASE", "templateIds": ["1"], "seed": -4}, "seed",
         "greater than or equal to 0"),
        ("insertShiftSequences", {"levelId": "DRAFT", "sequenceId": "9", "employeeIds": ["1"],
                                  "startDate": "2026-12-01"}, "sequenceId",
         "there is no shift sequence 9"),
        ("insertShiftSequences", {"levelId": "DRAFT", "sequenceId": "1", "employeeIds": ["9999"],
                                  "startDate": "2026-12-01"}, "employeeIds",
         "there is no active employee 9999"),
        ("report", {"report": "STAFFING_COVERAGE"}, "levelId", "needs a schedule level"),
        ("report", {"report": "TARGET_WORK_ACCOUNTS", "levelId": "BASE"}, "levelId",
         "run Target Work Account/Calculate first"),
    ],
)
async def test_bad_scheduling_input_is_a_validation_error_naming_the_field(
    api, user_factory, demo, member, params, field, message
):
    _, token = await user_factory()
    ids = {"BASE": demo["base"], "DRAFT": demo["draft"]}
    params = {k: ids.get(v, v) if isinstance(v, str) else v for k, v in params.items()}

    data = await api.data(SUBMIT, {"input": {"params": {member: params}}}, token=token)

    error = data["submitJob"]
    assert error["__typename"] == "ValidationError"
    assert error["field"] == ".".join(p for p in ("params", member, field) if p)
    assert message in error["message"]
    assert await Job.all().count() == 0


async def test_a_later_submission_is_refused_while_a_protected_job_waits_for_the_level(
    api, user_factory, demo
):
    _, token = await user_factory()
    job_input = {"params": {"optimization": {"levelId": demo["base"]}},
                 "settings": {"startAt": later()}}
    first = (await api.data(SUBMIT, {"input": job_input}, token=token))["submitJob"]

    second = (await api.data(SUBMIT, {"input": job_input}, token=token))["submitJob"]

    assert first["settings"] == {"overwrite": "PROTECT"}
    assert second["__typename"] == "WaitingJobProtected"
    assert second["waitingJobId"] == first["id"]
    assert f"Job {first['id']} (OPTIMIZATION on schedule level {demo['base']})" in (
        second["message"])
    assert await Job.all().count() == 1


async def test_a_later_submission_replaces_a_waiting_job_that_allows_it(
    api, user_factory, demo
):
    _, token = await user_factory()
    job_input = {"params": {"optimization": {"levelId": demo["base"]}},
                 "settings": {"startAt": later(), "overwrite": "ALLOW"}}
    first = (await api.data(SUBMIT, {"input": job_input}, token=token))["submitJob"]

    second = (await api.data(SUBMIT, {"input": job_input}, token=token))["submitJob"]

    assert second["__typename"] == "Job" and second["id"] != first["id"]
    statuses = dict(await Job.all().values_list("id", "status"))
    assert statuses == {int(first["id"]): "CANCELLED", int(second["id"]): "SUBMITTED"}


async def test_every_job_type_is_listed_with_its_feature_path(api, user_factory):
    _, token = await user_factory(role="admin")

    data = await api.data("{ jobTypes { type feature paramsInput } }", token=token)

    listed = {t["type"]: t["feature"] for t in data["jobTypes"]}
    assert {k: listed[k] for k in FEATURES} == FEATURES
