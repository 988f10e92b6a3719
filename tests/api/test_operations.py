"""The operator's side on the embedded default: metrics, readiness, JSON logs, workers, queues."""

from __future__ import annotations

import asyncio
import io
import json
import logging
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from types import SimpleNamespace

import httpx
import pytest
from prometheus_client.parser import text_string_to_metric_families
from tortoise import connections

from api.health import readyz
from workers.access.models import AdminEvent
from workers.engine import lifecycle
from workers.engine.logs import JsonFormatter
from workers.engine.metrics import exposition
from workers.engine.runtime import get_runtime
from workers.engine.status import JobStatus

SUBMIT = """mutation { submitJob(input: {params: {report: {team: "Sales"}}}) {
  __typename ... on Job { id status } } }"""
WORKERS = "{ workers { name host pid threads queues startedAt lastSeen runningJobIds } }"
QUEUES = "{ queues { name depth delayed oldestWaitSeconds paused messages } }"


def samples(text: str) -> dict[tuple[str, frozenset[tuple[str, str]]], float]:
    """Every sample of a metrics page, by name and labels."""
    return {
        (sample.name, frozenset(sample.labels.items())): sample.value
        for family in text_string_to_metric_families(text)
        for sample in family.samples
    }


def value(page: dict, name: str, **labels: str) -> float:
    return page.get((name, frozenset(labels.items())), 0.0)


async def final_status(job_id: int) -> JobStatus:
    async with asyncio.timeout(10):
        while True:
            record = await lifecycle.load(job_id)
            if record is not None and record.status.is_final:
                return record.status
            await asyncio.sleep(0.01)


@pytest.fixture
async def sales_team(api, employee_factory) -> None:
    """The team the reports of these tests list."""
    await employee_factory(team="Sales")


@pytest.fixture
def json_log(caplog: pytest.LogCaptureFixture) -> Iterator[io.StringIO]:
    """What the job log writes, formatted as ``JOBPROCESSOR_LOG_FORMAT=json`` does."""
    caplog.set_level(logging.INFO, logger="jobprocessor.jobs")
    out = io.StringIO()
    handler = logging.StreamHandler(out)
    handler.setFormatter(JsonFormatter())
    logger = logging.getLogger("jobprocessor.jobs")
    logger.addHandler(handler)
    try:
        yield out
    finally:
        logger.removeHandler(handler)


async def test_after_one_job_metrics_readiness_json_logs_and_workers_tell_the_operator(
    api, user_factory, json_log, sales_team
):
    _, token = await user_factory()
    # Counters live for the whole test process: compare with their values now (read from
    # the registry, so that the first scrape below is the one that reads the job counts).
    before = samples(exposition().decode())

    job_id = int((await api.data(SUBMIT, token=token))["submitJob"]["id"])
    assert await final_status(job_id) is JobStatus.COMPLETED

    metrics = await api.client.get("/metrics")
    page = samples(metrics.text)
    ready = await api.client.get("/readyz")
    workers = (await api.data(WORKERS, token=token))["workers"]
    lines = [json.loads(line) for line in json_log.getvalue().splitlines()]

    assert metrics.status_code == 200
    assert metrics.headers["content-type"].startswith("text/plain")

    def grew(name: str, by: float = 1, **labels: str) -> bool:
        return value(page, name, **labels) - value(before, name, **labels) == by

    assert grew("jobprocessor_jobs_submitted_total", job_type="REPORT")
    assert grew("jobprocessor_jobs_finished_total", job_type="REPORT", status="COMPLETED")
    assert grew("jobprocessor_job_run_seconds_count", job_type="REPORT")
    assert grew("jobprocessor_job_wait_seconds_count", job_type="REPORT")
    assert value(page, "jobprocessor_events_published_total") > value(
        before, "jobprocessor_events_published_total")
    assert value(page, "jobprocessor_jobs", status="COMPLETED") == 1
    assert value(page, "jobprocessor_queue_depth", queue="jobs") == 0
    assert value(page, "jobprocessor_workers_online") == 1
    assert ("jobprocessor_subscribers", frozenset()) in page

    assert ready.status_code == 200
    assert ready.json() == {"database": "ok", "broker": "ok"}

    about_job = [line for line in lines if line.get("job_id") == job_id]
    assert [line["event"].split(" (")[0] for line in about_job if "progress" not in line["event"]
            ] == ["job submitted", "job started", "job completed"]
    for line in about_job:
        assert {"ts", "level", "logger", "event", "job_id", "job_type", "user", "attempt"} <= set(
            line)
        assert line["job_type"] == "REPORT"

    assert len(workers) == 1
    worker = workers[0]
    assert worker["name"] == get_runtime().worker_name
    assert worker["threads"] == api.settings.worker_threads
    assert worker["queues"] == ["jobs"]
    assert worker["runningJobIds"] == []


