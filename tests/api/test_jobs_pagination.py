"""``jobs``: sorting by every overview column, both directions, paged by keyset.

Runs on SQLite and PostgreSQL: NULL start and finish times must sort the same way on both
(as later than every time), and paging must neither skip nor repeat a job.
"""

from __future__ import annotations

import base64
import json
import logging
import random
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from tortoise import connections

from api import pagination
from workers.engine.status import JobStatus

FIELDS = {
    "ID": "id",
    "TYPE": "type",
    "STATUS": "status",
    "USER": "user_id",
    "SUBMITTED_AT": "submitted_at",
    "STARTED_AT": "started_at",
    "FINISHED_AT": "finished_at",
    "PROGRESS": "progress",
}

PAGE_QUERY = """
query Page($order: JobOrder, $first: Int!, $after: String, $filter: JobFilter) {
  jobs(orderBy: $order, first: $first, after: $after, filter: $filter) {
    edges { cursor node { id } }
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
  }
}
"""


async def make_varied_jobs(job_row_factory, users, count: int = 45) -> list[Any]:
    """Jobs with many ties and NULLs in every sortable column."""
    rng = random.Random(7)
    # Recent: retention cleanup deletes jobs that finished more than 30 days ago.
    base = datetime.now(UTC).replace(microsecond=0) - timedelta(days=1)
    times = [base + timedelta(minutes=m, microseconds=us) for m in range(4) for us in (0, 250)]
    statuses = list(JobStatus)
    rows = []
    for _ in range(count):
        status = rng.choice(statuses)
        started = None if status is JobStatus.SUBMITTED else rng.choice(times)
        finished = rng.choice(times) if status.is_final and rng.random() < 0.8 else None
        rows.append(
            await job_row_factory(
                rng.choice(users),
                type=rng.choice(["REPORT", "EMPLOYEES_MASS_UPDATE"]),
                status=status,
                submitted_at=rng.choice(times),
                started_at=started,
                finished_at=finished,
                progress=rng.choice([0.0, 0.25, 0.5, 1.0]),
            )
        )
    return rows


def expected_order(rows: list[Any], column: str, direction: str) -> list[str]:
    """NULLs are later than every value; ties go by id in the same direction."""

    def key(row: Any) -> tuple[Any, ...]:
        value = getattr(row, column)
        value = value.value if isinstance(value, JobStatus) else value
        return (value is None, value if value is not None else 0, row.id)

    ordered = sorted(rows, key=key)
    if direction == "DESC":
        ordered.reverse()
    return [str(row.id) for row in ordered]


async def read_all_pages(
    api, token: str, order: dict[str, str], first: int, job_filter: dict[str, Any] | None = None
) -> list[str]:
    ids: list[str] = []
    after = None
    for _ in range(100):
        data = await api.data(
            PAGE_QUERY,
            {"order": order, "first": first, "after": after, "filter": job_filter},
            token=token,
        )
        page = data["jobs"]
        ids.extend(edge["node"]["id"] for edge in page["edges"])
        assert page["pageInfo"]["hasPreviousPage"] is (after is not None)
        if not page["pageInfo"]["hasNextPage"]:
            return ids
        assert page["pageInfo"]["endCursor"] == page["edges"][-1]["cursor"]
        after = page["pageInfo"]["endCursor"]
    raise AssertionError("paging did not end")


@pytest.mark.parametrize("direction", ["ASC", "DESC"])
async def test_paging_through_every_sort_order_yields_each_job_once_in_order(
    any_db_api, user_factory, job_row_factory, direction
):
    users = [(await user_factory())[0] for _ in range(3)]
    _, token = await user_factory()
    rows = await make_varied_jobs(job_row_factory, users)

    for field, column in FIELDS.items():
        ids = await read_all_pages(any_db_api, token, {"field": field, "direction": direction}, 7)
        assert ids == expected_order(rows, column, direction), field


async def test_paging_a_filtered_list_stays_within_the_filter(
    any_db_api, user_factory, job_row_factory
):
    users = [(await user_factory())[0] for _ in range(3)]
    _, token = await user_factory()
    rows = await make_varied_jobs(job_row_factory, users)
    unprocessed = [r for r in rows if not JobStatus(r.status).is_final]

    ids = await read_all_pages(
        any_db_api, token, {"field": "FINISHED_AT", "direction": "DESC"}, 4,
        {"statusGroup": "UNPROCESSED"},
    )

    assert ids == expected_order(unprocessed, "finished_at", "DESC")


async def test_the_default_order_is_newest_job_first(api, user_factory, job_row_factory):
    user, token = await user_factory()
    jobs = [await job_row_factory(user) for _ in range(3)]

    data = await api.data("{ jobs { edges { node { id } } } }", token=token)

    assert [e["node"]["id"] for e in data["jobs"]["edges"]] == [str(j.id) for j in reversed(jobs)]


async def test_total_count_counts_the_whole_filtered_list_not_the_page(
    api, user_factory, job_row_factory
):
    user, token = await user_factory()
    for _ in range(5):
        await job_row_factory(user, status=JobStatus.FAILED)
    await job_row_factory(user, status=JobStatus.RUNNING)

    data = await api.data(
        '{ jobs(first: 2, filter: {statuses: [FAILED]}) { totalCount edges { cursor } } }',
        token=token,
    )

    assert data["jobs"]["totalCount"] == 5
    assert len(data["jobs"]["edges"]) == 2


