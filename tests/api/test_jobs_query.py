"""Reading jobs: one job with everything it shows, filters, job types and users."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from workers.engine.models import JobEvent
from workers.engine.status import JobStatus

JOB_QUERY = """query($id: ID!) { job(id: $id) {
  id type feature params settings { startAt } user { id username name role }
  status submittedAt startAt startedAt finishedAt progress progressMessage
  result { summary data files { name contentType size downloadUrl } }
  error attempt resubmittedFromId resubmittedFrom { id }
  events { at kind message actor { username } }
} }"""

IDS_QUERY = """query($filter: JobFilter) {
  jobs(filter: $filter, first: 200) { edges { node { id } } } }"""


def ids_of(data) -> set[str]:
    return {edge["node"]["id"] for edge in data["jobs"]["edges"]}


async def test_a_job_shows_its_whole_record(api, user_factory, job_row_factory):
    user, token = await user_factory("carol", name="Carol C", role="analyst")
    original = await job_row_factory(user)
    # Recent: retention cleanup deletes jobs that finished more than 30 days ago.
    finished = datetime.now(UTC).replace(microsecond=0) - timedelta(hours=1)
    job = await job_row_factory(
        user,
        status=JobStatus.COMPLETED,
        resubmitted_from_id=original.id,
        finished_at=finished,
        attempt=1,
        progress_message="Completed",
        result={
            "summary": "Employee list of all teams: 3 employees.",
            "data": {"rows": 3},
            "files": [{"name": "employees.csv", "contentType": "text/csv", "size": 42}],
        },
    )
    await JobEvent.create(job_id=job.id, kind="SUBMITTED", actor_id=user.id, at=finished)
    await JobEvent.create(job_id=job.id, kind="COMPLETED", at=finished, message="done")

    data = await api.data(JOB_QUERY, {"id": str(job.id)}, token=token)

    shown = data["job"]
    assert shown["type"] == "REPORT" and shown["feature"] == "Monitoring > Reports"
    assert shown["params"] == {"report": "EMPLOYEE_LIST", "team": None, "activeOnly": True}
    assert shown["user"] == {"id": str(user.id), "username": "carol", "name": "Carol C",
                             "role": "analyst"}
    assert shown["status"] == "COMPLETED"
    assert datetime.fromisoformat(shown["finishedAt"]) == finished
    assert shown["result"]["summary"] == "Employee list of all teams: 3 employees."
    assert shown["result"]["data"] == {"rows": 3}
    [file] = shown["result"]["files"]
    assert (file["name"], file["contentType"], file["size"]) == ("employees.csv", "text/csv", 42)
    assert file["downloadUrl"].startswith(f"/files/{job.id}/employees.csv?")
    assert shown["resubmittedFromId"] == str(original.id)
    assert shown["resubmittedFrom"] == {"id": str(original.id)}
    assert [(e["kind"], e["actor"]) for e in shown["events"]] == [
        ("SUBMITTED", {"username": "carol"}),
        ("COMPLETED", None),
    ]


async def test_a_job_that_does_not_exist_is_null(api, user_factory):
    _, token = await user_factory()

    data = await api.data(JOB_QUERY, {"id": "999"}, token=token)

    assert data["job"] is None


async def test_a_job_id_that_is_not_a_number_is_refused_clearly(api, user_factory):
    _, token = await user_factory()

    body = await api.post(JOB_QUERY, {"id": "abc"}, token=token)

    assert body["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
    assert "job ids are whole numbers" in body["errors"][0]["message"]


@pytest.mark.parametrize(
    ("job_filter", "expected"),
    [
        ({"statusGroup": "PROCESSED"}, {"completed", "failed", "cancelled"}),
        ({"statusGroup": "UNPROCESSED"}, {"submitted", "running", "cancelling"}),
        ({"statusGroup": "ALL"}, {"submitted", "running", "cancelling", "completed", "failed",
                                  "cancelled"}),
        ({"statuses": ["RUNNING", "FAILED"]}, {"running", "failed"}),
        ({"statusGroup": "PROCESSED", "statuses": ["RUNNING", "FAILED"]}, {"failed"}),
    ],
    ids=["processed", "unprocessed", "all", "statuses", "group-and-statuses"],
)
async def test_jobs_filter_by_status_group_and_statuses(
    api, user_factory, job_row_factory, job_filter, expected
):
    user, token = await user_factory()
    by_name = {s.value.lower(): await job_row_factory(user, status=s) for s in JobStatus}

    data = await api.data(IDS_QUERY, {"filter": job_filter}, token=token)

    assert ids_of(data) == {str(by_name[name].id) for name in expected}


async def test_jobs_filter_by_submitting_users(api, user_factory, job_row_factory):
    alice, token = await user_factory()
    bob, _ = await user_factory()
    carol, _ = await user_factory()
    jobs = {u.username: await job_row_factory(u) for u in (alice, bob, carol)}

    data = await api.data(
        IDS_QUERY, {"filter": {"userIds": [str(alice.id), str(carol.id)]}}, token=token
    )

    assert ids_of(data) == {str(jobs[alice.username].id), str(jobs[carol.username].id)}


async def test_jobs_filter_by_job_type(api, user_factory, job_row_factory):
    user, token = await user_factory()
    await job_row_factory(user, type="REPORT")
    update = await job_row_factory(user, type="EMPLOYEES_MASS_UPDATE")

    data = await api.data(IDS_QUERY, {"filter": {"types": ["EMPLOYEES_MASS_UPDATE"]}},
                          token=token)

    assert ids_of(data) == {str(update.id)}


async def test_jobs_filter_by_submission_time_from_inclusive_to_exclusive(
    api, user_factory, job_row_factory
):
    user, token = await user_factory()
    start = datetime(2026, 3, 1, tzinfo=UTC)
    jobs = [await job_row_factory(user, submitted_at=start + timedelta(hours=h)) for h in range(4)]

    data = await api.data(
        IDS_QUERY,
        {"filter": {"submittedFrom": "2026-03-01T01:00:00Z",
                    "submittedTo": "2026-03-01T03:00:00+00:00"}},
        token=token,
    )

    assert ids_of(data) == {str(jobs[1].id), str(jobs[2].id)}


@pytest.mark.parametrize(
    ("job_filter", "message"),
    [
        ({"types": ["NOPE"]}, "filter.types: unknown job type 'NOPE'"),
        ({"userIds": ["bob"]}, "filter.userIds: 'bob' is not a user id"),
        ({"submittedFrom": "2026-03-01T01:00:00"}, "filter.submittedFrom: give a timezone"),
        ({"submittedFrom": "2026-03-02T00:00:00Z", "submittedTo": "2026-03-01T00:00:00Z"},
         "filter.submittedTo must be later than filter.submittedFrom"),
    ],
    ids=["unknown-type", "bad-user-id", "naive-time", "empty-range"],
)
async def test_a_bad_filter_is_refused_with_a_message_naming_it(
    api, user_factory, job_filter, message
):
    _, token = await user_factory()

    body = await api.post(IDS_QUERY, {"filter": job_filter}, token=token)

    assert body["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
    assert message in body["errors"][0]["message"]


async def test_job_types_list_each_type_with_its_feature_and_submit_member(api, user_factory):
    _, token = await user_factory(role="admin")

    data = await api.data("{ jobTypes { type feature category description paramsInput } }",
                          token=token)

    types = {t["type"]: t for t in data["jobTypes"]}
    assert types["REPORT"]["category"] == "monitoring"
    assert types["EMPLOYEES_MASS_UPDATE"]["category"] == "administration"
    assert types["REPORT"]["feature"] == "Monitoring > Reports"
    assert types["REPORT"]["paramsInput"] == "report"
    assert types["EMPLOYEES_MASS_UPDATE"]["feature"] == (
        "Administration > Scheduling > Employees > Mass Update"
    )
    assert types["EMPLOYEES_MASS_UPDATE"]["paramsInput"] == "employeesMassUpdate"
    assert all(t["description"] for t in types.values())


async def test_a_job_type_without_a_params_member_is_listed_with_an_empty_params_input(
    api, user_factory
):
    from engine.testing_jobs import SlowJob

    from workers.engine.registry import JOB_TYPES

    _, token = await user_factory(role="admin")

    with JOB_TYPES.registered(SlowJob()):
        data = await api.data("{ jobTypes { type paramsInput viewerCanSubmit } }", token=token)

    types = {t["type"]: t for t in data["jobTypes"]}
    # Rights allow it, but no `JobParamsInput` member exists: clients offer no form for it.
    assert types[SlowJob.name]["paramsInput"] == ""
    assert types["REPORT"]["paramsInput"] == "report"


async def test_users_lists_active_users_by_username(api, user_factory):
    _, token = await user_factory("zoe", role="admin")
    await user_factory("adam", role="planner")
    inactive, _ = await user_factory("gone")
    inactive.is_active = False
    await inactive.save()

    data = await api.data("{ users { username role } }", token=token)

    assert data["users"] == [{"username": "adam", "role": "planner"},
                             {"username": "zoe", "role": "admin"}]


async def test_deeply_nested_queries_are_refused(api, user_factory):
    _, token = await user_factory()
    nested = "id " + "resubmittedFrom { " * 12 + "id" + " }" * 12

    body = await api.post(f'{{ job(id: "1") {{ {nested} }} }}', token=token)

    assert "exceeds maximum operation depth" in body["errors"][0]["message"]


@pytest.mark.parametrize("raw_id", ["99999999999999999999", "2147483648", "0"])
async def test_a_job_id_no_job_can_have_is_simply_not_found(api, user_factory, raw_id):
    _, token = await user_factory()

    data = await api.data(JOB_QUERY, {"id": raw_id}, token=token)

    assert data["job"] is None


async def test_a_user_id_no_user_can_have_matches_no_job(api, user_factory, job_row_factory):
    user, token = await user_factory()
    await job_row_factory(user)

    data = await api.data(IDS_QUERY, {"filter": {"userIds": ["99999999999999"]}}, token=token)

    assert ids_of(data) == set()


async def test_a_malformed_time_in_a_filter_is_refused_with_its_reason(api, user_factory):
    _, token = await user_factory()

    body = await api.post(IDS_QUERY, {"filter": {"submittedFrom": "yesterday"}}, token=token)

    assert "submittedFrom" in body["errors"][0]["message"]
    assert "yesterday" in body["errors"][0]["message"]


async def test_an_unexpected_failure_is_masked_and_does_not_leak_details(
    api, user_factory, monkeypatch, caplog
):
    _, token = await user_factory()

    async def broken(job_id):
        raise RuntimeError("connection to 10.0.0.7 refused; password=hunter2")

    monkeypatch.setattr("api.queries.lifecycle.load", broken)

    body = await api.post(JOB_QUERY, {"id": "1"}, token=token)

    assert body["errors"][0]["message"] == (
        "Internal server error; the details are in the server's log."
    )
    assert "hunter2" not in str(body)
    assert "hunter2" in caplog.text