async def test_metrics_carry_no_user_names_nor_job_ids(api, user_factory, sales_team):
    _, token = await user_factory("ursula-unique")
    job_id = (await api.data(SUBMIT, token=token))["submitJob"]["id"]
    await final_status(int(job_id))

    text = (await api.client.get("/metrics")).text
    ours = [(name, dict(labels)) for name, labels in samples(text)
            if name.startswith("jobprocessor_")]

    assert "ursula-unique" not in text
    assert ours
    assert {key for _, labels in ours for key in labels} <= {"job_type", "status", "queue", "le"}


async def test_metrics_are_refused_to_a_remote_client_without_a_token(api):
    remote = httpx.AsyncClient(transport=httpx.ASGITransport(app=api.app,
                                                             client=("203.0.113.7", 4000)),
                               base_url="http://testserver")
    async with remote:
        response = await remote.get("/metrics")

    assert response.status_code == 403
    assert "JOBPROCESSOR_METRICS_TOKEN" in response.text


async def test_with_a_metrics_token_only_requests_that_send_it_read_the_metrics(api_factory):
    app = await api_factory(metrics_token="scrape-me")

    without = await app.client.get("/metrics")
    wrong = await app.client.get("/metrics", headers={"Authorization": "Bearer nope"})
    right = await app.client.get("/metrics", headers={"Authorization": "Bearer scrape-me"})

    assert without.status_code == 401
    assert wrong.status_code == 401
    assert right.status_code == 200
    assert "jobprocessor_jobs_submitted" in right.text


async def test_readiness_answers_503_naming_the_database_when_it_does_not_answer(
    api, monkeypatch
):
    class Unreachable:
        async def execute_query(self, query):
            raise OSError("connection refused")

    monkeypatch.setattr(connections, "get", lambda name: Unreachable())

    response = await api.client.get("/readyz")

    assert response.status_code == 503
    assert response.json() == {"database": "unavailable", "broker": "ok"}


async def test_readiness_answers_503_naming_the_broker_when_redis_does_not_answer(api):
    closed = "redis://127.0.0.1:1/0"
    request = SimpleNamespace(app=SimpleNamespace(state=SimpleNamespace(
        services=SimpleNamespace(settings=api.settings.with_overrides(redis_url=closed)))))

    response = await readyz(request)  # type: ignore[arg-type]

    assert response.status_code == 503
    assert json.loads(response.body) == {"database": "ok", "broker": "unavailable"}


async def test_liveness_stays_the_cheap_check(api):
    response = await api.client.get("/healthz")

    assert response.json() == {"status": "ok", "mode": "embedded"}


def test_json_log_lines_of_uvicorns_access_log_name_the_request():
    record = logging.LogRecord("uvicorn.access", logging.INFO, __file__, 1,
                               '%s - "%s %s HTTP/%s" %d',
                               ("127.0.0.1:5000", "GET", "/readyz", "1.1", 200), None)

    line = json.loads(JsonFormatter().format(record))

    assert line["logger"] == "uvicorn.access"
    assert line["event"] == '127.0.0.1:5000 - "GET /readyz HTTP/1.1" 200'
    assert (line["method"], line["path"], line["status"]) == ("GET", "/readyz", 200)
    assert set(line) >= {"ts", "level", "client"}


# --------------------------------------------------------------------------- rights, pausing

PAUSE = """mutation($name: String!) { pauseQueue(name: $name) {
  __typename ... on PauseState { kind name paused jobsResumed }
  ... on NotAllowed { message } ... on ValidationError { field message } } }"""
RESUME = """mutation($name: String!) { resumeQueue(name: $name) {
  __typename ... on PauseState { paused jobsResumed } } }"""
JOB = "query($id: ID!) { job(id: $id) { status } }"


@pytest.mark.parametrize("role, allowed", [
    ("admin", True), ("teamlead", True), ("planner", False), ("analyst", False),
])
async def test_workers_and_queues_answer_the_roles_that_oversee_others_work(
    api, user_factory, role, allowed
):
    _, token = await user_factory(role=role)

    workers = await api.post(WORKERS, token=token)
    queues = await api.post(QUEUES, token=token)

    for body in (workers, queues):
        if allowed:
            assert "errors" not in body
        else:
            assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    if allowed:
        assert [q["name"] for q in queues["data"]["queues"]] == ["jobs"]


async def test_only_administrators_pause_a_queue(api, user_factory):
    _, token = await user_factory(role="teamlead")

    result = (await api.data(PAUSE, {"name": "jobs"}, token=token))["pauseQueue"]

    assert result["__typename"] == "NotAllowed"
    assert "administrators" in result["message"]


