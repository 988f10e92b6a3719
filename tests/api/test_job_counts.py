"""``totalCount`` is counted once for everyone looking at the same list while nothing it may
count changes, and counted again as soon as something does — here or in another process."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

import pytest

from api import counts, pagination
from workers.engine.events import EventHub, JobChange
from workers.engine.records import JobRecord
from workers.engine.status import JobStatus

SUBMIT = """mutation($params: JobParamsInput!) {
  submitJob(input: {params: $params, settings: {startAt: "2099-01-01T00:00:00Z"}}) {
    __typename ... on Job { id } ... on ValidationError { field message } } }"""
CANCEL = """mutation($ids: [ID!]!) { cancelJobs(ids: $ids, onlyIfNotStarted: false) {
  __typename } }"""
REPORT: dict[str, dict[str, str]] = {"report": {}}


def count_of(job_filter: str = "") -> str:
    return f"{{ jobs(first: 1{job_filter}) {{ totalCount }} }}"


@pytest.fixture
def database_counts(monkeypatch) -> list[object]:
    """One item per count the database was asked for."""
    asked: list[object] = []
    real = pagination.count_jobs

    async def counting(query):
        asked.append(query)
        return await real(query)

    monkeypatch.setattr(pagination, "count_jobs", counting)
    return asked


async def total(api, token: str, query: str) -> int:
    return int((await api.data(query, token=token))["jobs"]["totalCount"])


async def test_viewers_who_see_the_same_list_share_one_count(
    api, user_factory, job_row_factory, database_counts
):
    ann, ann_token = await user_factory()
    _, bob_token = await user_factory()
    for _ in range(3):
        await job_row_factory(ann, status=JobStatus.FAILED)

    totals = [await total(api, token, count_of(", filter: {statuses: [FAILED]}"))
              for token in (ann_token, bob_token, ann_token)]

    assert totals == [3, 3, 3]
    assert len(database_counts) == 1


async def test_a_job_submitted_into_the_list_is_counted_at_once(api, user_factory,
                                                                database_counts):
    _, token = await user_factory()
    before = await total(api, token, count_of())

    await api.data(SUBMIT, {"params": REPORT}, token=token)

    assert await total(api, token, count_of()) == before + 1
    assert len(database_counts) == 2


async def test_a_job_moving_into_a_status_filter_is_counted_at_once(api, user_factory):
    _, token = await user_factory()
    job = (await api.data(SUBMIT, {"params": REPORT}, token=token))["submitJob"]
    cancelled = count_of(", filter: {statuses: [CANCELLED]}")
    assert await total(api, token, cancelled) == 0

    await api.data(CANCEL, {"ids": [job["id"]]}, token=token)

    assert await total(api, token, cancelled) == 1


async def test_a_change_to_a_job_the_list_cannot_hold_keeps_its_count(
    api, user_factory, database_counts
):
    _, token = await user_factory()
    optimizations = count_of(', filter: {types: ["OPTIMIZATION"]}')
    assert await total(api, token, optimizations) == 0

    await api.data(SUBMIT, {"params": REPORT}, token=token)

    assert await total(api, token, optimizations) == 0
    assert len(database_counts) == 1


async def test_a_count_is_not_given_out_past_its_freshness(
    api, user_factory, database_counts, monkeypatch
):
    monkeypatch.setattr(counts, "FRESH_SECONDS", 0.0)
    _, token = await user_factory()

    await total(api, token, count_of())
    await total(api, token, count_of())

    assert len(database_counts) == 2


def _record(job_id: int) -> JobRecord:
    return JobRecord(id=job_id, type="REPORT", feature="Monitoring > Reports", params={},
                     settings={}, user_id=1, username="ann", status=JobStatus.SUBMITTED,
                     submitted_at=datetime.now(UTC))


async def test_a_count_taken_while_a_job_it_may_hold_changed_is_not_kept():
    cache = counts.CountCache(EventHub())
    started, finish = asyncio.Event(), asyncio.Event()
    computed: list[int] = []

    async def slow_count() -> tuple[int, bool]:
        computed.append(1)
        started.set()
        await finish.wait()
        return 7, False

    first = asyncio.ensure_future(cache.count("jobs", lambda job: True, slow_count))
    await started.wait()
    cache.offer(JobChange("created", _record(1)))  # lands while the count runs
    finish.set()
    assert await first == (7, False)

    await cache.count("jobs", lambda job: True, slow_count)

    assert len(computed) == 2


async def test_a_change_the_count_cannot_hold_lets_a_count_taken_meanwhile_be_kept():
    cache = counts.CountCache(EventHub())
    started, finish = asyncio.Event(), asyncio.Event()
    computed: list[int] = []

    async def slow_count() -> tuple[int, bool]:
        computed.append(1)
        started.set()
        await finish.wait()
        return 7, False

    def holds(job: JobRecord) -> bool:
        return job.id != 2

    first = asyncio.ensure_future(cache.count("jobs", holds, slow_count))
    await started.wait()
    cache.offer(JobChange("created", _record(2)))
    finish.set()
    await first

    assert await cache.count("jobs", holds, slow_count) == (7, False)
    assert len(computed) == 1

