"""A bounded fuzz run of the GraphQL API: Hypothesis generates queries and mutations from
the schema (hypothesis-graphql), valid and invalid, with random arguments, and sends them
as two different users (an analyst and a team lead) on SQLite and on PostgreSQL.

Whatever arrives, the server must answer without a 5xx, without an internal (masked)
error, and without internal text — tracebacks, database or ORM names — in any response.

``assignRole`` and ``revokeUserTokens`` are left out of the generated mutations: a lucky
id would lock the fuzzing users out and end the run's coverage (they are tested in
``test_administration.py`` and the authorization matrix).
"""

from __future__ import annotations

from datetime import UTC
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis_graphql import Mode, mutations, nodes, queries
from rights_world import SCHEDULING

from api.schema import INTERNAL_ERROR_CODE, INTERNAL_ERROR_MESSAGE
from api.schema import schema as graphql_schema
from workers.engine.status import JobStatus

SCHEMA = graphql_schema._schema
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


@pytest.fixture
async def fuzz_users(any_db_api, user_factory, job_row_factory, employee_factory,
                     scheduling_type) -> dict[str, Any]:
    """The API with an analyst and a team lead, a few jobs of each, and employees."""
    tokens = {}
    for role in ("analyst", "teamlead"):
        user, tokens[role] = await user_factory(f"fuzz-{role}", role=role)
        for job_type in ("REPORT", SCHEDULING):
            for status in (JobStatus.SUBMITTED, JobStatus.COMPLETED):
                await job_row_factory(user, type=job_type, status=status)
    await employee_factory(team="Sales")
    return {"api": any_db_api, "tokens": tokens}


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