async def test_pausing_an_unknown_queue_names_the_queues_there_are(api, user_factory):
    _, token = await user_factory()

    result = (await api.data(PAUSE, {"name": "nope"}, token=token))["pauseQueue"]

    assert result == {"__typename": "ValidationError", "field": "name",
                      "message": "There is no queue 'nope'; the queues are: jobs."}


async def test_a_paused_queue_keeps_submitted_jobs_waiting_until_an_administrator_resumes_it(
    api, user_factory, sales_team
):
    admin, token = await user_factory()
    paused = (await api.data(PAUSE, {"name": "jobs"}, token=token))["pauseQueue"]
    job_id = (await api.data(SUBMIT, token=token))["submitJob"]["id"]
    services = api.app.state.services
    await asyncio.wait_for(services.maintenance.wait_passes(3), 30)

    waiting = (await api.data(JOB, {"id": job_id}, token=token))["job"]
    queue = (await api.data(QUEUES, token=token))["queues"][0]
    resumed = (await api.data(RESUME, {"name": "jobs"}, token=token))["resumeQueue"]

    assert paused == {"__typename": "PauseState", "kind": "QUEUE", "name": "jobs",
                      "paused": True, "jobsResumed": 0}
    assert waiting["status"] == "SUBMITTED"
    assert queue["paused"] is True and queue["depth"] == 1
    assert resumed == {"__typename": "PauseState", "paused": False, "jobsResumed": 1}
    assert await final_status(int(job_id)) is JobStatus.COMPLETED
    audit = await AdminEvent.filter(actor_id=admin.id).order_by("id").values_list("kind",
                                                                                "subject")
    assert audit[-2:] == [("PAUSED", "queue jobs"), ("RESUMED", "queue jobs")]


# --------------------------------------------------------------------------- statistics

STATS = """query($days: Int!) { jobStatistics(days: $days) {
  finishedPerHour { hour completed failed cancelled }
  runTimes { jobType count p50 p90 p99 max } } }"""


async def test_job_statistics_are_aggregated_by_the_database(
    any_db_api, user_factory, job_row_factory
):
    user, token = await user_factory()
    now = datetime.now(UTC)
    this_hour = now.replace(minute=0, second=0, microsecond=0)
    for seconds in range(1, 11):
        finished = this_hour + timedelta(milliseconds=seconds)
        await job_row_factory(user, status=JobStatus.COMPLETED, finished_at=finished,
                              started_at=finished - timedelta(seconds=seconds))
    await job_row_factory(user, status=JobStatus.FAILED,
                          finished_at=this_hour - timedelta(hours=2, minutes=-5))
    await job_row_factory(user, status=JobStatus.COMPLETED,
                          finished_at=now - timedelta(days=3))  # outside one day

    day = (await any_db_api.data(STATS, {"days": 1}, token=token))["jobStatistics"]
    week = (await any_db_api.data(STATS, {"days": 7}, token=token))["jobStatistics"]

    hours = day["finishedPerHour"]
    assert len(hours) == 24
    assert datetime.fromisoformat(hours[-1]["hour"]) == this_hour
    assert hours[-1]["completed"] == 10
    assert hours[-3]["failed"] == 1
    assert sum(h["completed"] for h in hours) == 10
    assert len(week["finishedPerHour"]) == 7 * 24
    assert sum(h["completed"] for h in week["finishedPerHour"]) == 11
    seconds = {key: pytest.approx(value, abs=1e-3)
               for key, value in {"p50": 5, "p90": 9, "p99": 10, "max": 10}.items()}
    assert day["runTimes"] == [{"jobType": "REPORT", "count": 10, **seconds}]


PAUSES = "{ pauses { queues jobTypes } }"


async def test_every_user_is_told_what_is_paused_among_what_they_may_see(api, user_factory):
    _, admin = await user_factory()
    _, planner = await user_factory(role="planner")
    for mutation in ('mutation { pauseQueue(name: "jobs") { __typename } }',
                     'mutation { pauseJobType(jobType: "REPORT") { __typename } }',
                     'mutation { pauseJobType(jobType: "OPTIMIZATION") { __typename } }'):
        await api.data(mutation, token=admin)

    seen_by_admin = (await api.data(PAUSES, token=admin))["pauses"]
    seen_by_planner = (await api.data(PAUSES, token=planner))["pauses"]

    assert seen_by_admin == {"queues": ["jobs"], "jobTypes": ["OPTIMIZATION", "REPORT"]}
    assert seen_by_planner == {"queues": ["jobs"], "jobTypes": ["OPTIMIZATION"]}
