"""``jobEvents`` rendered once for many: what each subscriber of a shared group receives.

Subscribers with the same document, variables and rights share a group (api/fanout.py);
these tests prove that sharing never leaks a job or an answer meant for someone else, that
rights changes still end each stream, that conflation never goes back in time and that a
stalled socket holds up nobody else. The live tests use real sockets; the ones about slow
sockets drive the fan-out with sockets played by the test (a send that waits on a gate).
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from typing import Any

import pytest
from graphql import GraphQLError
from graphql_ws_client import errors_of
from rights_world import SCHEDULING

from api import fanout as fanout_module
from api.context import Context
from api.fanout import CURRENT_OPERATION, Fanout, Member, Operation
from api.filters import JobCriteria
from api.permissions import viewer_for
from api.rights_watch import RightsWatch
from api.schema import format_errors, schema
from api.strawberry_internals import graphql_core_schema
from workers.access import identity
from workers.engine import lifecycle
from workers.engine.events import EventHub, JobChange
from workers.engine.records import JobRecord
from workers.engine.status import JobStatus

EVENTS = "subscription { jobEvents { kind job { id viewerCanDelete user { username } } } }"


def fanout_of(live_api: Any) -> Fanout:
    found: Fanout = live_api.app.state.fanout
    return found


async def test_two_viewers_of_one_group_each_receive_only_their_own_jobs_with_their_answers(
    live_api, user_factory, job_row_factory, scheduling_type
):
    # Planners see only their own scheduling jobs and may delete them: one group, two lanes.
    alice, alice_token = await user_factory("alice", role="planner")
    bob, bob_token = await user_factory("bob", role="planner")
    alices = await job_row_factory(alice, type=SCHEDULING, status=JobStatus.SUBMITTED)
    bobs = await job_row_factory(bob, type=SCHEDULING, status=JobStatus.SUBMITTED)

    async with live_api.socket() as a, live_api.socket() as b:
        for ws, token in ((a, alice_token), (b, bob_token)):
            await ws.init(token)
            await ws.subscribe(EVENTS)
            await ws.listening()
        groups = len(fanout_of(live_api).groups)
        await lifecycle.cancel(bobs.id, None)
        await lifecycle.cancel(alices.id, None)
        to_alice = (await anext(a.results()))["jobEvents"]
        to_bob = (await anext(b.results()))["jobEvents"]

    assert groups == 1
    assert to_alice["job"] == {"id": str(alices.id), "viewerCanDelete": True,
                               "user": {"username": "alice"}}
    assert to_bob["job"] == {"id": str(bobs.id), "viewerCanDelete": True,
                             "user": {"username": "bob"}}


async def test_one_group_renders_the_owners_answers_apart_from_everyone_elses(
    live_api, user_factory, job_row_factory, scheduling_type
):
    # Team leads see everyone's scheduling jobs but may delete only their own.
    owner, owner_token = await user_factory("owner", role="teamlead")
    _, other_token = await user_factory("other", role="teamlead")
    job = await job_row_factory(owner, type=SCHEDULING, status=JobStatus.SUBMITTED)

    async with live_api.socket() as a, live_api.socket() as b:
        for ws, token in ((a, owner_token), (b, other_token)):
            await ws.init(token)
            await ws.subscribe(EVENTS)
            await ws.listening()
        groups = len(fanout_of(live_api).groups)
        await lifecycle.cancel(job.id, None)
        to_owner = (await anext(a.results()))["jobEvents"]
        to_other = (await anext(b.results()))["jobEvents"]

    assert groups == 1
    assert to_owner["job"]["viewerCanDelete"] is True
    assert to_other["job"]["viewerCanDelete"] is False


async def test_viewers_with_different_rights_never_share_a_group_or_a_job(
    live_api, user_factory, job_row_factory, scheduling_type
):
    lead, lead_token = await user_factory("lead", role="teamlead")
    planner, planner_token = await user_factory("planner", role="planner")
    leads_job = await job_row_factory(lead, type=SCHEDULING, status=JobStatus.SUBMITTED)
    planners_job = await job_row_factory(planner, type=SCHEDULING, status=JobStatus.SUBMITTED)

    async with live_api.socket() as a, live_api.socket() as b:
        for ws, token in ((a, lead_token), (b, planner_token)):
            await ws.init(token)
            await ws.subscribe(EVENTS)
            await ws.listening()
        groups = len(fanout_of(live_api).groups)
        await lifecycle.cancel(leads_job.id, None)
        await lifecycle.cancel(planners_job.id, None)
        lead_stream, planner_stream = a.results(), b.results()
        to_lead = [(await anext(lead_stream))["jobEvents"]["job"]["id"] for _ in range(2)]
        to_planner = (await anext(planner_stream))["jobEvents"]["job"]["id"]

    assert groups == 2
    assert to_lead == [str(leads_job.id), str(planners_job.id)]
    assert to_planner == str(planners_job.id)  # the team lead's job came first: never sent


async def test_revoking_a_token_ends_its_job_events_but_not_the_others_of_its_group(
    live_api, user_factory, job_row_factory
):
    revoked, revoked_token = await user_factory("revoked")
    _, kept_token = await user_factory("kept")
    job = await job_row_factory(revoked, status=JobStatus.SUBMITTED)

    async with live_api.socket() as a, live_api.socket() as b:
        for ws, token in ((a, revoked_token), (b, kept_token)):
            await ws.init(token)
            await ws.subscribe(EVENTS)
            await ws.listening()
        await identity.revoke_tokens(revoked.username)
        ended = await a.message_for("1")
        await lifecycle.cancel(job.id, None)
        still = (await anext(b.results()))["jobEvents"]

    assert [e["extensions"]["code"] for e in errors_of(ended)] == ["UNAUTHENTICATED"]
    assert still["job"]["id"] == str(job.id)


# --------------------------------------------------------------------------- played sockets


class PlayedSocket:
    """A subscriber's socket played by the test: records frames; ``stall()`` makes writes
    wait (``writing`` is set once one waits) until ``resume()``."""

    def __init__(self) -> None:
        self.frames: list[dict[str, Any]] = []
        self.gate = asyncio.Event()
        self.gate.set()
        self.writing = asyncio.Event()
        self.received = asyncio.Condition()

    def stall(self) -> None:
        self.gate.clear()

    def resume(self) -> None:
        self.gate.set()

    async def send(self, text: str) -> None:
        self.writing.set()
        await self.gate.wait()
        async with self.received:
            self.frames.append(json.loads(text))
            self.received.notify_all()

    async def wait_for(self, count: int) -> None:
        async with self.received:
            await self.received.wait_for(lambda: len(self.frames) >= count)

    def jobs(self) -> list[tuple[int, float]]:
        return [(int(f["payload"]["data"]["jobEvents"]["job"]["id"]),
                 f["payload"]["data"]["jobEvents"]["job"]["progress"]) for f in self.frames]


PROGRESS = "subscription { jobEvents { job { id progress } } }"


class Played:
    """Members of one shared group whose sockets the test plays, and their events."""

    def __init__(self, fanout: Fanout, context: Context) -> None:
        self.fanout = fanout
        self.context = context
        self.runs: list[asyncio.Task[None]] = []

    async def join(self) -> tuple[Member, PlayedSocket, asyncio.Task[None]]:
        socket = PlayedSocket()
        joined: asyncio.Future[Member] = asyncio.get_running_loop().create_future()

        async def run() -> None:
            CURRENT_OPERATION.set(Operation("1", PROGRESS, None, None))
            async with self.fanout.join(self.context, JobCriteria(), send=socket.send) as member:
                joined.set_result(member)
                await member.run()

        task = asyncio.create_task(run())
        self.runs.append(task)
        return await joined, socket, task

    def publish(self, job_id: int, progress: float, version: int = 1) -> None:
        now = datetime.now(UTC)
        self.fanout.hub.dispatch(JobChange("updated", JobRecord(
            id=job_id, type="REPORT", feature="Monitoring > Reports", params={}, settings={},
            user_id=self.context.viewer.id, username="u", status=JobStatus.RUNNING,
            submitted_at=now, started_at=now, progress=progress, attempt=1, version=version,
        )))


@pytest.fixture
async def played(services, user_factory) -> AsyncIterator[Played]:
    hub = EventHub()
    watch = RightsWatch(hub, 60)
    fanout = Fanout(hub, watch, graphql_core_schema(schema), format_errors)
    user, _ = await user_factory()
    context = Context(request=None, response=None, services=services,  # type: ignore[arg-type]
                      secret_key="k", rights_watch=watch, user=await viewer_for(user))
    found = Played(fanout, context)
    yield found
    for task in found.runs:
        task.cancel()
    await asyncio.gather(*found.runs, return_exceptions=True)
    await fanout.stop()


async def test_a_slow_subscriber_gets_the_latest_state_and_never_an_older_after_a_newer(
    played, eventually
):
    member, socket, _ = await played.join()
    socket.stall()
    played.publish(7, 0.1, version=1)
    await socket.writing.wait()  # version 1 is on its way; the socket takes nothing more
    handled = played.fanout.events_handled
    for version, progress in ((2, 0.2), (3, 0.3), (4, 0.4)):
        played.publish(7, progress, version)
    await eventually(lambda: played.fanout.events_handled == handled + 3
                     and member.backlog == 1)
    for version, progress in ((3, 0.3), (5, 0.5)):  # version 3 arrives again, late
        handled = played.fanout.events_handled
        played.publish(7, progress, version)
        await eventually(lambda: played.fanout.events_handled > handled)  # noqa: B023
    socket.resume()
    await socket.wait_for(2)

    assert socket.jobs() == [(7, 0.1), (7, 0.5)]


async def test_a_stalled_socket_delays_no_other_subscriber_and_ends_lagged(
    played, monkeypatch
):
    monkeypatch.setattr(fanout_module, "MEMBER_BACKLOG", 3)
    stalled, stalled_socket, stalled_run = await played.join()
    _, reading_socket, _ = await played.join()
    stalled_socket.stall()
    for job_id in range(1, 7):  # six jobs: more than the stalled one may hold back
        played.publish(job_id, 0.5, version=2)
        await reading_socket.wait_for(job_id)
    stalled_frames = len(stalled_socket.frames)
    stalled_socket.resume()
    with pytest.raises(GraphQLError) as ended:
        await stalled_run

    assert [job_id for job_id, _ in reading_socket.jobs()] == [1, 2, 3, 4, 5, 6]
    assert stalled_frames == 0
    assert ended.value.extensions == {"code": "SUBSCRIBER_LAGGED"}
    assert stalled not in played.fanout.groups[next(iter(played.fanout.groups))].members


async def test_download_links_in_a_shared_group_are_signed_for_each_subscriber(
    live_api, user_factory, job_row_factory
):
    first, first_token = await user_factory("first")
    second, second_token = await user_factory("second")
    job = await job_row_factory(first, status=JobStatus.SUBMITTED)
    links = "subscription { jobEvents { job { id result { files { downloadUrl } } } } }"

    async with live_api.socket() as a, live_api.socket() as b:
        for ws, token in ((a, first_token), (b, second_token)):
            await ws.init(token)
            await ws.subscribe(links)
            await ws.listening()
        groups = len(fanout_of(live_api).groups)
        record = await lifecycle.claim(job.id, "test-worker")
        assert record is not None
        await lifecycle.complete(record, {"summary": "Done.", "data": {}},
                                 files=[("out.csv", "text/csv", b"a,b\n")])
        received = {}
        for ws, user in ((a, first), (b, second)):
            stream = ws.results()
            while True:  # the claim's event carries no result yet
                job_now = (await anext(stream))["jobEvents"]["job"]
                if job_now["result"] is not None:
                    break
            received[user.id] = job_now["result"]["files"][0]["downloadUrl"]

    assert groups == 1
    assert f"user={first.id}" in received[first.id]
    assert f"user={second.id}" in received[second.id]
