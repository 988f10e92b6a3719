"""Submitting, cancelling, resubmitting and deleting jobs: each result, and each refusal."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from api import permissions
from workers.engine import lifecycle
from workers.engine.inserter import inserter
from workers.engine.models import Job
from workers.engine.status import JobStatus

SUBMIT = """mutation($input: SubmitJobInput!) { submitJob(input: $input) {
  __typename
  ... on Job { id type status params settings { startAt } startAt user { username } }
  ... on ValidationError { field message }
  ... on NotAllowed { message }
} }"""

CANCEL = """mutation($ids: [ID!]!, $onlyIfNotStarted: Boolean!) {
  cancelJobs(ids: $ids, onlyIfNotStarted: $onlyIfNotStarted) {
    __typename
    ... on Job { id status }
    ... on JobNotFound { id message }
    ... on JobNotCancellable { id status message }
    ... on JobAlreadyStarted { id status message }
    ... on NotAllowed { jobId message }
} }"""

RESUBMIT = """mutation($ids: [ID!]!) { resubmitJobs(ids: $ids) {
  __typename
  ... on Job { id type params settings { startAt } resubmittedFrom { id } }
  ... on JobNotFound { id message }
  ... on ValidationError { jobId field message }
} }"""

DELETE = """mutation($ids: [ID!]!) { deleteJobs(ids: $ids) {
  __typename
  ... on DeletedJob { id }
  ... on JobNotFound { id message }
  ... on JobNotDeletable { id status message }
} }"""


def later(hours: int = 1) -> str:
    return (datetime.now(UTC) + timedelta(hours=hours)).isoformat()


# --------------------------------------------------------------------------- submitJob


async def test_submitting_a_report_creates_a_waiting_job_for_the_user(
    api, user_factory, employee_factory
):
    _, token = await user_factory("dana")
    await employee_factory(team="Sales")
    start = later()

    data = await api.data(
        SUBMIT,
        {"input": {"params": {"report": {"team": "Sales"}}, "settings": {"startAt": start}}},
        token=token,
    )

    job = data["submitJob"]
    assert job["__typename"] == "Job"
    assert (job["type"], job["status"], job["user"]) == ("REPORT", "SUBMITTED",
                                                         {"username": "dana"})
    assert job["params"] == {"report": "EMPLOYEE_LIST", "team": "Sales", "activeOnly": True,
                             "levelId": None, "startDate": None, "endDate": None}
    assert datetime.fromisoformat(job["startAt"]) == datetime.fromisoformat(start)
    assert datetime.fromisoformat(job["settings"]["startAt"]) == datetime.fromisoformat(start)


async def test_submitting_a_mass_update_stores_its_filter_and_changes(
    api, user_factory, employee_factory
):
    _, token = await user_factory()
    await employee_factory(team="Sales")
    params = {"employeesMassUpdate": {
        "filter": {"teams": ["Sales"], "skills": ["Phone"]},
        "changes": {"weeklyContractHours": 32, "addSkills": ["Chat"]},
    }}

    data = await api.data(SUBMIT, {"input": {"params": params,
                                             "settings": {"startAt": later()}}}, token=token)

    job = data["submitJob"]
    assert job["type"] == "EMPLOYEES_MASS_UPDATE"
    assert job["params"]["filter"]["teams"] == ["Sales"]
    assert job["params"]["changes"]["weeklyContractHours"] == 32
    assert job["params"]["changes"]["addSkills"] == ["Chat"]


@pytest.mark.parametrize(
    ("params", "job_settings", "field", "message"),
    [
        ({"report": {"team": "Nobody"}}, None, "params.report.team",
         "no employee belongs to team 'Nobody'"),
        ({"employeesMassUpdate": {"changes": {}}}, None, "params.employeesMassUpdate.changes",
         "give at least one change"),
        ({"employeesMassUpdate": {"changes": {"weeklyContractHours": 99}}}, None,
         "params.employeesMassUpdate.changes.weeklyContractHours", "less than or equal to 80"),
        ({"employeesMassUpdate": {"filter": {"teams": ["Ghosts"]}, "changes": {"active": False}}},
         None, "params.employeesMassUpdate.filter.teams", "unknown team 'Ghosts'"),
        ({"report": {}}, {"startAt": "2026-01-31T08:00:00"}, "settings.startAt",
         "give a timezone"),
    ],
    ids=["unknown-team", "no-change", "too-many-hours", "unknown-filter-team", "naive-start"],
)
async def test_invalid_parameters_come_back_as_a_validation_error_naming_the_field(
    api, user_factory, employee_factory, params, job_settings, field, message
):
    _, token = await user_factory()
    await employee_factory(team="Sales")
    job_input = {"params": params, **({"settings": job_settings} if job_settings else {})}

    data = await api.data(SUBMIT, {"input": job_input}, token=token)

    assert data["submitJob"]["__typename"] == "ValidationError"
    assert data["submitJob"]["field"] == field
    assert message in data["submitJob"]["message"]
    assert await Job.all().count() == 0


async def test_params_must_name_exactly_one_job_type(api, user_factory):
    _, token = await user_factory()
    both = {"report": {}, "employeesMassUpdate": {"changes": {"active": True}}}

    body = await api.post(SUBMIT, {"input": {"params": both}}, token=token)

    assert "exactly one" in body["errors"][0]["message"].lower()
    assert await Job.all().count() == 0


async def test_submitting_is_refused_when_the_rights_say_no(api, user_factory, monkeypatch):
    _, token = await user_factory()
    monkeypatch.setattr(permissions, "can_submit_job", lambda user, job_type: False)

    data = await api.data(SUBMIT, {"input": {"params": {"report": {}}}}, token=token)

    assert data["submitJob"] == {"__typename": "NotAllowed",
                                 "message": "You may not submit REPORT jobs."}


# --------------------------------------------------------------------------- cancelJobs


async def test_cancel_withdraws_waiting_jobs_and_asks_running_ones_to_stop(
    api, user_factory, job_row_factory
):
    user, token = await user_factory()
    waiting = await job_row_factory(user, status=JobStatus.SUBMITTED)
    running = await job_row_factory(user, status=JobStatus.RUNNING, attempt=1)

    data = await api.data(
        CANCEL, {"ids": [str(waiting.id), str(running.id)], "onlyIfNotStarted": False},
        token=token,
    )

    assert data["cancelJobs"] == [
        {"__typename": "Job", "id": str(waiting.id), "status": "CANCELLED"},
        {"__typename": "Job", "id": str(running.id), "status": "CANCELLING"},
    ]


async def test_cancel_answers_each_id_in_order_with_the_reason_it_failed(
    api, user_factory, job_row_factory
):
    user, token = await user_factory()
    done = await job_row_factory(user, status=JobStatus.COMPLETED)
    waiting = await job_row_factory(user, status=JobStatus.SUBMITTED)

    data = await api.data(
        CANCEL, {"ids": ["424242", str(done.id), "abc", str(waiting.id), "9" * 30],
                 "onlyIfNotStarted": False},
        token=token,
    )

    results = data["cancelJobs"]
    assert [r["__typename"] for r in results] == [
        "JobNotFound", "JobNotCancellable", "JobNotFound", "Job", "JobNotFound"]
    assert results[0]["message"] == "Job 424242 does not exist (it may have been deleted)."
    assert results[1] == {
        "__typename": "JobNotCancellable", "id": str(done.id), "status": "COMPLETED",
        "message": f"Job {done.id} cannot be cancelled: it is completed.",
    }
    assert results[2]["id"] == "abc" and "job ids are whole numbers" in results[2]["message"]


async def test_cancel_only_if_not_started_leaves_a_running_job_alone(
    api, user_factory, job_row_factory
):
    user, token = await user_factory()
    running = await job_row_factory(user, status=JobStatus.RUNNING, attempt=1)
    waiting = await job_row_factory(user, status=JobStatus.SUBMITTED)

    data = await api.data(
        CANCEL, {"ids": [str(running.id), str(waiting.id)], "onlyIfNotStarted": True},
        token=token,
    )

    started, withdrawn = data["cancelJobs"]
    assert started["__typename"] == "JobAlreadyStarted"
    assert started["status"] == "RUNNING"
    assert "already started" in started["message"]
    assert withdrawn == {"__typename": "Job", "id": str(waiting.id), "status": "CANCELLED"}
    assert (await lifecycle.load(running.id)).status is JobStatus.RUNNING


async def test_cancel_is_refused_when_the_rights_say_no(
    api, user_factory, job_row_factory, monkeypatch
):
    user, token = await user_factory()
    waiting = await job_row_factory(user, status=JobStatus.SUBMITTED)
    monkeypatch.setattr(permissions, "can_cancel_job", lambda user, job: False)

    data = await api.data(CANCEL, {"ids": [str(waiting.id)], "onlyIfNotStarted": False},
                          token=token)

    assert data["cancelJobs"] == [{"__typename": "NotAllowed", "jobId": str(waiting.id),
                                   "message": f"You may not cancel job {waiting.id}."}]
    assert (await lifecycle.load(waiting.id)).status is JobStatus.SUBMITTED


async def test_a_bulk_mutation_refuses_more_than_500_ids(api, user_factory):
    _, token = await user_factory()

    body = await api.post(CANCEL, {"ids": [str(i) for i in range(501)],
                                   "onlyIfNotStarted": False}, token=token)

    assert body["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
    assert "at most 500 ids" in body["errors"][0]["message"]


# --------------------------------------------------------------------------- resubmitJobs


async def test_resubmit_creates_a_linked_copy_with_the_same_parameters(
    api, user_factory, job_row_factory
):
    user, token = await user_factory()
    start = later(2)
    original = await job_row_factory(user, status=JobStatus.FAILED, settings={"startAt": start})

    data = await api.data(RESUBMIT, {"ids": [str(original.id), "777"]}, token=token)

    copy, missing = data["resubmitJobs"]
    assert copy["__typename"] == "Job" and copy["id"] != str(original.id)
    assert copy["type"] == "REPORT"
    # Validated again and stored with every parameter (the level report fields included).
    assert copy["params"] == {**original.params, "levelId": None, "startDate": None,
                              "endDate": None}
    assert datetime.fromisoformat(copy["settings"]["startAt"]) == datetime.fromisoformat(start)
    assert copy["resubmittedFrom"] == {"id": str(original.id)}
    assert missing["__typename"] == "JobNotFound" and missing["id"] == "777"


async def test_resubmitting_a_job_whose_parameters_became_invalid_names_the_field(
    api, user_factory, job_row_factory
):
    user, token = await user_factory()
    original = await job_row_factory(
        user, params={"report": "EMPLOYEE_LIST", "team": "Disbanded", "activeOnly": True}
    )

    data = await api.data(RESUBMIT, {"ids": [str(original.id)]}, token=token)

    assert data["resubmitJobs"] == [{
        "__typename": "ValidationError", "jobId": str(original.id), "field": "params.team",
        "message": "no employee belongs to team 'Disbanded'",
    }]


async def test_resubmitting_a_job_of_a_retired_type_says_it_can_no_longer_run(
    api, user_factory, job_row_factory
):
    user, token = await user_factory()
    original = await job_row_factory(user, type="RETIRED_REPORT")

    data = await api.data(RESUBMIT, {"ids": [str(original.id)]}, token=token)

    [result] = data["resubmitJobs"]
    assert (result["__typename"], result["field"], result["jobId"]) == (
        "ValidationError", "type", str(original.id))
    assert "Unknown job type 'RETIRED_REPORT'" in result["message"]


async def test_a_bulk_resubmission_stores_its_copies_together_and_answers_in_order(
    api, user_factory, job_row_factory
):
    user, token = await user_factory()
    originals = [await job_row_factory(user, status=JobStatus.COMPLETED) for _ in range(30)]
    ids = [str(job.id) for job in originals]
    before = inserter().batches

    data = await api.data(RESUBMIT, {"ids": [*ids[:15], "777", *ids[15:]]}, token=token)

    results = data["resubmitJobs"]
    assert results[15] == {"__typename": "JobNotFound", "id": "777",
                           "message": results[15]["message"]}
    copies = results[:15] + results[16:]
    assert [c["resubmittedFrom"] for c in copies] == [{"id": i} for i in ids]
    assert len({c["id"] for c in copies} | set(ids)) == 60
    assert inserter().batches - before < len(originals)


# --------------------------------------------------------------------------- deleteJobs


async def test_delete_removes_finished_and_waiting_jobs_but_not_running_ones(
    api, user_factory, job_row_factory
):
    user, token = await user_factory()
    done = await job_row_factory(user, status=JobStatus.COMPLETED)
    running = await job_row_factory(user, status=JobStatus.RUNNING, attempt=1)
    cancelling = await job_row_factory(user, status=JobStatus.CANCELLING, attempt=1)

    data = await api.data(
        DELETE, {"ids": [str(done.id), str(running.id), str(cancelling.id), "x1"]}, token=token
    )

    deleted, refused_running, refused_cancelling, unknown = data["deleteJobs"]
    assert deleted == {"__typename": "DeletedJob", "id": str(done.id)}
    assert refused_running["__typename"] == "JobNotDeletable"
    assert refused_running["status"] == "RUNNING"
    assert refused_running["message"].startswith(f"Job {running.id} cannot be deleted")
    assert refused_cancelling["status"] == "CANCELLING"
    assert unknown["__typename"] == "JobNotFound"
    assert await lifecycle.load(done.id) is None
    assert await lifecycle.load(running.id) is not None


async def test_deleting_a_job_twice_reports_it_gone_the_second_time(
    api, user_factory, job_row_factory
):
    user, token = await user_factory()
    job = await job_row_factory(user)

    await api.data(DELETE, {"ids": [str(job.id)]}, token=token)
    data = await api.data(DELETE, {"ids": [str(job.id)]}, token=token)

    assert [r["__typename"] for r in data["deleteJobs"]] == ["JobNotFound"]


async def test_a_job_named_twice_in_one_request_is_deleted_once_and_the_repeat_says_where(
    api, user_factory, job_row_factory
):
    user, token = await user_factory()
    job = await job_row_factory(user)
    query = DELETE.replace("__typename", "__typename ... on DuplicateJobId { duplicateOf }")

    data = await api.data(query, {"ids": [str(job.id), f"0{job.id}"]}, token=token)

    first, repeat = data["deleteJobs"]
    assert first["__typename"] == "DeletedJob"
    assert repeat == {"__typename": "DuplicateJobId", "duplicateOf": 0}
