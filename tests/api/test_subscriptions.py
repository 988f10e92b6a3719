"""Live updates over WebSocket: ``jobUpdated`` for one job, ``jobEvents`` for the overview.

The tests play the worker themselves (claim, progress, complete through the lifecycle) so
that every step is known and awaited, never slept for.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from workers.engine import events, lifecycle
from workers.engine.events import JobChange
from workers.engine.models import Job
from workers.engine.status import JobStatus

JOB_UPDATED = """subscription($id: ID!) { jobUpdated(id: $id) {
  id status progress progressMessage result { summary } } }"""

JOB_EVENTS = """subscription($filter: JobFilter) { jobEvents(filter: $filter) {
  kind matchesFilter job { id status user { username } } } }"""

SUBMIT = """mutation($input: SubmitJobInput!) { submitJob(input: $input) { ... on Job { id } } }"""


def in_an_hour() -> str:
    return (datetime.now(UTC) + timedelta(hours=1)).isoformat()


async def test_job_updated_sends_the_stored_state_then_each_change_then_completes(
    live_api, user_factory, job_row_factory
):
    user, token = await user_factory()
    job = await job_row_factory(user, status=JobStatus.SUBMITTED)

    async with live_api.socket() as ws:
        await ws.init(token)
        await ws.subscribe(JOB_UPDATED, {"id": str(job.id)})
        updates = ws.results()
        stored = await anext(updates)
        record = await lifecycle.claim(job.id, "test-worker")
        started = await anext(updates)
        assert record is not None
        record = await lifecycle.report_progress(record, 0.5, "Halfway there")
        halfway = await anext(updates)
        assert record is not None
        await lifecycle.complete(record, {"summary": "All done.", "data": {}})
        completed = await anext(updates)
        rest = [update async for update in updates]

    assert stored["jobUpdated"]["status"] == "SUBMITTED"
    assert started["jobUpdated"]["status"] == "RUNNING"
    assert (halfway["jobUpdated"]["progress"], halfway["jobUpdated"]["progressMessage"]) == (
        0.5, "Halfway there")
    assert completed["jobUpdated"]["status"] == "COMPLETED"
    assert completed["jobUpdated"]["result"] == {"summary": "All done."}
    assert rest == []  # the server completed the subscription after the final status


async def test_job_updated_on_a_finished_job_sends_it_once_and_completes(
    live_api, user_factory, job_row_factory
):
    user, token = await user_factory()
    job = await job_row_factory(user, status=JobStatus.FAILED, error="Broke")

    async with live_api.socket() as ws:
        await ws.init(token)
        await ws.subscribe(JOB_UPDATED, {"id": str(job.id)})
        updates = [update async for update in ws.results()]

    assert [u["jobUpdated"]["status"] for u in updates] == ["FAILED"]


async def test_job_updated_ends_cleanly_when_the_job_is_deleted(
    live_api, user_factory, job_row_factory
):
    user, token = await user_factory()
    job = await job_row_factory(user, status=JobStatus.SUBMITTED)

    async with live_api.socket() as ws:
        await ws.init(token)
        await ws.subscribe(JOB_UPDATED, {"id": str(job.id)})
        updates = ws.results()
        await anext(updates)
        await lifecycle.delete(job.id, user.id)
        rest = [update async for update in updates]

    assert rest == []


async def test_job_updated_for_a_job_that_does_not_exist_says_so(live_api, user_factory):
    _, token = await user_factory()

    async with live_api.socket() as ws:
        await ws.init(token)
        await ws.subscribe(JOB_UPDATED, {"id": "4040"})
        message = await ws.receive()

    errors: list[dict[str, Any]] = (
        message["payload"] if message["type"] == "error" else message["payload"]["errors"]
    )
    assert errors[0]["message"] == "Job 4040 does not exist (it may have been deleted)."
    assert errors[0]["extensions"]["code"] == "JOB_NOT_FOUND"


async def test_a_lagging_job_updated_subscriber_gets_the_stored_state_again(
    live_api, user_factory, job_row_factory, monkeypatch
):
    monkeypatch.setattr(events, "SUBSCRIBER_BUFFER", 2)
    user, token = await user_factory()
    job = await job_row_factory(user, status=JobStatus.RUNNING, attempt=1, progress=0.1)
    hub = live_api.app.state.services.bus.hub

    async with live_api.socket() as ws:
        await ws.init(token)
        await ws.subscribe(JOB_UPDATED, {"id": str(job.id)})
        updates = ws.results()
        await anext(updates)
        await Job.filter(id=job.id).update(progress=0.9, progress_message="Stored")
        record = await lifecycle.load(job.id)
        assert record is not None
        for fraction in (0.2, 0.3, 0.4, 0.5):  # more than the buffer holds, all at once
            hub.dispatch(JobChange("updated", record.evolve(progress=fraction)))
        reread = await anext(updates)

    assert (reread["jobUpdated"]["progress"], reread["jobUpdated"]["progressMessage"]) == (
        0.9, "Stored")


# --------------------------------------------------------------------------- jobEvents


async def test_job_events_streams_created_updated_and_deleted_jobs_of_the_filter(
    live_api, user_factory
):
    alice, alice_token = await user_factory("alice")
    _, bob_token = await user_factory("bob")
    submit = {"input": {"params": {"report": {}}, "settings": {"startAt": in_an_hour()}}}

    async with live_api.socket() as ws:
        await ws.init(alice_token)
        await ws.subscribe(JOB_EVENTS, {"filter": {"userIds": [str(alice.id)]}})
        await ws.listening()
        stream = ws.results()
        await live_api.data(SUBMIT, submit, token=bob_token)  # not alice's: not streamed
        job_id = (await live_api.data(SUBMIT, submit, token=alice_token))["submitJob"]["id"]
        created = await anext(stream)
        await lifecycle.cancel(int(job_id), alice.id)
        updated = await anext(stream)
        await lifecycle.delete(int(job_id), alice.id)
        deleted = await anext(stream)

    assert [
        (e["jobEvents"]["kind"], e["jobEvents"]["job"]["id"], e["jobEvents"]["job"]["status"])
        for e in (created, updated, deleted)
    ] == [("CREATED", job_id, "SUBMITTED"), ("UPDATED", job_id, "CANCELLED"),
          ("DELETED", job_id, "CANCELLED")]
    assert created["jobEvents"]["job"]["user"] == {"username": "alice"}


async def test_job_events_tells_once_when_a_job_no_longer_matches_the_filter(
    live_api, user_factory, job_row_factory
):
    user, token = await user_factory()
    running = await job_row_factory(user, status=JobStatus.RUNNING, attempt=1)
    waiting = await job_row_factory(user, status=JobStatus.SUBMITTED)

    async with live_api.socket() as ws:
        await ws.init(token)
        await ws.subscribe(JOB_EVENTS, {"filter": {"statusGroup": "UNPROCESSED",
                                                   "statuses": ["SUBMITTED"]}})
        await ws.listening()
        stream = ws.results()
        record = await lifecycle.load(running.id)
        assert record is not None
        record = await lifecycle.report_progress(record, 0.3, "Working")  # not SUBMITTED
        told = await anext(stream)
        assert record is not None
        await lifecycle.report_progress(record, 0.6, "Still working")  # told already: quiet
        await lifecycle.cancel(waiting.id, user.id)  # SUBMITTED -> CANCELLED: leaves
        next_event = await anext(stream)

    assert told["jobEvents"]["job"] == {"id": str(running.id), "status": "RUNNING",
                                        "user": {"username": user.username}}
    assert told["jobEvents"]["matchesFilter"] is False
    assert (next_event["jobEvents"]["job"]["id"], next_event["jobEvents"]["matchesFilter"]) == (
        str(waiting.id), False)


async def test_job_events_with_a_bad_filter_is_refused_clearly(live_api, user_factory):
    _, token = await user_factory()

    async with live_api.socket() as ws:
        await ws.init(token)
        await ws.subscribe(JOB_EVENTS, {"filter": {"types": ["SHIFT_PLANNING"]}})
        message = await ws.receive()

    errors = message["payload"] if message["type"] == "error" else message["payload"]["errors"]
    assert "unknown job type 'SHIFT_PLANNING'" in errors[0]["message"]


@pytest.mark.parametrize("subscription", [JOB_UPDATED, JOB_EVENTS])
async def test_closing_the_socket_ends_the_subscription_on_the_server(
    live_api, user_factory, job_row_factory, eventually, subscription
):
    user, token = await user_factory()
    job = await job_row_factory(user, status=JobStatus.SUBMITTED)
    hub = live_api.app.state.services.bus.hub
    before = hub.subscriber_count

    async with live_api.socket() as ws:
        await ws.init(token)
        await ws.subscribe(subscription, {"id": str(job.id)} if "jobUpdated" in subscription
                           else {})
        if "jobUpdated" in subscription:
            await ws.receive()
        else:
            await ws.listening()  # else the cancel may come before the stream listens
            await lifecycle.cancel(job.id, user.id)
            await ws.receive()
        during = hub.subscriber_count

    assert during == before + 1
    await eventually(lambda: hub.subscriber_count == before)


async def test_a_subscription_sent_over_plain_http_is_told_to_use_a_websocket(
    api, user_factory
):
    _, token = await user_factory()

    response = await api.client.post(
        "/graphql", json={"query": JOB_UPDATED, "variables": {"id": "1"}},
        headers={"Authorization": f"Bearer {token}"},
    )

    assert response.status_code == 400
    assert "Subscriptions run over WebSocket" in response.text
