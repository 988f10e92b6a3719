"""Who may call the API: API tokens over HTTP headers and WebSocket connection_init."""

from __future__ import annotations

import pytest
from websockets.asyncio.client import connect
from websockets.exceptions import ConnectionClosed

from workers.access import identity

ME = "{ me { username name role } }"


async def test_a_valid_bearer_token_identifies_the_user(api, user_factory):
    _, token = await user_factory("alice", role="teamlead", name="Alice Example")

    data = await api.data(ME, token=token)

    assert data["me"] == {"username": "alice", "name": "Alice Example", "role": "teamlead"}


async def test_a_request_without_token_is_told_how_to_send_one(api):
    body = await api.post(ME)

    [error] = body["errors"]
    assert error["extensions"]["code"] == "UNAUTHENTICATED"
    assert "Authorization: Bearer <token>" in error["message"]
    assert body["data"] is None


async def test_an_unknown_token_is_rejected(api, user_factory):
    await user_factory()

    body = await api.post(ME, token="jp_not-a-real-token")

    [error] = body["errors"]
    assert error["extensions"]["code"] == "UNAUTHENTICATED"
    assert "unknown or revoked" in error["message"]


async def test_a_revoked_token_stops_working(api, user_factory):
    user, token = await user_factory()
    await identity.revoke_tokens(user.username)

    body = await api.post(ME, token=token)

    assert body["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"


async def test_every_field_needs_a_token(api):
    queries = [
        '{ job(id: "1") { id } }',
        "{ jobs { totalCount } }",
        "{ jobTypes { type } }",
        "{ users { id } }",
        "{ roles { name } }",
        "{ auditEvents { edges { cursor } } }",
        'mutation { cancelJobs(ids: ["1"]) { __typename } }',
        'mutation { deleteJobs(ids: ["1"]) { __typename } }',
        'mutation { resubmitJobs(ids: ["1"]) { __typename } }',
        "mutation { submitJob(input: {params: {report: {}}}) { __typename } }",
        'mutation { assignRole(userId: "1", role: "admin") { __typename } }',
        'mutation { revokeUserTokens(userId: "1") { __typename } }',
    ]
    for query in queries:
        body = await api.post(query)
        assert body["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED", query


async def test_graphiql_loads_in_a_browser_without_a_token(api):
    response = await api.client.get("/graphql", headers={"Accept": "text/html"})

    assert response.status_code == 200
    assert "graphiql" in response.text.lower()


# --------------------------------------------------------------------------- WebSocket


async def test_a_websocket_with_a_valid_token_is_acknowledged(live_api, user_factory):
    _, token = await user_factory()

    async with live_api.socket() as ws:
        answer = await ws.init(token)

    assert answer == {"type": "connection_ack"}


async def test_a_websocket_accepts_the_headers_graphiql_sends_as_connection_params(
    live_api, user_factory
):
    _, token = await user_factory()

    async with live_api.socket() as ws:
        await ws.send({"type": "connection_init",
                       "payload": {"Authorization": f"Bearer {token}"}})
        answer = await ws.receive()

    assert answer == {"type": "connection_ack"}


@pytest.mark.parametrize(
    ("token", "reason"),
    [
        (None, 'send {"authorization": "Bearer <token>"}'),
        ("jp_wrong", "unknown or revoked"),
    ],
    ids=["missing", "unknown"],
)
async def test_a_websocket_without_a_valid_token_is_closed_with_4403(
    live_api, user_factory, token, reason
):
    await user_factory()

    async with live_api.socket() as ws:
        with pytest.raises(ConnectionClosed) as closed:
            await ws.init(token)

    assert closed.value.rcvd is not None
    assert closed.value.rcvd.code == 4403
    assert reason in closed.value.rcvd.reason


async def test_a_websocket_with_a_revoked_token_is_closed(live_api, user_factory):
    user, token = await user_factory()
    await identity.revoke_tokens(user.username)

    async with live_api.socket() as ws:
        with pytest.raises(ConnectionClosed) as closed:
            await ws.init(token)

    assert closed.value.rcvd is not None and closed.value.rcvd.code == 4403


async def test_only_the_graphql_transport_ws_protocol_is_spoken(live_api):
    url = live_api.url.replace("http://", "ws://") + "/graphql"
    async with connect(url, subprotocols=["graphql-ws"]) as ws:  # type: ignore[list-item]
        assert ws.subprotocol is None
        with pytest.raises(ConnectionClosed) as closed:
            await ws.recv()
    assert closed.value.rcvd is not None and closed.value.rcvd.code == 4406
