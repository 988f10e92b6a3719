"""The limits that keep the API safe to expose: request shape and size, WebSocket rules,
browser origins, masked errors, and switching GraphiQL and introspection off.

(Bad and revoked tokens over HTTP and WebSocket, and the refused legacy protocol, are in
``test_auth.py``; the page size of ``jobs`` in ``test_jobs_pagination.py``.)
"""

from __future__ import annotations

import asyncio

import pytest
from graphql_ws_client import errors_of
from websockets.asyncio.client import connect
from websockets.exceptions import ConnectionClosed, InvalidStatus

from api.schema import INTERNAL_ERROR_MESSAGE, MAX_ALIASES, MAX_DEPTH, MAX_TOKENS

ORIGIN = "https://planning.example.com"


@pytest.fixture
def settings(settings):
    """Small limits, so that each is quick to reach."""
    return settings.with_overrides(
        max_subscriptions_per_connection=2,
        ws_init_timeout_seconds=0.3,
        ws_max_message_bytes=4096,
        max_request_bytes=65_536,
        allowed_origins=(ORIGIN,),
    )


def first_error(body: dict) -> dict:
    return body["errors"][0]


# --------------------------------------------------------------------------- request shape


async def test_a_query_nested_deeper_than_the_limit_is_refused(api, user_factory):
    _, token = await user_factory()
    nested = "id " + "resubmittedFrom { " * MAX_DEPTH + "id" + " }" * MAX_DEPTH

    body = await api.post(f'{{ job(id: "1") {{ {nested} }} }}', token=token)

    assert "exceeds maximum operation depth" in first_error(body)["message"]
    assert body.get("data") is None


async def test_more_aliases_than_the_limit_are_refused(api, user_factory):
    _, token = await user_factory()
    aliases = " ".join(f"a{n}: me {{ id }}" for n in range(MAX_ALIASES + 1))

    body = await api.post(f"{{ {aliases} }}", token=token)

    assert "aliases found" in first_error(body)["message"]


async def test_a_document_longer_than_the_token_limit_is_refused(api, user_factory):
    _, token = await user_factory()
    fields = " ".join("id" for _ in range(MAX_TOKENS))

    body = await api.post(f"{{ me {{ {fields} }} }}", token=token)

    assert f"more than {MAX_TOKENS} tokens" in first_error(body)["message"]


async def test_a_page_larger_than_the_limit_is_refused_for_audit_events_too(api, user_factory):
    _, token = await user_factory(role="admin")

    body = await api.post("{ auditEvents(first: 201) { edges { cursor } } }", token=token)

    assert "first must be between 1 and 200" in first_error(body)["message"]
    assert first_error(body)["extensions"]["code"] == "BAD_USER_INPUT"


async def test_too_many_ids_in_one_bulk_mutation_are_refused(api, user_factory):
    _, token = await user_factory()

    body = await api.post("mutation($ids: [ID!]!) { deleteJobs(ids: $ids) { __typename } }",
                          {"ids": [str(n) for n in range(1, 502)]}, token=token)

    assert "at most 500 ids" in first_error(body)["message"]


async def test_text_with_a_nul_character_is_refused_clearly(api, user_factory):
    _, token = await user_factory()

    literal = await api.post('{ jobs(filter: {types: ["A\\u0000"]}) { totalCount } }',
                             token=token)
    variable = await api.post("query($t: [String!]) { jobs(filter: {types: $t}) { totalCount } }",
                              {"t": ["A\x00"]}, token=token)

    for body in (literal, variable):
        assert first_error(body)["extensions"]["code"] == "BAD_USER_INPUT"
        assert "NUL" in first_error(body)["message"]


async def test_a_request_body_over_the_size_limit_is_refused_with_413(api):
    response = await api.client.post("/graphql", content=b"{" + b" " * 70_000 + b"}",
                                     headers={"Content-Type": "application/json"})

    assert response.status_code == 413
    assert "JOBPROCESSOR_MAX_REQUEST_BYTES" in response.json()["error"]


# --------------------------------------------------------------------------- masked errors


async def test_an_unexpected_failure_gives_a_code_and_an_id_that_the_log_explains(
    api, user_factory, monkeypatch, caplog
):
    _, token = await user_factory()

    async def broken(job_id):
        raise RuntimeError("connection to 10.0.0.7 refused; password=hunter2")

    monkeypatch.setattr("api.queries.lifecycle.load", broken)

    body = await api.post('{ job(id: "1") { id } }', token=token)

    error = first_error(body)
    assert error["message"] == INTERNAL_ERROR_MESSAGE
    assert error["extensions"]["code"] == "INTERNAL_SERVER_ERROR"
    assert "hunter2" not in str(body)
    assert f"error id {error['extensions']['errorId']}" in caplog.text
    assert "Traceback" in caplog.text and "hunter2" in caplog.text


