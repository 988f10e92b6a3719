"""A bounded fuzz run of the GraphQL API: Hypothesis generates queries and mutations from
the committed ``schema.graphql`` (hypothesis-graphql), valid and invalid, with random
arguments, and sends them as two different users (an analyst and a team lead): a mixed
run on SQLite and on PostgreSQL, and a run per root field (``JOBPROCESSOR_FUZZ_EXAMPLES``
examples each, 30 by default so the run stays near two minutes on a loaded 2-core machine;
``JOBPROCESSOR_FUZZ_EXAMPLES=300`` for a deep run) on SQLite.

Whatever arrives, the server must answer without a 5xx, without an internal (masked)
error, and without internal text — tracebacks, database or ORM names — in any response.

``assignRole`` and ``revokeUserTokens`` are left out of the generated mutations: a lucky
id would lock the fuzzing users out and end the run's coverage (they are tested in
``test_administration.py`` and the authorization matrix).
"""

from __future__ import annotations

import os
from datetime import UTC
from pathlib import Path
from typing import Any

import pytest
from graphql import build_schema
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis_graphql import Mode, mutations, nodes, queries
from rights_world import SCHEDULING

from api.schema import INTERNAL_ERROR_CODE, INTERNAL_ERROR_MESSAGE
from workers.engine.status import JobStatus

SCHEMA = build_schema((Path(__file__).parents[2] / "schema.graphql").read_text())
EXAMPLES_PER_FIELD = int(os.environ.get("JOBPROCESSOR_FUZZ_EXAMPLES", "30"))
LOCKOUT = {"assignRole", "revokeUserTokens"}
QUERY_FIELDS = sorted(SCHEMA.query_type.fields)  # type: ignore[union-attr]
MUTATION_FIELDS = sorted(set(SCHEMA.mutation_type.fields) - LOCKOUT)  # type: ignore[union-attr]
#: Text that must never reach a client.
INTERNALS = ("Traceback", 'File "', "tortoise", "asyncpg", "sqlite3", "aiosqlite",
             "IntegrityError", "OperationalError", "pydantic_core", INTERNAL_ERROR_MESSAGE)

DATETIMES = st.one_of(
    st.datetimes(timezones=st.sampled_from([UTC, None])).map(lambda d: d.isoformat()),
    st.text(max_size=12),
).map(nodes.String)
DATES = st.one_of(
    st.dates().map(lambda d: d.isoformat()),
    st.text(max_size=12),
).map(nodes.String)
SCALARS = {"DateTime": DATETIMES, "Date": DATES, "JSON": st.just(nodes.String("{}"))}
OPERATIONS = st.one_of(
    queries(SCHEMA, fields=QUERY_FIELDS, custom_scalars=SCALARS),
    mutations(SCHEMA, fields=MUTATION_FIELDS, custom_scalars=SCALARS),
    queries(SCHEMA, fields=QUERY_FIELDS, custom_scalars=SCALARS, mode=Mode.NEGATIVE),
    mutations(SCHEMA, fields=MUTATION_FIELDS, custom_scalars=SCALARS, mode=Mode.NEGATIVE),
)


async def _users(api: Any, user_factory: Any, job_row_factory: Any,
                 employee_factory: Any) -> dict[str, Any]:
    tokens = {}
    for role in ("analyst", "teamlead"):
        user, tokens[role] = await user_factory(f"fuzz-{role}", role=role)
        for job_type in ("REPORT", SCHEDULING):
            for status in (JobStatus.SUBMITTED, JobStatus.COMPLETED):
                await job_row_factory(user, type=job_type, status=status)
    await employee_factory(team="Sales")
    return {"api": api, "tokens": tokens}


@pytest.fixture
async def fuzz_users(any_db_api, user_factory, job_row_factory, employee_factory,
                     scheduling_type) -> dict[str, Any]:
    """The API with an analyst and a team lead, a few jobs of each, and employees."""
    return await _users(any_db_api, user_factory, job_row_factory, employee_factory)


@pytest.fixture
async def sqlite_fuzz_users(api, user_factory, job_row_factory, employee_factory,
                            scheduling_type) -> dict[str, Any]:
    """As :func:`fuzz_users`, on SQLite only."""
    return await _users(api, user_factory, job_row_factory, employee_factory)


def assert_handled_cleanly(status: int, text: str, body: Any) -> None:
    assert status < 500, text
    for internal in INTERNALS:
        assert internal not in text, text
    errors = body.get("errors") or [] if isinstance(body, dict) else []
    assert not [e for e in errors if (e.get("extensions") or {}).get("code")
                == INTERNAL_ERROR_CODE], text


@settings(max_examples=150, deadline=None, database=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(operation=OPERATIONS, who=st.sampled_from(["analyst", "teamlead"]))
async def test_fuzzed_operations_as_two_users_never_fail_inside_or_leak_internals(
    fuzz_users, operation, who
):
    api, token = fuzz_users["api"], fuzz_users["tokens"][who]

    response = await api.client.post(
        "/graphql", json={"query": operation},
        headers={"Authorization": f"Bearer {token}"},
    )

    try:
        body = response.json()
    except ValueError:
        body = None
    assert_handled_cleanly(response.status_code, response.text, body)


def _one_field(kind: str, field: str) -> st.SearchStrategy[str]:
    """Valid operations on one root field, and (where it takes arguments) invalid ones."""
    make = queries if kind == "query" else mutations
    root = SCHEMA.query_type if kind == "query" else SCHEMA.mutation_type
    assert root is not None
    valid = make(SCHEMA, fields=[field], custom_scalars=SCALARS)
    if not root.fields[field].args:
        return valid
    return st.one_of(valid, make(SCHEMA, fields=[field], custom_scalars=SCALARS,
                                 mode=Mode.NEGATIVE))


FIELDS = [("query", f) for f in QUERY_FIELDS] + [("mutation", f) for f in MUTATION_FIELDS]


STRATEGIES = {(kind, field): _one_field(kind, field) for kind, field in FIELDS}


@pytest.mark.parametrize(("kind", "field"), FIELDS, ids=[f for _, f in FIELDS])
@settings(max_examples=EXAMPLES_PER_FIELD, deadline=None, database=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                 HealthCheck.filter_too_much])
@given(data=st.data(), who=st.sampled_from(["analyst", "teamlead"]))
async def test_each_root_field_fuzzed_as_two_users_never_fails_inside(
    sqlite_fuzz_users, kind, field, data, who
):
    operation = data.draw(STRATEGIES[(kind, field)], label="operation")
    api, token = sqlite_fuzz_users["api"], sqlite_fuzz_users["tokens"][who]

    response = await api.client.post(
        "/graphql", json={"query": operation}, headers={"Authorization": f"Bearer {token}"},
    )

    try:
        body = response.json()
    except ValueError:
        body = None
    assert_handled_cleanly(response.status_code, response.text, body)
