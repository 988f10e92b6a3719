"""Issue 15, F1: a signed-in user cannot stall the server with an expensive request.

The recipe: ``resubmitJobs`` with one id 500 times, then a page of 200 jobs that selects each
one's original and its audit trail, with 1, 3 and 30 aliases. Repeated ids act once; the
pages are refused by the query cost before any resolver runs, saying which limit and by
how much; audit trails answer at most a documented number of entries.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from graphql import (
    build_schema,
    get_named_type,
    get_nullable_type,
    is_composite_type,
    is_list_type,
    is_object_type,
)

from api.cost import LIST_SIZES, QUERY_TOO_COSTLY
from api.types import MAX_EVENTS
from workers.engine.models import Job, JobEvent
from workers.engine.status import JobStatus

RESUBMIT = """mutation($ids: [ID!]!) { resubmitJobs(ids: $ids) {
  __typename ... on Job { id } ... on DuplicateJobId { duplicateOf message } } }"""
PAGE = "jobs(first: 200) { edges { node { resubmittedFrom { events { kind actor { name } } } } } }"
JOB_FIELDS = """id type title subject feature status progress progressMessage submittedAt
  startAt startedAt finishedAt attempt user { id username name }
  result { summary headline files { name contentType size downloadUrl } } error
  viewerCanCancel viewerCanResubmit viewerCanDelete"""


def aliased(times: int) -> str:
    return "{ " + " ".join(f"a{i}: {PAGE}" for i in range(times)) + " }"


async def _with_events(job: Job, count: int) -> None:
    start = datetime.now(UTC) - timedelta(hours=1)
    await JobEvent.bulk_create([
        JobEvent(job_id=job.id, at=start + timedelta(seconds=i), kind="RESUBMITTED",
                 message=f"copy {i}", actor_id=None)
        for i in range(count)
    ])


async def test_one_id_given_500_times_is_resubmitted_once(api, user_factory, job_row_factory):
    user, token = await user_factory(role="analyst")
    original = await job_row_factory(user, status=JobStatus.COMPLETED)

    data = await api.data(RESUBMIT, {"ids": [str(original.id)] * 500}, token=token)

    results = data["resubmitJobs"]
    assert results[0]["__typename"] == "Job"
    assert {r["__typename"] for r in results[1:]} == {"DuplicateJobId"}
    assert {r["duplicateOf"] for r in results[1:]} == {0}
    assert "duplicate of position 0" in results[1]["message"]
    assert await Job.filter(resubmitted_from_id=original.id).count() == 1


@pytest.mark.parametrize("aliases", [1, 3, 30])
async def test_pages_of_200_jobs_with_their_originals_trails_are_refused_by_cost(
    api, user_factory, job_row_factory, aliases
):
    user, token = await user_factory(role="analyst")
    original = await job_row_factory(user)
    await _with_events(original, 500)
    for _ in range(5):
        await job_row_factory(user, resubmitted_from_id=original.id)

    body = await api.post(aliased(aliases), token=token)

    assert body.get("data") is None
    (error,) = body["errors"]
    extensions = error["extensions"]
    assert extensions["code"] == QUERY_TOO_COSTLY
    assert extensions["cost"] > extensions["budget"] == api.settings.max_query_cost
    assert extensions["over"] == extensions["cost"] - extensions["budget"]
    assert f"{extensions['over']} over" in error["message"]


async def test_the_health_check_answers_while_costly_requests_are_refused(api, user_factory):
    _, token = await user_factory(role="analyst")

    refused = await api.post(aliased(30), token=token)
    health = await api.client.get("/healthz")

    assert refused["errors"][0]["extensions"]["code"] == QUERY_TOO_COSTLY
    assert health.status_code == 200


async def test_a_jobs_audit_trail_answers_its_latest_entries_up_to_the_maximum(
    api, user_factory, job_row_factory
):
    user, token = await user_factory()
    job = await job_row_factory(user)
    await _with_events(job, MAX_EVENTS + 20)
    query = "query($id: ID!, $last: Int!) { job(id: $id) { events(last: $last) { message } } }"

    page = await api.data(query, {"id": str(job.id), "last": MAX_EVENTS}, token=token)
    default = await api.data(
        "query($id: ID!) { job(id: $id) { events { message } } }", {"id": str(job.id)},
        token=token,
    )
    too_many = await api.post(query, {"id": str(job.id), "last": MAX_EVENTS + 1}, token)

    messages = [e["message"] for e in page["job"]["events"]]
    assert len(messages) == MAX_EVENTS
    assert messages[-1] == f"copy {MAX_EVENTS + 19}"
    assert messages == sorted(messages, key=lambda m: int(m.split()[1]))
    assert len(default["job"]["events"]) == 100
    assert too_many["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"


async def test_the_pages_the_web_page_asks_for_stay_within_the_budget(
    api, user_factory, job_row_factory
):
    user, token = await user_factory(role="analyst")
    jobs = [await job_row_factory(user, status=JobStatus.SUBMITTED) for _ in range(3)]
    overview = f"{{ jobs(first: 200) {{ edges {{ cursor node {{ {JOB_FIELDS} }} }} }} }}"
    cancel = (
        "mutation($ids: [ID!]!) { cancelJobs(ids: $ids) { __typename "
        f"... on Job {{ {JOB_FIELDS} }} ... on JobNotFound {{ id message }} }} }}"
    )
    ids = [str(job.id) for job in jobs] + [str(10_000 + i) for i in range(497)]

    listed = await api.data(overview, token=token)
    cancelled = await api.data(cancel, {"ids": ids}, token=token)

    assert len(listed["jobs"]["edges"]) == 3
    assert [r["__typename"] for r in cancelled["cancelJobs"][:3]] == ["Job"] * 3


async def test_a_role_can_have_its_own_budget(api_factory, user_factory):
    api = await api_factory(query_cost_by_role=(("analyst", 10),))
    _, analyst = await user_factory(role="analyst")
    _, admin = await user_factory(role="admin")
    query = "{ jobs(first: 20) { edges { node { id } } } }"

    refused = await api.post(query, token=analyst)
    answered = await api.post(query, token=admin)

    assert refused["errors"][0]["extensions"]["budget"] == 10
    assert "errors" not in answered


def test_every_list_of_objects_in_the_committed_schema_has_a_documented_maximum():
    schema = build_schema((Path(__file__).parents[2] / "schema.graphql").read_text())
    lists = {
        f"{name}.{field_name}"
        for name, named in schema.type_map.items()
        if is_object_type(named) and not name.startswith("__")
        for field_name, field in named.fields.items()  # type: ignore[attr-defined]
        if is_list_type(get_nullable_type(field.type))
        and is_composite_type(get_named_type(field.type))
    }

    missing = sorted(lists - set(LIST_SIZES))

    assert not missing, f"add these list fields to api/cost.py LIST_SIZES: {missing}"