@pytest.mark.parametrize("first", [0, -1, 201])
async def test_a_page_size_outside_1_to_200_is_refused_clearly(api, user_factory, first):
    _, token = await user_factory()

    body = await api.post(PAGE_QUERY, {"first": first}, token=token)

    [error] = body["errors"]
    assert error["extensions"]["code"] == "BAD_USER_INPUT"
    assert "first must be between 1 and 200" in error["message"]


def forged(**content: Any) -> str:
    """A cursor-like string with the given content (as a client might tamper with one)."""
    raw = json.dumps(content).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


@pytest.mark.parametrize(
    "after",
    [
        "garbage",
        forged(o="ID"),
        forged(),
        forged(o="PROGRESS", d="DESC", v=float("nan"), i=1),
        forged(o="ID", d="DESC", v=1, i=2**40),
        forged(o="STARTED_AT", d="DESC", v="2026-01-01T00:00:00", i=3),
        forged(o="TYPE", d="DESC", v=None, i=3),
    ],
    ids=["not-base64-json", "incomplete", "empty", "nan", "huge-id", "naive-time",
         "null-in-not-null-column"],
)
async def test_a_malformed_cursor_is_refused_clearly(api, user_factory, after):
    _, token = await user_factory()

    body = await api.post(PAGE_QUERY, {"first": 5, "after": after}, token=token)

    [error] = body["errors"]
    assert error["extensions"]["code"] == "BAD_USER_INPUT"
    assert "not a cursor of this list" in error["message"]


async def test_a_cursor_cannot_be_reused_with_another_sort_order(
    api, user_factory, job_row_factory
):
    user, token = await user_factory()
    for _ in range(3):
        await job_row_factory(user)
    first_page = await api.data(
        PAGE_QUERY, {"first": 1, "order": {"field": "PROGRESS", "direction": "ASC"}}, token=token
    )
    cursor = first_page["jobs"]["pageInfo"]["endCursor"]

    body = await api.post(
        PAGE_QUERY,
        {"first": 1, "after": cursor, "order": {"field": "TYPE", "direction": "ASC"}},
        token=token,
    )

    assert "sorted differently (PROGRESS ASC)" in body["errors"][0]["message"]


async def test_a_page_costs_the_same_few_queries_however_many_jobs_it_shows(
    api_factory, user_factory, job_row_factory, caplog
):
    # No background passes (maintenance, rights watch) while queries are counted.
    api = await api_factory(maintenance_interval_seconds=3600, rights_poll_seconds=3600)
    users = [(await user_factory())[0] for _ in range(4)]
    _, token = await user_factory()
    original = await job_row_factory(users[0])
    for index in range(30):
        await job_row_factory(users[index % 4], resubmitted_from_id=original.id)
    query = """query($first: Int!) { jobs(first: $first) { edges { node {
        id user { name role } events { kind actor { username } }
        resubmittedFrom { id user { name } } } } } }"""

    async def queries_for(first: int) -> int:
        caplog.clear()
        with caplog.at_level(logging.DEBUG, logger="tortoise.db_client"):
            await api.data(query, {"first": first}, token=token)
        return sum(1 for r in caplog.records if r.name == "tortoise.db_client")

    assert await queries_for(25) == await queries_for(3)
    assert await queries_for(25) <= 6


COUNT = "{ jobs(first: 1, filter: {statuses: [FAILED]}) { totalCount totalCountIsEstimate } }"


async def test_total_count_is_exact_up_to_the_limit_on_both_databases(
    any_db_api, user_factory, job_row_factory, monkeypatch
):
    monkeypatch.setattr(pagination, "EXACT_COUNT_LIMIT", 3)
    user, token = await user_factory()
    for _ in range(3):
        await job_row_factory(user, status=JobStatus.FAILED)
    await job_row_factory(user, status=JobStatus.RUNNING)

    data = await any_db_api.data(COUNT, token=token)

    assert data["jobs"] == {"totalCount": 3, "totalCountIsEstimate": False}


async def test_beyond_the_limit_postgresql_estimates_the_count_and_says_so(
    pg_api, user_factory, job_row_factory, monkeypatch
):
    monkeypatch.setattr(pagination, "EXACT_COUNT_LIMIT", 3)
    user, token = await user_factory()
    for _ in range(6):
        await job_row_factory(user, status=JobStatus.FAILED)

    data = await pg_api.data(COUNT, token=token)

    assert data["jobs"]["totalCountIsEstimate"] is True
    assert data["jobs"]["totalCount"] >= 4  # the planner's guess, never below the limit


async def test_when_postgresql_expects_more_than_the_limit_it_gives_its_estimate_uncounted(
    pg_api, user_factory, job_row_factory, monkeypatch
):
    monkeypatch.setattr(pagination, "EXACT_COUNT_LIMIT", 3)
    user, token = await user_factory()
    jobs = [await job_row_factory(user, status=JobStatus.FAILED) for _ in range(6)]
    await connections.get("default").execute_script("ANALYZE jp_job")
    for job in jobs[:4]:  # the statistics still say six
        await job.delete()

    data = await pg_api.data(COUNT, token=token)

    assert data["jobs"]["totalCountIsEstimate"] is True
    assert data["jobs"]["totalCount"] >= 4


async def test_beyond_the_limit_sqlite_still_counts_exactly(
    api, user_factory, job_row_factory, monkeypatch
):
    monkeypatch.setattr(pagination, "EXACT_COUNT_LIMIT", 3)
    user, token = await user_factory()
    for _ in range(6):
        await job_row_factory(user, status=JobStatus.FAILED)

    data = await api.data(COUNT, token=token)

    assert data["jobs"] == {"totalCount": 6, "totalCountIsEstimate": False}
