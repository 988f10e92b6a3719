"""What a job is about and what it achieved, as the overview shows it: human titles, subject
lines and the level and period a job names, finding jobs by them and by a search, the
short typed result of each job, and acting on every job a filter matches."""

from __future__ import annotations

from typing import Any

import pytest
from tortoise import connections
from tortoise.transactions import in_transaction

from api import matching
from api.filters import JobCriteria
from api.inputs import JobFilter
from workers.engine import lifecycle
from workers.engine.models import Job
from workers.engine.status import JobStatus
from workers.wfm.demo import ensure_scheduling_demo
from workers.wfm.demo_people import demo_employees
from workers.wfm.models import Employee

SUBMIT = """mutation($input: SubmitJobInput!) { submitJob(input: $input) {
  __typename ... on Job { id type title subject
    level { id name } planningPeriod { id name } }
  ... on ValidationError { field message } } }"""

LIST = """query($filter: JobFilter) { jobs(filter: $filter, first: 50) {
  totalCount edges { node { id title subject } } } }"""


async def _demo() -> dict[str, str]:
    await Employee.bulk_create([Employee(**values) for values in demo_employees()])
    schedule = await ensure_scheduling_demo()
    assert schedule is not None
    return {"base": str(schedule.base_level_id), "draft": str(schedule.draft_level_id),
            "period": str(schedule.period_id)}


@pytest.fixture
async def demo(api) -> dict[str, str]:
    return await _demo()


@pytest.fixture
async def any_db_demo(any_db_api) -> dict[str, str]:
    """The demo on SQLite, then on PostgreSQL (where the search has its fragment index)."""
    return await _demo()


async def submit(api, token: str, params: dict[str, Any], start_at: str | None = None
                 ) -> dict[str, Any]:
    settings = {"startAt": start_at} if start_at else None
    job: dict[str, Any] = (await api.data(SUBMIT, {"input": {"params": params,
                                                             "settings": settings}},
                                          token=token))["submitJob"]
    assert job["__typename"] == "Job", job
    return job


LATER = "2099-01-01T00:00:00Z"


async def test_a_job_is_named_by_its_title_and_a_subject_made_from_its_parameters(
    api, user_factory, demo
):
    _, token = await user_factory(role="planner")

    job = await submit(api, token, {"optimization": {
        "levelId": demo["base"], "timeLimitSeconds": 60, "startDate": "2026-12-01",
        "endDate": "2026-12-07", "teams": ["Sales"]}}, LATER)

    assert job["title"] == "Optimization"
    assert job["subject"] == "Base level · December 2026 · 1 Dec to 7 Dec 2026 · team Sales · 60 s"
    assert job["level"] == {"id": demo["base"], "name": "Base"}
    assert job["planningPeriod"] == {"id": demo["period"], "name": "December 2026"}


async def test_every_job_type_has_a_title_and_reports_and_mass_updates_a_subject(
    api, user_factory, demo
):
    _, token = await user_factory()
    types = (await api.data("{ jobTypes { type title } }", token=token))["jobTypes"]

    report = await submit(api, token, {"report": {"report": "STAFFING_COVERAGE",
                                                  "levelId": demo["base"]}}, LATER)
    update = await submit(api, token, {"employeesMassUpdate": {
        "filter": {"teams": ["Night Shift"]}, "changes": {"weeklyContractHours": 32}}}, LATER)

    assert all(t["title"] and t["title"] != t["type"] for t in types)
    assert {t["type"]: t["title"] for t in types}["SHIFTS_GENERATE"] == "Shift generation"
    assert report["subject"] == "Staffing coverage · Base level · December 2026"
    assert report["level"]["name"] == "Base"
    assert update["subject"] == "team Night Shift · 32 h/week"
    assert update["level"] is None and update["planningPeriod"] is None