# --------------------------------------------------------------------------- WebSocket


async def test_a_socket_without_connection_init_is_closed_after_the_timeout(live_api):
    async with live_api.socket() as ws:
        with pytest.raises(ConnectionClosed) as closed:
            await ws.receive()

    assert closed.value.rcvd is not None and closed.value.rcvd.code == 4408


async def test_subscriptions_beyond_the_cap_per_connection_are_refused(
    live_api, user_factory, job_row_factory
):
    user, token = await user_factory()
    job = await job_row_factory(user, status="SUBMITTED")
    query = "subscription($id: ID!) { jobUpdated(id: $id) { id } }"

    async with live_api.socket() as ws:
        await ws.init(token)
        for op_id in ("1", "2"):
            await ws.subscribe(query, {"id": str(job.id)}, op_id=op_id)
            await ws.message_for(op_id)
        await ws.subscribe(query, {"id": str(job.id)}, op_id="3")
        refused = await ws.message_for("3")

    assert [e["message"] for e in errors_of(refused)] == ["Subscription limit reached"]


async def test_a_websocket_message_over_the_size_limit_closes_the_connection(
    live_api, user_factory
):
    _, token = await user_factory()

    async with live_api.socket() as ws:
        await ws.init(token)
        await ws.subscribe("subscription { jobEvents { kind } }" + " " * 5000)
        with pytest.raises(ConnectionClosed) as closed:
            await ws.receive()

    assert closed.value.rcvd is not None and closed.value.rcvd.code == 1009


# --------------------------------------------------------------------------- browser origins


async def test_websockets_from_pages_of_other_origins_are_refused(live_api, user_factory):
    url = live_api.url.replace("http://", "ws://") + "/graphql"
    protocols = ["graphql-transport-ws"]

    with pytest.raises(InvalidStatus) as refused:
        await connect(url, subprotocols=protocols, origin="https://evil.example")  # type: ignore[arg-type]
    accepted = []
    for origin in (ORIGIN, live_api.url, None):
        async with connect(url, subprotocols=protocols, origin=origin) as ws:  # type: ignore[arg-type]
            accepted.append(ws.subprotocol)

    assert refused.value.response.status_code == 403
    assert accepted == ["graphql-transport-ws"] * 3


async def test_cors_admits_only_the_allowed_origins(api):
    def preflight(origin: str):
        return api.client.options("/graphql", headers={
            "Origin": origin, "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "authorization,content-type"})

    allowed = await preflight(ORIGIN)
    other = await preflight("https://evil.example")

    assert allowed.headers["access-control-allow-origin"] == ORIGIN
    assert "authorization" in allowed.headers["access-control-allow-headers"].lower()
    assert "access-control-allow-origin" not in other.headers


# --------------------------------------------------------------------------- production switches


async def test_graphiql_and_introspection_are_on_by_default(api, user_factory):
    _, token = await user_factory()

    page = await api.client.get("/graphql", headers={"Accept": "text/html"})
    body = await api.post("{ __schema { queryType { name } } }", token=token)

    assert "graphiql" in page.text.lower()
    assert body["data"]["__schema"]["queryType"]["name"] == "Query"


async def test_production_settings_turn_graphiql_introspection_and_hints_off(
    api_factory, user_factory
):
    api = await api_factory(graphiql=False, introspection=False)
    _, token = await user_factory()

    page = await api.client.get("/graphql", headers={"Accept": "text/html"})
    schema = await api.post("{ __schema { queryType { name } } }", token=token)
    typo = await api.post("{ jobz { totalCount } }", token=token)
    works = await api.data("{ me { username } }", token=token)

    assert "graphiql" not in page.text.lower()
    assert "introspection" in first_error(schema)["message"].lower()
    assert "Did you mean" not in first_error(typo)["message"]
    assert works["me"]["username"]


async def test_a_slow_client_cannot_hold_a_socket_open_without_initialising(live_api):
    started = asyncio.get_running_loop().time()
    async with live_api.socket() as ws:
        with pytest.raises(ConnectionClosed):
            await ws.receive()

    assert asyncio.get_running_loop().time() - started < 2
