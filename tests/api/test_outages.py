"""Issue 12, item 1: while PostgreSQL (or, in distributed mode, Redis) is unreachable every
GraphQL request gets a JSON GraphQL error with code ``SERVICE_UNAVAILABLE`` and a plain
message — with a token or without, query or mutation, over HTTP or as a WebSocket's start —
never a plain-text 500 or a driver's name; once the database is back, requests succeed
again by themselves and an open subscription carries on (or ends with that error).

The servers are throwaway ones on free ports (``tests/servers.py`` when present), stopped
and started by the tests: never the system's own.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import shutil
import signal
import socket
import subprocess
import time
import uuid
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import asyncpg
import pytest
from graphql_ws_client import TIMEOUT, errors_of
from throwaway_postgres import throwaway_postgres
from websockets.exceptions import ConnectionClosed

from api.outages import CODE, MESSAGE
from workers.engine.settings import Settings
from workers.engine.status import JobStatus

INTERNALS = ("Traceback", "asyncpg", "tortoise", "Connect call failed", "Errno",
             "Internal Server Error", "INTERNAL_SERVER_ERROR", "OSError")
JOB_UPDATED = "subscription($id: ID!) { jobUpdated(id: $id) { id status } }"
CANCEL = 'mutation($ids: [ID!]!) { cancelJobs(ids: $ids) { __typename ... on Job { status } } }'


@pytest.fixture(scope="module")
def postgres() -> Iterator[Any]:
    yield from throwaway_postgres()


@pytest.fixture
async def settings(settings: Settings, postgres: Any) -> AsyncIterator[Settings]:
    """The test's settings on a fresh database of the throwaway cluster."""
    if not postgres.running:
        postgres.start()
    name = f"jp_outage_{uuid.uuid4().hex[:10]}"
    admin = await asyncpg.connect(postgres.dsn())
    try:
        await admin.execute(f'CREATE DATABASE "{name}"')
    finally:
        await admin.close()
    yield settings.with_overrides(database_url_override=postgres.url(name))


def assert_service_unavailable(status: int, text: str, body: Any) -> None:
    assert status == 503, text
    for internal in INTERNALS:
        assert internal not in text, text
    (error,) = body["errors"]
    assert error["extensions"]["code"] == CODE
    assert error["message"] == MESSAGE


async def test_while_postgresql_is_stopped_every_request_says_service_unavailable(
    live_api, postgres, user_factory, job_row_factory
):
    user, token = await user_factory()
    job = await job_row_factory(user, status=JobStatus.SUBMITTED)
    requests = [
        (query, credentials)
        for query in ("{ me { id } }", CANCEL)
        for credentials in (token, "jp_unknown_token", None)
    ]

    postgres.stop("fast")
    try:
        answers = []
        for query, credentials in requests:
            headers = {"Authorization": f"Bearer {credentials}"} if credentials else {}
            response = await live_api.client.post(
                "/graphql", json={"query": query, "variables": {"ids": [str(job.id)]}},
                headers=headers,
            )
            answers.append((response.status_code, response.text, response.json()))
        async with live_api.socket() as ws:
            with pytest.raises(ConnectionClosed) as closed:
                await ws.init(token)
    finally:
        postgres.start()

    for status, text, body in answers:
        assert_service_unavailable(status, text, body)
    assert closed.value.rcvd is not None
    assert closed.value.rcvd.code == 1013, "a client must reconnect, not sign out"
    assert closed.value.rcvd.reason.startswith(CODE)


async def test_after_the_outage_requests_and_subscriptions_work_again_by_themselves(
    live_api, postgres, user_factory, job_row_factory
):
    user, token = await user_factory()
    job = await job_row_factory(user, status=JobStatus.SUBMITTED)
    heard: dict[str, list[dict[str, Any]]] = {"1": [], "2": [], "3": []}

    async def until(ws: Any, op_id: str, done: Any) -> None:
        while True:
            message = await ws.receive()
            heard.setdefault(message.get("id", ""), []).append(message)
            if message.get("id") == op_id and done(message):
                return

    async with live_api.socket() as ws:
        assert (await ws.init(token))["type"] == "connection_ack"
        await ws.subscribe(JOB_UPDATED, {"id": str(job.id)})
        await until(ws, "1", lambda m: True)
        postgres.stop("fast")
        try:
            during = await live_api.client.post(
                "/graphql", json={"query": "{ me { id } }"},
                headers={"Authorization": f"Bearer {token}"},
            )
            await ws.subscribe(JOB_UPDATED, {"id": str(job.id)}, op_id="2")
            await until(ws, "2", lambda m: m["type"] in ("error", "complete"))
        finally:
            postgres.start()
        back = await _answered(live_api, "{ me { id } }", token)
        await ws.subscribe(JOB_UPDATED, {"id": str(job.id)}, op_id="3")
        await until(ws, "3", lambda m: True)
        cancelled = await _answered(live_api, CANCEL, token, {"ids": [str(job.id)]})
        await until(ws, "3", lambda m: "CANCELLED" in str(m))

    assert during.json()["errors"][0]["extensions"]["code"] == CODE
    assert [e["extensions"]["code"] for e in errors_of(heard["2"][0])] == [CODE]
    # The open subscription either carried on or ended with the same error (the page then
    # resubscribes); never anything internal.
    for message in heard["1"][1:]:
        assert message["type"] in ("next", "complete"), message
        assert not errors_of(message) or [e["extensions"]["code"] for e in errors_of(message)
                                          ] == [CODE], message
    assert "asyncpg" not in str(heard)
    assert back["me"]["id"] == str(user.id)
    assert cancelled["cancelJobs"][0]["status"] == "CANCELLED"
    assert heard["3"][-1]["payload"]["data"]["jobUpdated"]["status"] == "CANCELLED"


