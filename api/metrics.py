"""``GET /metrics``: this API process's Prometheus metrics (see :mod:`workers.engine.metrics`).

Open to loopback clients only by default (a Prometheus on the same machine, or behind a
proxy that forwards it deliberately); with ``JOBPROCESSOR_METRICS_TOKEN`` set, any client
that sends ``Authorization: Bearer <token>`` may read them, and nobody without it.
"""

from __future__ import annotations

import hmac
import ipaddress

from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response

from workers.engine import metrics, queues
from workers.engine.services import Services

_CACHES: dict[int, metrics.GaugeCache] = {}


def _is_loopback(host: str | None) -> bool:
    if host is None:
        return False
    if host in ("localhost", "testclient"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _cache(services: Services) -> metrics.GaugeCache:
    cache = _CACHES.get(id(services))
    if cache is None:
        async def read() -> tuple[dict[str, int], dict[str, int], int]:
            states = await queues.queue_states()
            online = await services.workers.online() if services.workers is not None else []
            return (await queues.jobs_per_status(), {q.name: q.depth for q in states},
                    len(online))

        _CACHES.clear()  # one Services per process (tests make several in turn)
        cache = _CACHES[id(services)] = metrics.GaugeCache(read)
    return cache


async def metrics_endpoint(request: Request) -> Response:
    services: Services = request.app.state.services
    token = services.settings.metrics_token
    if token:
        sent = request.headers.get("authorization", "")
        if not hmac.compare_digest(sent.encode(), f"Bearer {token}".encode()):
            return PlainTextResponse(
                "send Authorization: Bearer <JOBPROCESSOR_METRICS_TOKEN>", status_code=401
            )
    elif not _is_loopback(request.client.host if request.client else None):
        return PlainTextResponse(
            "metrics are open to loopback clients only; set JOBPROCESSOR_METRICS_TOKEN "
            "to read them from elsewhere", status_code=403,
        )
    await _cache(services).refresh()
    metrics.SUBSCRIBERS.set(services.bus.hub.subscriber_count)
    return Response(metrics.exposition(), media_type=metrics.CONTENT_TYPE)