async def test_jobs_are_found_by_level_period_and_a_search_of_their_words(
    any_db_api, user_factory, any_db_demo
):
    api, demo = any_db_api, any_db_demo
    _, token = await user_factory()
    on_base = await submit(api, token, {"optimization": {"levelId": demo["base"]}}, LATER)
    on_draft = await submit(api, token, {"shiftsGenerate": {"levelId": demo["draft"]}}, LATER)
    sales = await submit(api, token, {"report": {"team": "Sales"}}, LATER)

    async def ids(**job_filter: Any) -> list[str]:
        jobs = (await api.data(LIST, {"filter": job_filter}, token=token))["jobs"]
        assert jobs["totalCount"] == len(jobs["edges"])
        return [edge["node"]["id"] for edge in jobs["edges"]]

    assert await ids(levelIds=[demo["base"]]) == [on_base["id"]]
    assert await ids(planningPeriodIds=[demo["period"]]) == [on_draft["id"], on_base["id"]]
    assert await ids(search="draft GENERATION") == [on_draft["id"]]
    assert await ids(search="sales") == [sales["id"]]
    assert await ids(search="december", types=["OPTIMIZATION"]) == [on_base["id"]]
    assert await ids(search="nothing-like-this") == []
    assert await ids(levelIds=["999999"]) == []


async def test_a_search_of_too_many_words_or_a_malformed_level_id_is_refused(
    api, user_factory
):
    _, token = await user_factory()

    many = await api.post(LIST, {"filter": {"search": "a b c d e f g h i"}}, token)
    bad_id = await api.post(LIST, {"filter": {"levelIds": ["base"]}}, token)

    assert "at most 8 words" in many["errors"][0]["message"]
    assert "'base' is not a schedule level id" in bad_id["errors"][0]["message"]


async def test_live_updates_match_a_searched_or_level_filtered_list_like_the_list_does(
    api, user_factory, demo
):
    _, token = await user_factory()
    job = await submit(api, token, {"optimization": {"levelId": demo["base"]}}, LATER)
    record = await lifecycle.load(int(job["id"]))
    assert record is not None

    def matches(**job_filter: Any) -> bool:
        return JobCriteria.from_input(JobFilter(**job_filter)).matches(record)

    assert matches(search="base optimization", level_ids=[demo["base"]])
    assert matches(planning_period_ids=[demo["period"]])
    assert not matches(search="draft")
    assert not matches(level_ids=[demo["draft"]])


async def test_a_finished_job_gives_a_headline_and_typed_figures(
    live_api, user_factory, employee_factory
):
    _, token = await user_factory()
    for number in ("S1", "S2"):
        await employee_factory(number=number, team="Sales")
    job = await submit(live_api, token, {"report": {"team": "Sales"}})
    async with live_api.socket() as ws:
        await ws.init(token)
        await ws.subscribe("""subscription($id: ID!) { jobUpdated(id: $id) { status
          result { summary headline figures { label value unit before } } } }""",
                           {"id": job["id"]})
        final = [update["jobUpdated"] async for update in ws.results()][-1]

    assert final["status"] == "COMPLETED"
    assert final["result"]["headline"] == "2 employees listed"
    assert final["result"]["figures"] == [
        {"label": "Employees", "value": 2.0, "unit": "", "before": None}]


async def test_results_of_older_releases_get_their_first_sentence_as_headline(
    api, user_factory, job_row_factory
):
    user, token = await user_factory()
    row = await job_row_factory(user, result={"summary": "Did it. Then more.", "data": {}})

    job = (await api.data("query($id: ID!) { job(id: $id) { title subject "
                          "result { headline figures { label } } } }",
                          {"id": str(row.id)}, token=token))["job"]

    assert job == {"title": "Report", "subject": "",
                   "result": {"headline": "Did it.", "figures": []}}


