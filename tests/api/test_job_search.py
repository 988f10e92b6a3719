"""The overview's search finds, on SQLite and on PostgreSQL alike, exactly the jobs whose
text contains every word — the same jobs its live updates match — whatever characters the
words hold, page after page in the chosen order."""

from __future__ import annotations

from typing import Any

import pytest

from api.filters import JobCriteria
from api.inputs import JobFilter
from workers.engine import search
from workers.engine.models import Job
from workers.engine.records import JobRecord
from workers.engine.registry import JOB_TYPES

SUBJECTS = [
    "O'Brien's plan · batch-417",
    "path\\to\\file · batch-4170",
    "50%_done · xbatch-417y",
    "a:*b & c|d !e <-> (x)",
    "Ünïcode Straße · 2026-12-03",
    "optimization batch-42",
    "batch-42",
]

SEARCHES = [
    "batch-417", "BATCH-41", "atch-4", "o'brien's", "'", "path\\to", "\\", "50%_", "%", "_",
    "a:*b", ":*", "&", "c|d", "!e", "<->", "(x)", "straße", "ünï", "2026-12-03",
    "optimization batch-42", "batch-42 report", "report", "nothing-like-this",
]

PAGE = """query($filter: JobFilter, $after: String) {
  jobs(filter: $filter, first: 2, after: $after, orderBy: {field: SUBMITTED_AT, direction: ASC}) {
    totalCount edges { node { id } } pageInfo { hasNextPage endCursor } } }"""


async def searched_ids(api, token: str, words: str) -> tuple[list[int], int]:
    """Every job the search lists, page by page, and the list's ``totalCount``."""
    ids: list[int] = []
    after = None
    while True:
        jobs = (await api.data(PAGE, {"filter": {"search": words}, "after": after},
                               token=token))["jobs"]
        ids += [int(edge["node"]["id"]) for edge in jobs["edges"]]
        if not jobs["pageInfo"]["hasNextPage"]:
            return ids, jobs["totalCount"]
        after = jobs["pageInfo"]["endCursor"]


@pytest.fixture
async def searchable_jobs(user_factory, job_row_factory) -> tuple[str, list[Job]]:
    user, token = await user_factory()
    jobs = []
    for subject in SUBJECTS:
        params: dict[str, Any] = {"report": "EMPLOYEE_LIST", "team": None, "activeOnly": True}
        text = search.search_text(job_type="REPORT", title=JOB_TYPES["REPORT"].title,
                                  feature="Monitoring",
                                  subject=subject, params=params)
        jobs.append(await job_row_factory(user, subject=subject, feature="Monitoring",
                                          params=params, search_text=text))
    return token, jobs


@pytest.mark.parametrize("words", SEARCHES)
async def test_a_search_lists_exactly_the_jobs_containing_every_word_on_both_databases(
    any_db_api, searchable_jobs, words
):
    token, jobs = searchable_jobs
    terms = search.search_terms(words)
    expected = [job.id for job in jobs if search.matches(job.search_text, terms)]

    ids, total = await searched_ids(any_db_api, token, words)

    assert ids == expected
    assert total == len(expected)


async def test_the_live_predicate_agrees_with_the_list_for_every_search(
    any_db_api, searchable_jobs
):
    token, jobs = searchable_jobs
    records = {job.id: JobRecord.from_model(job, "user") for job in jobs}

    for words in SEARCHES:
        criteria = JobCriteria.from_input(JobFilter(search=words))
        ids, _ = await searched_ids(any_db_api, token, words)

        assert ids == [i for i, record in records.items() if criteria.matches(record)], words