async def _answered(api: Any, query: str, token: str,
                    variables: dict[str, Any] | None = None) -> dict[str, Any]:
    """The data of ``query`` once the server answers it without an outage error (the pool
    reconnects on its own; the first requests after a restart may still meet it)."""
    async with asyncio.timeout(TIMEOUT * 3):
        while True:
            response = await api.client.post(
                "/graphql", json={"query": query, "variables": variables or {}},
                headers={"Authorization": f"Bearer {token}"},
            )
            body = response.json()
            codes = [e.get("extensions", {}).get("code") for e in body.get("errors") or []]
            if CODE not in codes:
                assert not body.get("errors"), body
                data: dict[str, Any] = body["data"]
                return data
            await asyncio.sleep(0.2)


# --------------------------------------------------------------------------- Redis


class _ThrowawayRedis:
    """``redis-server`` without persistence on a free port; killed, it comes back empty."""

    def __init__(self, folder: Path) -> None:
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            self.port = int(sock.getsockname()[1])
        self.pidfile = folder / "redis.pid"
        self.url = f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        subprocess.run(["redis-server", "--port", str(self.port), "--bind", "127.0.0.1",
                        "--save", "", "--appendonly", "no", "--daemonize", "yes",
                        "--pidfile", str(self.pidfile)], check=True, capture_output=True)
        subprocess.run(["redis-cli", "-p", str(self.port), "--raw", "ping"],
                       check=True, capture_output=True, timeout=TIMEOUT)

    def kill(self) -> None:
        pid = int(self.pidfile.read_text())
        os.kill(pid, signal.SIGKILL)
        with contextlib.suppress(FileNotFoundError):
            self.pidfile.unlink()
        deadline = time.monotonic() + TIMEOUT
        while Path(f"/proc/{pid}").exists() and time.monotonic() < deadline:
            time.sleep(0.01)


@pytest.fixture
async def redis_outage_api(api_factory, tmp_path: Path) -> AsyncIterator[tuple[Any, Any]]:
    if not shutil.which("redis-server"):
        if os.environ.get("CI"):
            pytest.fail("the outage tests need redis-server on CI")
        pytest.skip("redis-server is not installed")
    redis = _ThrowawayRedis(tmp_path)
    redis.start()
    try:
        api = await api_factory(redis_url=redis.url, database_url_override=None)
        yield api, redis
    finally:
        with contextlib.suppress(Exception):
            redis.kill()


async def test_while_redis_is_down_no_request_fails_inside(redis_outage_api, user_factory):
    """Distributed mode: queries need no Redis; what does need it is refused as
    SERVICE_UNAVAILABLE (or succeeds, the job row waiting for its message) — never a 500."""
    api, redis = redis_outage_api
    _, token = await user_factory()
    submit = ('mutation { submitJob(input: {params: {report: {report: EMPLOYEE_LIST}}}) '
              '{ __typename ... on Job { id status } } }')

    redis.kill()
    answers = []
    for query in ("{ me { id } }", submit, "{ jobs { totalCount } }"):
        response = await api.client.post("/graphql", json={"query": query},
                                         headers={"Authorization": f"Bearer {token}"})
        answers.append(response)

    for response in answers:
        assert response.status_code in (200, 503), response.text
        for internal in (*INTERNALS, "redis", "Redis", "dramatiq"):
            assert internal not in response.text, response.text
        codes = {e["extensions"]["code"] for e in response.json().get("errors") or []}
        assert codes <= {CODE}, response.text
    assert answers[0].json()["data"]["me"] is not None
