"""Which browser origins may use the API from another site.

Browsers send ``Origin`` with cross-site requests. For HTTP, CORS headers are sent only
for the origins in ``JOBPROCESSOR_ALLOWED_ORIGINS`` (none by default: only pages served
by JobProcessor itself, such as GraphiQL, may call it from a browser). WebSockets have no
CORS, so a WebSocket handshake whose ``Origin`` is neither this server nor an allowed
origin is refused (HTTP 403) before it is accepted. Clients that are not browsers send no
``Origin`` and are not affected: their API token is what admits them.
"""

from __future__ import annotations

from collections.abc import Iterable
from urllib.parse import urlsplit

from starlette.datastructures import Headers
from starlette.middleware.cors import CORSMiddleware
from starlette.types import ASGIApp, Receive, Scope, Send
from starlette.websockets import WebSocket

ANY_ORIGIN = "*"


def origin_allowed(origin: str, host: str | None, allowed: Iterable[str]) -> bool:
    """May a browser page from ``origin`` talk to this server (reached as ``host``)?"""
    allowed = set(allowed)
    origin = origin.strip().rstrip("/")
    if ANY_ORIGIN in allowed or origin in allowed:
        return True
    netloc = urlsplit(origin).netloc.lower()
    return bool(netloc) and host is not None and netloc == host.strip().lower()


class WebSocketOriginCheck:
    """Refuses WebSocket handshakes from browser pages of origins not allowed."""

    def __init__(self, app: ASGIApp, allowed: Iterable[str]) -> None:
        self.app = app
        self.allowed = tuple(allowed)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "websocket":
            headers = Headers(scope=scope)
            origin = headers.get("origin")
            if origin is not None and not origin_allowed(origin, headers.get("host"),
                                                         self.allowed):
                # Closing before accepting answers the handshake with HTTP 403.
                await WebSocket(scope, receive, send).close(code=1008)
                return
        await self.app(scope, receive, send)


def with_origin_rules(app: ASGIApp, allowed: tuple[str, ...]) -> ASGIApp:
    """``app`` behind the WebSocket origin check and, when origins are allowed, CORS."""
    guarded: ASGIApp = WebSocketOriginCheck(app, allowed)
    if allowed:
        guarded = CORSMiddleware(
            guarded,
            allow_origins=list(allowed),
            allow_methods=["GET", "POST"],
            allow_headers=["Authorization", "Content-Type"],
            max_age=600,
        )
    return guarded