MATCHING = """mutation($filter: JobFilter!) {
  cancelMatchingJobs(filter: $filter) {
    __typename
    ... on MatchingJobsCancelled { matched results { __typename
      ... on Job { id status } ... on NotAllowed { jobId } ... on JobNotCancellable { id } } }
    ... on TooManyMatchingJobs { matched maximum message } } }"""


async def test_every_matching_job_is_cancelled_with_one_result_each_and_only_as_rights_allow(
    api, user_factory, job_row_factory
):
    planner, token = await user_factory(role="planner")
    other, _ = await user_factory(role="planner")
    waiting = [await job_row_factory(planner, type="OPTIMIZATION", status=JobStatus.SUBMITTED,
                                     feature="Scheduling > SchedulePro > Optimization")
               for _ in range(3)]
    await job_row_factory(other, type="OPTIMIZATION", status=JobStatus.SUBMITTED,
                          feature="Scheduling > SchedulePro > Optimization")

    done = (await api.data(MATCHING, {"filter": {"statusGroup": "UNPROCESSED"}},
                           token=token))["cancelMatchingJobs"]

    assert done["__typename"] == "MatchingJobsCancelled"
    assert done["matched"] == 3  # the other planner's job is not theirs to see
    assert [(r["id"], r["status"]) for r in done["results"]] == [
        (str(job.id), "CANCELLED") for job in waiting]
    assert await Job.filter(status=JobStatus.SUBMITTED).count() == 1


async def test_more_matching_jobs_than_one_request_may_act_on_are_refused_untouched(
    api, user_factory, job_row_factory, monkeypatch
):
    user, token = await user_factory()
    for _ in range(3):
        await job_row_factory(user, status=JobStatus.SUBMITTED)
    monkeypatch.setattr(matching, "MAX_MATCHING_JOBS", 2)

    done = (await api.data(MATCHING, {"filter": {}}, token=token))["cancelMatchingJobs"]

    assert done["__typename"] == "TooManyMatchingJobs"
    assert (done["matched"], done["maximum"]) == (3, 2)
    assert await Job.filter(status=JobStatus.SUBMITTED).count() == 3


async def test_every_failed_job_of_a_view_is_submitted_again_once(
    api, user_factory, job_row_factory
):
    user, token = await user_factory()
    failed = [await job_row_factory(user, status=JobStatus.FAILED, error="boom")
              for _ in range(2)]
    await job_row_factory(user, status=JobStatus.COMPLETED)

    done = (await api.data("""mutation($filter: JobFilter!) {
      resubmitMatchingJobs(filter: $filter) { __typename
        ... on MatchingJobsResubmitted { matched results { __typename
          ... on Job { resubmittedFromId } } } } }""",
                           {"filter": {"statuses": ["FAILED"]}}, token=token)
            )["resubmitMatchingJobs"]

    assert done["matched"] == 2
    assert sorted(r["resubmittedFromId"] for r in done["results"]) == sorted(
        str(job.id) for job in failed)
    assert await Job.all().count() == 5


@pytest.mark.parametrize(("job_filter", "index"), [
    (JobFilter(search="base optimization"), "jp_job_search_fragments"),
    (JobFilter(level_ids=["2"]), "jp_job_refs_level"),
    (JobFilter(planning_period_ids=["1"]), "jp_job_refs_period"),
])
async def test_on_postgresql_the_search_and_the_level_filters_are_answered_from_their_indexes(
    pg_api, job_filter, index
):
    # The filter alone (as for `totalCount`; a page's ORDER BY id may prefer the primary key).
    query = JobCriteria.from_input(job_filter).apply(Job.all())
    connection = connections.get("default")

    # Told to avoid reading the whole table, the planner uses the index if it can.
    async with in_transaction() as conn:
        await conn.execute_script("SET LOCAL enable_seqscan = off")
        plan = await conn.execute_query_dict(f"EXPLAIN {query.sql(params_inline=True)}")

    assert connection.capabilities.dialect == "postgres"
    assert index in "\n".join(row["QUERY PLAN"] for row in plan)
