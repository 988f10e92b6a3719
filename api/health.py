"""``GET /healthz``: is this API process able to serve? (Load balancers and the CLI ask.)"""

from __future__ import annotations

import logging

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
