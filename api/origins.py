"""Which browser origins may use the API from another site (``JOBPROCESSOR_ALLOWED_ORIGINS``).

Browsers send ``Origin`` with cross-site requests. For HTTP, CORS headers are sent only
for the allowed origins (none by default: only pages JobProcessor serves itself, such as
GraphiQL, may call it from a browser). WebSockets have no CORS: Strawberry's view refuses
a handshake (HTTP 403) whose ``Origin`` is neither this server nor an allowed origin
(:class:`api.view.JobProcessorGraphQL` passes it the same list). Clients that are not
browsers send no ``Origin`` and are not affected: their API token is what admits them.
"""

from __future__ import annotations

from starlette.middleware.cors import CORSMiddleware
from starlette.types import ASGIApp


def with_cors(app: ASGIApp, allowed: tuple[str, ...]) -> ASGIApp:
    """``app`` with CORS for the ``allowed`` origins (``app`` itself when there are none)."""
    if not allowed:
        return app
    return CORSMiddleware(
        app,
        allow_origins=list(allowed),
        allow_methods=["GET", "POST"],
        allow_headers=["Authorization", "Content-Type"],
        max_age=600,
    )
