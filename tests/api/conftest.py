"""Fixtures for API tests: the app with its lifespan running, GraphQL over HTTP and WebSocket.

``api`` talks to the ASGI app in-process (httpx); ``live_api`` runs a real uvicorn server on
a free port in the test's event loop, for WebSocket clients. Both run the embedded engine
(SQLite by default; ``pg_api`` on a fresh PostgreSQL database).
"""

from __future__ import annotations

import asyncio
import json
import socket
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import httpx
import pytest
import uvicorn
from graphql_ws_client import TIMEOUT, GraphQLErrors, GraphQLSocket
from rights_world import scheduling_type, world_factory  # noqa: F401  (fixtures)
from starlette.applications import Starlette

from api.app import create_app, server_options
from workers.access.models import User
from workers.engine.models import Job
from workers.engine.settings import Settings
from workers.engine.status import JobStatus


@dataclass
class Api:
    """A running app and an HTTP client for it."""

    app: Starlette
    client: httpx.AsyncClient
    settings: Settings

    async def post(
        self, query: str, variables: dict[str, Any] | None = None, token: str | None = None
    ) -> dict[str, Any]:
        """The whole GraphQL response body (``data`` and ``errors``)."""
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        response = await self.client.post(
            "/graphql", json={"query": query, "variables": variables or {}}, headers=headers
        )
        assert response.status_code == 200, response.text
        body: dict[str, Any] = response.json()
        return body

    async def data(
        self, query: str, variables: dict[str, Any] | None = None, *, token: str
    ) -> dict[str, Any]:
        """The ``data`` of a response that must not have errors."""
        body = await self.post(query, variables, token)
        if body.get("errors"):
            raise GraphQLErrors(json.dumps(body["errors"], indent=2))
        data: dict[str, Any] = body["data"]
        return data


@pytest.fixture
def settings(settings: Settings) -> Settings:
    """The shared test settings, with the reconciler's periodic pass out of the way.

    API tests write waiting rows straight to the table (``job_row_factory``, the rights
    world), with no broker message behind them. The reconciler would take them for orphans
    once they are a few seconds old and send them, so a row a test keeps ``SUBMITTED``
    would start running under it. The reconciler's own tests are in ``tests/engine``
    and ``tests/faults``.
    """
    return settings.with_overrides(reconcile_interval_seconds=3600.0)


@pytest.fixture
async def api(settings: Settings) -> AsyncIterator[Api]:
    """The app on a fresh SQLite database, lifespan running, with an in-process client."""
    async with _running(settings) as running:
        yield running


@pytest.fixture
async def pg_api(settings: Settings, pg_database: str) -> AsyncIterator[Api]:
    """The app on a fresh PostgreSQL database."""
    async with _running(settings.with_overrides(database_url_override=pg_database)) as running:
        yield running


@pytest.fixture
async def api_factory(settings: Settings) -> AsyncIterator[Callable[..., Awaitable[Api]]]:
    """``await api_factory(graphiql=False)``: the app with some settings changed."""
    running: list[_running] = []

    async def make(**overrides: Any) -> Api:
        started = _running(settings.with_overrides(**overrides))
        running.append(started)
        return await started.__aenter__()

    yield make
    for started in reversed(running):
        await started.__aexit__(None, None, None)


@pytest.fixture(params=["sqlite", "postgres"])
def any_db_settings(request: pytest.FixtureRequest, settings: Settings) -> Settings:
    """The test's settings, once on SQLite and once on a fresh PostgreSQL database."""
    if request.param == "postgres":
        url = request.getfixturevalue("pg_database")
        return settings.with_overrides(database_url_override=url)
    return settings


@pytest.fixture
async def any_db_api(any_db_settings: Settings) -> AsyncIterator[Api]:
    """The app once on SQLite and once on PostgreSQL."""
    async with _running(any_db_settings) as running:
        yield running


class _running:
    def __init__(self, settings: Settings) -> None:
        # Never fall back to the environment's settings (the developer's own data folder).
        assert isinstance(settings, Settings), f"test settings expected, got {settings!r}"
        self.settings = settings
        self.app = create_app(settings)

    async def __aenter__(self) -> Api:
        self._lifespan = self.app.router.lifespan_context(self.app)
        await self._lifespan.__aenter__()
        self.client = httpx.AsyncClient(
            transport=httpx.ASGITransport(app=self.app), base_url="http://testserver"
        )
        return Api(self.app, self.client, self.settings)

    async def __aexit__(self, *exc: object) -> None:
        await self.client.aclose()
        await self._lifespan.__aexit__(None, None, None)


# --------------------------------------------------------------------------- live server


@dataclass
class LiveApi(Api):
    """A real server: HTTP through ``client``, WebSocket through :meth:`socket`."""

    url: str

    def socket(self) -> GraphQLSocket:
        return GraphQLSocket(self.url.replace("http://", "ws://") + "/graphql")


@pytest.fixture
async def live_api(settings: Settings) -> AsyncIterator[LiveApi]:
    """The app served by uvicorn on a free local port, in this test's event loop."""
    app = create_app(settings)
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    url = f"http://127.0.0.1:{sock.getsockname()[1]}"
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="on",
                                           **server_options(settings)))
    task = asyncio.create_task(server.serve(sockets=[sock]))
    async with asyncio.timeout(TIMEOUT):
        while not server.started:
            if task.done():
                task.result()
            await asyncio.sleep(0.01)
    client = httpx.AsyncClient(base_url=url)
    try:
        yield LiveApi(app, client, settings, url)
    finally:
        await client.aclose()
        server.should_exit = True
        await asyncio.wait_for(task, TIMEOUT)
        sock.close()


Eventually = Callable[[Callable[[], bool]], Awaitable[None]]


@pytest.fixture
def eventually() -> Eventually:
    """``await eventually(lambda: ...)``: wait for state that changes without an event."""

    async def wait(condition: Callable[[], bool], timeout: float = TIMEOUT) -> None:
        async with asyncio.timeout(timeout):
            while not condition():
                await asyncio.sleep(0.01)

    return wait


# --------------------------------------------------------------------------- factories

JobRowFactory = Callable[..., Awaitable[Job]]


@pytest.fixture
def job_row_factory() -> JobRowFactory:
    """``await job_row_factory(user, status=JobStatus.RUNNING, ...)``: a job row, as stored.

    Written straight to the table (no broker message, no worker), so a test controls every
    column. ``enqueued_at`` is now, so the reconciler leaves waiting rows alone.
    """

    async def make(user: User, **overrides: Any) -> Job:
        now = datetime.now(UTC)
        status = overrides.get("status", JobStatus.COMPLETED)
        final = JobStatus(status).is_final
        values: dict[str, Any] = {
            "type": "REPORT",
            "feature": "Monitoring > Reports",
            "params": {"report": "EMPLOYEE_LIST", "team": None, "activeOnly": True},
            "settings": {"startAt": None},
            "user_id": user.id,
            "status": status,
            "submitted_at": now,
            "started_at": now if status is not JobStatus.SUBMITTED else None,
            "finished_at": now if final else None,
            "progress": 1.0 if status is JobStatus.COMPLETED else 0.0,
            "enqueued_at": now,
        }
        values.update(overrides)
        return await Job.create(**values)

    return make
