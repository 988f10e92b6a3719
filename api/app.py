"""The ASGI application: GraphQL (HTTP and WebSocket), result downloads and a health check.

``create_app()`` is what ``jobprocessor serve`` runs with uvicorn. Its lifespan opens the
process's services (database, event bus, and in embedded mode the workers and demo data)
and closes them on shutdown.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse
from starlette.routing import Route, WebSocketRoute

from api import graphiql
from api.downloads import download
from api.health import healthz
from api.view import JobProcessorGraphQL
from workers.services import open_services
from workers.settings import Settings

logger = logging.getLogger(__name__)

HOME_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>JobProcessor</title></head>
<body style="font-family: sans-serif; max-width: 40rem; margin: 3rem auto">
<h1>JobProcessor</h1>
<p>Runs long background jobs and lets you watch and control them.</p>
<p><a href="/graphql">Open GraphiQL</a> to explore the API. Put your token in the
<em>Headers</em> tab: <code>{"Authorization": "Bearer &lt;token&gt;"}</code>.</p>
<p>Health: <a href="/healthz">/healthz</a></p>
</body></html>
"""


async def home(request: Request) -> HTMLResponse:
    """A placeholder until the browser frontend arrives: points at GraphiQL."""
    return HTMLResponse(HOME_PAGE)


async def _load_demo_data(settings: Settings) -> None:
    try:
        from workers import demo
    except ImportError:
        logger.info("no demo data module in this build; starting without demo data")
        return
    await demo.ensure_demo_data(settings)


def create_app(settings: Settings | None = None) -> Starlette:
    """Build the application; ``settings`` default to :meth:`Settings.from_env`."""
    settings = settings if settings is not None else Settings.from_env()

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        # Read once, and before anything starts: a distributed process without a shared
        # secret key fails here, not at its first download link.
        app.state.secret_key = settings.resolved_secret_key()
        services = await open_services(settings, migrate=settings.embedded)
        app.state.services = services
        try:
            if settings.embedded and settings.demo:
                await _load_demo_data(settings)
            yield
        finally:
            await services.close()

    graphql = JobProcessorGraphQL()
    return Starlette(
        routes=[
            Route("/", home),
            Route("/graphql", graphql, methods=["GET", "POST"]),
            WebSocketRoute("/graphql", graphql),
            Route("/healthz", healthz),
            Route("/files/{job_id:int}/{name}", download),
            *graphiql.routes(),
        ],
        lifespan=lifespan,
    )
