"""Rights on live connections: both subscriptions per built-in role, and what happens to
open streams, signed links and sockets when rights change or tokens are revoked.

The rights watch of the test server polls every 0.1 s (``rights_poll_seconds`` in the test
settings), so a change reaches open subscriptions without any job event.
"""

from __future__ import annotations

from typing import Any

import pytest
from graphql_ws_client import GraphQLSocket, errors_of
from rights_world import EVERY_JOB, ROLES, SCHEDULING, SEES

from workers.access import administration, identity
from workers.engine import lifecycle
from workers.engine.models import JobFile
from workers.engine.status import JobStatus

JOB_UPDATED = "subscription($id: ID!) { jobUpdated(id: $id) { id status } }"
JOB_EVENTS = "subscription { jobEvents { kind job { id status } } }"


async def first_messages(ws: GraphQLSocket, op_ids: set[str]) -> dict[str, dict[str, Any]]:
    """The first message of each operation, however they interleave."""
    found: dict[str, dict[str, Any]] = {}
    while set(found) != op_ids:
        message = await ws.receive()
        if message.get("id") in op_ids:
            found.setdefault(message["id"], message)
    return found


def marker_key(role: str) -> tuple[str, str]:
    """A job of the viewer's own that the role sees."""
    return ("own", "REPORT") if role == "analyst" else ("own", SCHEDULING)


@pytest.mark.parametrize("role", ROLES)
async def test_job_updated_follows_only_the_jobs_the_role_may_see(live_api, world_factory, role):
    world = await world_factory(role)
    ops = {str(n): key for n, key in enumerate(sorted(EVERY_JOB), start=1)}

    async with live_api.socket() as ws:
        await ws.init(world.token)
        for op_id, key in ops.items():
            await ws.subscribe(JOB_UPDATED, {"id": world.id_of(key)}, op_id=op_id)
        firsts = await first_messages(ws, set(ops))

    for op_id, key in ops.items():
        message = firsts[op_id]
        if key in SEES[role]:
            assert message["payload"]["data"]["jobUpdated"]["id"] == world.id_of(key), key
        else:
            assert [e["extensions"]["code"] for e in errors_of(message)] == ["JOB_NOT_FOUND"]


@pytest.mark.parametrize("role", ROLES)
async def test_job_events_streams_only_the_jobs_the_role_may_see(live_api, world_factory, role):
    world = await world_factory(role)
    marker = world.jobs[marker_key(role)]

    async with live_api.socket() as ws:
        await ws.init(world.token)
        await ws.subscribe(JOB_EVENTS)
        await ws.listening()
        stream = ws.results()
        for key in sorted(EVERY_JOB):
            await lifecycle.cancel(world.jobs[key].id, None)
        await lifecycle.delete(marker.id, None)
        seen: list[tuple[str, str]] = []
        while ("DELETED", str(marker.id)) not in seen:
            event = (await anext(stream))["jobEvents"]
            seen.append((event["kind"], event["job"]["id"]))

    assert {job_id for kind, job_id in seen if kind == "UPDATED"} == world.visible_ids()


async def test_losing_the_right_to_see_a_job_ends_its_job_updated_stream(
    live_api, world_factory
):
    world = await world_factory("planner")
    job = world.jobs[("own", SCHEDULING)]

    async with live_api.socket() as ws:
        await ws.init(world.token)
        await ws.subscribe(JOB_UPDATED, {"id": str(job.id)})
        stored = await ws.message_for("1")
        await administration.assign_role(world.viewer, "analyst", actor_id=None)
        ended = await ws.message_for("1")

    assert stored["payload"]["data"]["jobUpdated"]["status"] == "SUBMITTED"
    assert [e["extensions"]["code"] for e in errors_of(ended)] == ["RIGHTS_CHANGED"]
    assert f"no longer see job {job.id}" in errors_of(ended)[0]["message"]


async def test_a_change_of_rights_ends_the_job_events_stream_so_the_client_queries_again(
    live_api, world_factory
):
    world = await world_factory("teamlead")

    async with live_api.socket() as ws:
        await ws.init(world.token)
        await ws.subscribe(JOB_EVENTS)
        await ws.listening()
        await administration.assign_role(world.viewer, "planner", actor_id=None)
        ended = await ws.message_for("1")

    assert [e["extensions"]["code"] for e in errors_of(ended)] == ["RIGHTS_CHANGED"]


async def test_someone_elses_role_change_leaves_a_stream_running(live_api, world_factory):
    world = await world_factory("planner")
    job = world.jobs[("own", SCHEDULING)]

    async with live_api.socket() as ws:
        await ws.init(world.token)
        await ws.subscribe(JOB_UPDATED, {"id": str(job.id)})
        await ws.message_for("1")
        await administration.assign_role(world.colleague, "analyst", actor_id=None)
        await live_api.app.state.rights_watch.check()  # the version moved: all woken
        await lifecycle.cancel(job.id, world.viewer.id)
        update = await ws.message_for("1")

    assert update["payload"]["data"]["jobUpdated"]["status"] == "CANCELLED"


async def test_revoking_a_token_ends_its_subscriptions_and_its_socket_stops_answering(
    live_api, world_factory
):
    world = await world_factory("analyst")
    job = world.jobs[("own", "REPORT")]

    async with live_api.socket() as ws:
        await ws.init(world.token)
        await ws.subscribe(JOB_UPDATED, {"id": str(job.id)})
        await ws.message_for("1")
        await identity.revoke_tokens(world.viewer.username)
        ended = await ws.message_for("1")
        await ws.subscribe("query { me { username } }", op_id="2")
        refused = await ws.message_for("2")

    assert [e["extensions"]["code"] for e in errors_of(ended)] == ["UNAUTHENTICATED"]
    assert [e["extensions"]["code"] for e in errors_of(refused)] == ["UNAUTHENTICATED"]


async def test_a_new_role_applies_to_the_next_http_request(api, world_factory):
    world = await world_factory("planner")
    query = "{ jobs { totalCount } }"
    before = await api.data(query, token=world.token)

    await administration.assign_role(world.viewer, "teamlead", actor_id=None)
    after = await api.data(query, token=world.token)

    assert (before["jobs"]["totalCount"], after["jobs"]["totalCount"]) == (1, 2)


async def test_a_signed_link_stops_working_once_its_user_may_no_longer_see_the_job(
    api, world_factory
):
    world = await world_factory("analyst", status=JobStatus.COMPLETED, result={
        "summary": "done", "data": {},
        "files": [{"name": "out.csv", "contentType": "text/csv", "size": 4}]})
    job = world.jobs[("own", "REPORT")]
    await JobFile.create(job_id=job.id, name="out.csv", content=b"a,b\n",
                         content_type="text/csv", size=4)
    data = await api.data(
        'query($id: ID!) { job(id: $id) { result { files { downloadUrl } } } }',
        {"id": str(job.id)}, token=world.token)
    url = data["job"]["result"]["files"][0]["downloadUrl"]
    works = (await api.client.get(url)).status_code

    await administration.assign_role(world.viewer, "planner", actor_id=None)

    assert (works, (await api.client.get(url)).status_code) == (200, 404)
