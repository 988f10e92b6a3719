"""The ASGI application: the web page, GraphQL (HTTP and WebSocket), downloads, health.

``create_app()`` is what ``jobprocessor serve`` runs with uvicorn (with
:func:`server_options`). Its lifespan opens the process's services (database, event bus,
and in embedded mode the workers and demo data) and the rights watch, and closes them on
shutdown. Requests pass the host check (``JOBPROCESSOR_ALLOWED_HOSTS``, Starlette's
``TrustedHostMiddleware``), CORS for the allowed browser origins (:mod:`api.origins`) and
the body size cap and read timeout (:mod:`api.body_limit`) first.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.routing import Route, WebSocketRoute

from api import access_log, frontend, graphiql
from api.body_limit import BodySizeLimit
from api.counts import CountCache
from api.demo_tokens import demo_tokens
from api.downloads import download
from api.fanout import Fanout
from api.health import healthz, readyz
from api.metrics import metrics_endpoint
from api.origins import with_cors
from api.rights_watch import RightsWatch
from api.schema import format_errors, schema
from api.strawberry_internals import graphql_core_schema
from api.view import JobProcessorGraphQL
from workers.engine.services import open_services
from workers.engine.settings import Settings

logger = logging.getLogger(__name__)

async def _load_demo_data(settings: Settings) -> None:
    try:
        from workers.wfm import demo_people as demo
    except ImportError:
        logger.info("no demo data module in this build; starting without demo data")
        return
    await demo.ensure_demo_data(settings)


def server_options(settings: Settings) -> dict[str, Any]:
    """uvicorn's options that the settings decide (WebSocket message size cap, compression)."""
    return {"ws_max_size": settings.ws_max_message_bytes,
            "ws_per_message_deflate": settings.ws_compression}


def create_app(
    settings: Settings | None = None, *, frontend_dist: Path = frontend.DIST
) -> Starlette:
    """Build the application.

    Args:
        settings: default :meth:`Settings.from_env`.
        frontend_dist: the built web page served at ``/`` (a placeholder when not built).
    """
    settings = settings if settings is not None else Settings.from_env()
    access_log.install()

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        # Read once, and before anything starts: a distributed process without a shared
        # secret key fails here, not at its first download link.
        app.state.secret_key = settings.resolved_secret_key()
        services = await open_services(settings, migrate=settings.embedded)
        app.state.services = services
        watch = RightsWatch(services.bus.hub, settings.rights_poll_seconds)
        fanout = Fanout(services.bus.hub, watch, graphql_core_schema(schema), format_errors)
        counts = CountCache(services.bus.hub)
        services.bus.hub.attach(counts)
        app.state.counts = counts
        try:
            if settings.embedded and settings.demo:
                await _load_demo_data(settings)
            await watch.start()
            app.state.rights_watch = watch
            app.state.fanout = fanout
            yield
        finally:
            counts.close()
            await fanout.stop()
            await watch.stop()
            await services.close()

    graphql = JobProcessorGraphQL(settings)
    routes = [
        *frontend.routes(frontend_dist),
        Route("/graphql", graphql, methods=["GET", "POST"]),
        WebSocketRoute("/graphql", graphql),
        Route("/healthz", healthz),
        Route("/readyz", readyz),
        Route("/metrics", metrics_endpoint),
        Route("/files/{job_id:int}/{name}", download),
        Route("/demo-tokens", demo_tokens),
    ]
    if settings.graphiql:
        routes += graphiql.routes()
    return Starlette(
        routes=routes,
        lifespan=lifespan,
        middleware=[
            # Requests naming another host are refused first (DNS rebinding).
            Middleware(TrustedHostMiddleware, allowed_hosts=list(settings.allowed_hosts)),
            Middleware(with_cors, allowed=settings.allowed_origins),
            Middleware(BodySizeLimit, max_bytes=settings.max_request_bytes,
                       read_timeout_seconds=settings.body_read_timeout_seconds),
        ],
    )
