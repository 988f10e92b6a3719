"""Issue 15, F3/F4: a submission replaces only waiting jobs its submitter may cancel, and no
answer names a job the submitter may not see; audit trails hide users the viewer may not see.

The matrix: the waiting job belongs to planner; planner2 (a planner too: sees and cancels
only their own), the team lead (cancels anyone's scheduling jobs) and planner themselves
submit the same job type on the same level, against a waiting job that allows replacing.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from workers.engine.models import Job
from workers.engine.status import JobStatus
from workers.wfm.demo import ensure_scheduling_demo
from workers.wfm.demo_people import demo_employees
from workers.wfm.models import Employee

SUBMIT = """mutation($input: SubmitJobInput!) { submitJob(input: $input) {
  __typename
  ... on Job { id status }
  ... on WaitingJobProtected { waitingJobId message }
} }"""
RESUBMIT = """mutation($ids: [ID!]!) { resubmitJobs(ids: $ids) {
  __typename ... on Job { id } ... on WaitingJobProtected { waitingJobId message } } }"""
EVENTS = """query($id: ID!) { job(id: $id) { events { kind message actor { username } } } }"""


def later() -> str:
    return (datetime.now(UTC) + timedelta(hours=1)).isoformat()


@pytest.fixture
async def level(api) -> str:
    await Employee.bulk_create([Employee(**values) for values in demo_employees()])
    schedule = await ensure_scheduling_demo()
    assert schedule is not None
    return str(schedule.base_level_id)


def job_input(level: str, overwrite: str = "ALLOW") -> dict[str, Any]:
    return {"input": {"params": {"optimization": {"levelId": level}},
                      "settings": {"startAt": later(), "overwrite": overwrite}}}


async def waiting_job_of(api, token: str, level: str, overwrite: str = "ALLOW") -> str:
    job = (await api.data(SUBMIT, job_input(level, overwrite), token=token))["submitJob"]
    assert job["__typename"] == "Job"
    return str(job["id"])


@pytest.mark.parametrize("overwrite", ["ALLOW", "PROTECT"])
async def test_another_planners_submission_never_cancels_the_waiting_job_nor_names_it(
    api, user_factory, level, overwrite
):
    _, planner = await user_factory("planner", role="planner")
    _, planner2 = await user_factory("planner2", role="planner")
    waiting = await waiting_job_of(api, planner, level, overwrite)

    answer = (await api.data(SUBMIT, job_input(level), token=planner2))["submitJob"]

    assert answer["__typename"] == "WaitingJobProtected"
    assert answer["waitingJobId"] is None
    assert f"Job {waiting}" not in answer["message"]
    assert "Another OPTIMIZATION job is waiting" in answer["message"]
    assert (await Job.get(id=int(waiting))).status is JobStatus.SUBMITTED
    assert await Job.all().count() == 1


async def test_a_resubmitted_copy_by_another_planner_does_not_replace_it_either(
    api, user_factory, level
):
    _, planner = await user_factory("planner", role="planner")
    _, planner2 = await user_factory("planner2", role="planner")
    earlier = await waiting_job_of(api, planner2, level)
    await Job.filter(id=int(earlier)).update(status=JobStatus.COMPLETED)
    waiting = await waiting_job_of(api, planner, level)

    data = await api.data(RESUBMIT, {"ids": [earlier]}, token=planner2)

    (answer,) = data["resubmitJobs"]
    assert answer["__typename"] == "WaitingJobProtected"
    assert answer["waitingJobId"] is None
    assert (await Job.get(id=int(waiting))).status is JobStatus.SUBMITTED


@pytest.mark.parametrize(
    ("submitter", "role", "replaces"),
    [("planner", "planner", True), ("lead", "teamlead", True), ("planner2", "planner", False),
     ("analyst", "analyst", None)],
)
async def test_rights_matrix_of_replacing_planners_waiting_job(
    api, user_factory, level, submitter, role, replaces
):
    _, planner = await user_factory("planner", role="planner")
    _, token = (await user_factory(submitter, role=role)) if submitter != "planner" else (
        None, planner)
    waiting = await waiting_job_of(api, planner, level)

    answer = (await api.post(SUBMIT, job_input(level), token=token))["data"]["submitJob"]

    status = (await Job.get(id=int(waiting))).status
    if replaces is None:  # may not submit scheduling jobs at all
        assert answer["__typename"] == "NotAllowed"
        assert status is JobStatus.SUBMITTED
    elif replaces:
        assert answer["__typename"] == "Job"
        assert status is JobStatus.CANCELLED
    else:
        assert answer == {"__typename": "WaitingJobProtected", "waitingJobId": None,
                          "message": answer["message"]}
        assert status is JobStatus.SUBMITTED


async def test_the_audit_trail_hides_an_actor_the_viewer_may_not_see(
    api, user_factory, level
):
    _, planner = await user_factory("planner", role="planner")
    _, lead = await user_factory("lead", role="teamlead")
    waiting = await waiting_job_of(api, planner, level)
    replacing = (await api.data(SUBMIT, job_input(level), token=lead))["submitJob"]
    assert replacing["__typename"] == "Job"

    as_planner = (await api.data(EVENTS, {"id": waiting}, token=planner))["job"]["events"]
    as_lead = (await api.data(EVENTS, {"id": waiting}, token=lead))["job"]["events"]

    cancelled = next(e for e in as_planner if e["kind"] == "CANCELLED")
    assert cancelled["actor"] is None
    assert {e["actor"]["username"] for e in as_planner if e["actor"]} == {"planner"}
    assert {e["actor"]["username"] for e in as_lead if e["kind"] == "CANCELLED"} == {"lead"}
