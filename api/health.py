"""``GET /healthz`` (liveness: is this process able to serve?) and ``GET /readyz``
(readiness: do the database and Redis answer?). Load balancers and the CLI ask."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable

from starlette.requests import Request
from starlette.responses import JSONResponse
from tortoise import connections

from workers.engine.services import Services

logger = logging.getLogger(__name__)


async def healthz(request: Request) -> JSONResponse:
    """``{"status": "ok", "mode": "embedded"|"distributed"}``, or 503 when the database is down."""
    services: Services = request.app.state.services
    mode = "embedded" if services.settings.embedded else "distributed"
    try:
        await connections.get("default").execute_query("SELECT 1")
    except Exception:
        logger.warning("health check: the database does not answer", exc_info=True)
        return JSONResponse(
            {"status": "unavailable", "mode": mode, "error": "the database does not answer"},
            status_code=503,
        )
    return JSONResponse({"status": "ok", "mode": mode})


#: Seconds each dependency gets to answer a readiness check.
READY_TIMEOUT_SECONDS = 2.0


async def _database_answers() -> None:
    await connections.get("default").execute_query("SELECT 1")


async def _redis_answers(url: str) -> None:
    import redis.asyncio as aioredis

    client = aioredis.Redis.from_url(url, socket_timeout=READY_TIMEOUT_SECONDS,
                                     socket_connect_timeout=READY_TIMEOUT_SECONDS)
    try:
        await client.ping()
    finally:
        await client.aclose()


async def _check(name: str, probe: Awaitable[None]) -> str:
    try:
        await asyncio.wait_for(probe, READY_TIMEOUT_SECONDS)
    except Exception as exc:
        logger.warning("readiness: the %s does not answer (%s)", name, type(exc).__name__)
        return "unavailable"
    return "ok"


async def readyz(request: Request) -> JSONResponse:
    """``{"database": "ok", "broker": "ok"}`` (200) when the database and Redis answer,
    or the same with ``"unavailable"`` for the one that does not (503).

    Embedded, the broker lives in this process and is ``ok`` whenever the process answers.
    Each check has :data:`READY_TIMEOUT_SECONDS`; both run at once.
    """
    settings = request.app.state.services.settings
    broker: Awaitable[str]
    if settings.redis_url is None:
        broker = asyncio.sleep(0, result="ok")
    else:
        broker = _check("broker", _redis_answers(settings.redis_url))
    database, broker_state = await asyncio.gather(_check("database", _database_answers()),
                                                  broker)
    body = {"database": database, "broker": broker_state}
    ready = database == "ok" and broker_state == "ok"
    return JSONResponse(body, status_code=200 if ready else 503)
