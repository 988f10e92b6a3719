"""The authorization matrix over HTTP: every query, bulk mutation and download, for each
built-in role, against the viewer's own jobs and a colleague's, of every product area —
and a submission that would replace a waiting job of either.

The expected outcomes come from :mod:`rights_world`'s hand-written tables (``SEES``, ``MAY``,
``SUBMITS``), so a mistake in :mod:`api.permissions` cannot make its own test pass. A job a
role may not see must not show anywhere: not in ``jobs`` (nor its ``totalCount``), ``job``,
``jobTypes``, ``users``, nor downloads; bulk mutations call it not found.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from rights_world import (
    EVERY_JOB,
    MAY,
    OWNERS,
    ROLES,
    SCHEDULING,
    SEES,
    SUBMITS,
    TYPES,
    expected_outcome,
)

from workers.engine.models import Job, JobFile
from workers.engine.scopes import level_scope
from workers.engine.status import JobStatus
from workers.wfm.demo import ensure_scheduling_demo
from workers.wfm.demo_people import demo_employees
from workers.wfm.models import Employee

JOBS = """query($filter: JobFilter) { jobs(filter: $filter, first: 200) {
  totalCount edges { node { id } } } }"""
JOB = """query($id: ID!) { job(id: $id) {
  id viewerCanCancel viewerCanResubmit viewerCanDelete } }"""
BULK = """mutation($ids: [ID!]!) {{ {field}(ids: $ids) {{
  __typename ... on NotAllowed {{ jobId message }}
}} }}"""
FIELDS = {"cancel": "cancelJobs", "resubmit": "resubmitJobs", "delete": "deleteJobs"}

by_role = pytest.mark.parametrize("role", ROLES)


def ids_of(data: dict) -> set[str]:
    return {edge["node"]["id"] for edge in data["jobs"]["edges"]}


@by_role
async def test_jobs_lists_and_counts_exactly_the_jobs_the_role_may_see(api, world_factory, role):
    world = await world_factory(role)

    data = await api.data(JOBS, token=world.token)

    assert ids_of(data) == world.visible_ids()
    assert data["jobs"]["totalCount"] == len(SEES[role])


@by_role
async def test_filtering_by_a_colleague_shows_only_their_jobs_the_role_may_see(
    api, world_factory, role
):
    world = await world_factory(role)

    data = await api.data(JOBS, {"filter": {"userIds": [str(world.colleague.id)]}},
                          token=world.token)

    expected = {world.id_of(key) for key in SEES[role] if key[0] == "other"}
    assert ids_of(data) == expected
    assert data["jobs"]["totalCount"] == len(expected)


@by_role
async def test_job_answers_null_for_jobs_the_role_may_not_see_and_the_buttons_follow_the_rights(
    api, world_factory, role
):
    world = await world_factory(role)

    answers = {
        key: (await api.data(JOB, {"id": world.id_of(key)}, token=world.token))["job"]
        for key in EVERY_JOB
    }

    for key, job in answers.items():
        if key not in SEES[role]:
            assert job is None, key
            continue
        assert (job["viewerCanCancel"], job["viewerCanResubmit"], job["viewerCanDelete"]) == (
            key[0] in MAY["cancel"][role], key[0] in MAY["resubmit"][role],
            key[0] in MAY["delete"][role],
        ), key


@by_role
@pytest.mark.parametrize("action", ["cancel", "resubmit", "delete"])
async def test_bulk_mutations_answer_each_id_as_the_rights_say_and_touch_nothing_else(
    api, world_factory, role, action
):
    world = await world_factory(role)
    keys = sorted(EVERY_JOB)

    data = await api.data(BULK.format(field=FIELDS[action]),
                          {"ids": [world.id_of(key) for key in keys]}, token=world.token)

    results = data[FIELDS[action]]
    outcomes = [expected_outcome(role, action, key) for key in keys]
    assert [r["__typename"] for r in results] == outcomes
    rows = {job.id: job for job in await Job.all()}
    after = {key: rows[world.jobs[key].id].status if world.jobs[key].id in rows else None
             for key in keys}
    copies = {job.resubmitted_from_id for job in rows.values() if job.resubmitted_from_id}
    done = {key for key, outcome in zip(keys, outcomes, strict=True)
            if outcome in ("Job", "DeletedJob")}
    final = {"cancel": JobStatus.CANCELLED, "delete": None, "resubmit": JobStatus.SUBMITTED}
    assert after == {key: final[action] if key in done else JobStatus.SUBMITTED
                     for key in keys}
    assert {world.key_of(i) for i in copies} == (done if action == "resubmit" else set())
    not_allowed = [r for r in results if r["__typename"] == "NotAllowed"]
    assert all(r["jobId"] and r["message"] for r in not_allowed)


@by_role
async def test_filtering_by_a_hidden_job_type_never_names_a_hidden_type(api, world_factory, role):
    world = await world_factory(role)

    body = await api.post(JOBS, {"filter": {"types": ["EMPLOYEES_MASS_UPDATE"]}},
                          token=world.token)

    if role == "admin":
        assert body["data"]["jobs"]["totalCount"] == 2
        return
    hidden = set(TYPES) - {key[1] for key in SEES[role]}
    message = body["errors"][0]["message"]
    assert "unknown job type 'EMPLOYEES_MASS_UPDATE'" in message
    assert [t for t in hidden if message.count(t) > (t == "EMPLOYEES_MASS_UPDATE")] == []


@by_role
async def test_job_types_show_only_what_the_role_may_see_and_submit(api, world_factory, role):
    world = await world_factory(role)

    data = await api.data("{ jobTypes { type viewerCanSubmit } }", token=world.token)

    shown = {t["type"]: t["viewerCanSubmit"] for t in data["jobTypes"] if t["type"] in TYPES}
    assert set(shown) == {key[1] for key in SEES[role]}
    assert {t for t, can in shown.items() if can} == SUBMITS[role] & set(shown)


@by_role
@pytest.mark.parametrize("job_type", ["REPORT", "EMPLOYEES_MASS_UPDATE"])
async def test_submit_job_is_refused_for_types_the_role_may_not_submit(
    api, world_factory, employee_factory, role, job_type
):
    world = await world_factory(role)
    await employee_factory()
    params = {"report": {}} if job_type == "REPORT" else {
        "employeesMassUpdate": {"changes": {"weeklyContractHours": 30}}}
    before = await Job.all().count()

    data = await api.data(
        """mutation($input: SubmitJobInput!) { submitJob(input: $input) {
             __typename ... on NotAllowed { message } } }""",
        {"input": {"params": params}}, token=world.token,
    )

    allowed = job_type in SUBMITS[role]
    assert data["submitJob"]["__typename"] == ("Job" if allowed else "NotAllowed")
    assert await Job.all().count() == before + (1 if allowed else 0)


@by_role
async def test_users_lists_only_users_whose_jobs_the_role_may_see(api, world_factory, role):
    world = await world_factory(role)

    data = await api.data("{ users { username } }", token=world.token)

    expected = {
        "admin": {world.viewer.username, "colleague", "bystander"},
        "teamlead": {world.viewer.username, "colleague"},
        "planner": {world.viewer.username},
        "analyst": {world.viewer.username},
    }[role]
    assert {u["username"] for u in data["users"]} == expected


@by_role
async def test_downloads_answer_404_for_jobs_the_role_may_not_see(api, world_factory, role):
    world = await world_factory(role, status=JobStatus.COMPLETED)
    for job in world.jobs.values():
        await JobFile.create(job_id=job.id, name="out.csv", content=b"a,b\n",
                             content_type="text/csv", size=4)

    statuses = {
        key: (await api.client.get(f"/files/{world.id_of(key)}/out.csv",
                                   headers={"Authorization": f"Bearer {world.token}"})
              ).status_code
        for key in EVERY_JOB
    }

    assert statuses == {key: 200 if key in SEES[role] else 404 for key in EVERY_JOB}


@by_role
async def test_administration_is_for_administrators_only(api, world_factory, role):
    world = await world_factory(role)

    audit = await api.post("{ auditEvents { edges { node { kind } } } }", token=world.token)
    roles = await api.data("{ roles { name } }", token=world.token)
    mutations = await api.data(
        """mutation($user: ID!) {
          assignRole(userId: $user, role: "admin") { __typename }
          revokeUserTokens(userId: $user) { __typename }
          defineRole(input: {name: "viewer", seeJobTypes: ["*"]}) { __typename }
          setJobTypePolicy(input: {jobType: "REPORT", allowOverride: false}) { __typename }
        }""",
        {"user": str(world.bystander.id)}, token=world.token,
    )

    if role == "admin":
        assert "errors" not in audit
        assert {r["name"] for r in roles["roles"]} >= set(ROLES)
        assert [m["__typename"] for m in mutations.values()] == [
            "User", "TokensRevoked", "Role", "JobTypeInfo"]
    else:
        assert audit["errors"][0]["extensions"]["code"] == "FORBIDDEN"
        assert roles["roles"] == [{"name": role}]
        assert {m["__typename"] for m in mutations.values()} == {"NotAllowed"}


@by_role
async def test_a_resubmitted_copy_does_not_reveal_an_original_the_role_may_not_see(
    api, world_factory, job_row_factory, role
):
    world = await world_factory(role)
    original = world.jobs[("other", SCHEDULING)]
    copy = await job_row_factory(world.viewer, type=SCHEDULING, params={},
                                 resubmitted_from_id=original.id)

    data = await api.data(
        """query($id: ID!) { job(id: $id) { resubmittedFromId resubmittedFrom { id } } }""",
        {"id": str(copy.id)}, token=world.token,
    )

    if ("own", SCHEDULING) not in SEES[role]:
        assert data["job"] is None
    elif ("other", SCHEDULING) in SEES[role]:
        assert data["job"] == {"resubmittedFromId": str(original.id),
                               "resubmittedFrom": {"id": str(original.id)}}
    else:
        assert data["job"] == {"resubmittedFromId": None, "resubmittedFrom": None}


def test_the_tables_cover_every_role_and_owner():
    assert set(SEES) == set(ROLES) == set(SUBMITS)
    assert all(set(by_role) == set(ROLES) for by_role in MAY.values())
    assert all(whose <= set(OWNERS) for by_role in MAY.values() for whose in by_role.values())


OVERWRITE_SUBMIT = """mutation($input: SubmitJobInput!) { submitJob(input: $input) {
  __typename ... on WaitingJobProtected { waitingJobId message } } }"""


@by_role
@pytest.mark.parametrize("owner", OWNERS)
async def test_a_submission_replaces_a_waiting_job_only_if_the_role_may_cancel_it(
    api, world_factory, role, owner
):
    """Overwrite across users: a later submission for the same level withdraws a waiting
    job that allows it only when the submitter may cancel that job; otherwise it is
    refused, naming the job only to those who may see it."""
    world = await world_factory(role)
    await Employee.bulk_create([Employee(**values) for values in demo_employees()])
    schedule = await ensure_scheduling_demo()
    assert schedule is not None
    level = schedule.base_level_id
    start = datetime.now(UTC) + timedelta(hours=1)
    settings = {"startAt": start.isoformat(), "overwrite": "ALLOW"}
    waiting = await Job.create(
        type="OPTIMIZATION", feature="Scheduling > SchedulePro > Optimization",
        params={"levelId": level}, settings=settings, status=JobStatus.SUBMITTED,
        user_id=(world.viewer if owner == "own" else world.colleague).id,
        submitted_at=datetime.now(UTC), start_at=start, scope=level_scope(level),
    )
    job_input = {"params": {"optimization": {"levelId": str(level)}}, "settings": settings}

    answer = (await api.data(OVERWRITE_SUBMIT, {"input": job_input}, token=world.token))[
        "submitJob"]

    key = (owner, SCHEDULING)  # OPTIMIZATION is a scheduling job, as the test type is
    status = (await Job.get(id=waiting.id)).status
    if SCHEDULING not in SUBMITS[role]:
        assert answer["__typename"] == "NotAllowed"
        assert status is JobStatus.SUBMITTED
    elif key in SEES[role] and owner in MAY["cancel"][role]:
        assert answer["__typename"] == "Job"
        assert status is JobStatus.CANCELLED
    else:
        visible = key in SEES[role]
        assert answer["__typename"] == "WaitingJobProtected"
        assert answer["waitingJobId"] == (str(waiting.id) if visible else None)
        assert (f"Job {waiting.id}" in answer["message"]) is visible
        assert status is JobStatus.SUBMITTED
