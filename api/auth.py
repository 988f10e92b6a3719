"""Who is calling: API tokens over HTTP headers and WebSocket ``connection_init`` payloads.

Identity only; :mod:`api.permissions` decides what the caller may do.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from strawberry.permission import BasePermission

from api.context import BAD_TOKEN_MESSAGE, NO_TOKEN_MESSAGE, Context
from api.errors import Unauthenticated
from api.permissions import Viewer, viewer_for
from workers.access import identity

#: Shown when a WebSocket's ``connection_init`` payload lacks the token (kept short: it
#: travels as a WebSocket close reason, at most 123 bytes).
WS_NO_TOKEN_REASON = (
    'Not authenticated: send {"authorization": "Bearer <token>"} in connection_init'
)
WS_BAD_TOKEN_REASON = "Not authenticated: the API token is unknown or revoked"


@dataclass(frozen=True)
class Authentication:
    """The outcome of checking a token: the viewer, or why there is none."""

    viewer: Viewer | None
    reason: str = ""
    token_digest: str | None = None


async def authenticate_header(header: str | None) -> Authentication:
    """Who an ``Authorization`` header value authenticates, or why nobody."""
    token = identity.bearer_token(header)
    if token is None:
        return Authentication(None, NO_TOKEN_MESSAGE)
    user = await identity.authenticate(token)
    if user is None:
        return Authentication(None, BAD_TOKEN_MESSAGE)
    return Authentication(await viewer_for(user), "", identity.digest(token))


async def authenticate_connection(params: dict[str, object] | None) -> Authentication:
    """Who a ``connection_init`` payload authenticates, or a close reason.

    The payload is ``{"authorization": "Bearer <token>"}``, the key in any case: GraphiQL
    sends the headers typed in its Headers tab, e.g. ``{"Authorization": "Bearer <token>"}``.
    """
    raw = next(
        (value for key, value in (params or {}).items() if key.lower() == "authorization"), None
    )
    header = raw if isinstance(raw, str) else None
    if identity.bearer_token(header) is None:
        return Authentication(None, WS_NO_TOKEN_REASON)
    found = await authenticate_header(header)
    if found.viewer is None:
        return Authentication(None, WS_BAD_TOKEN_REASON)
    return found


class IsAuthenticated(BasePermission):
    """Only for callers with a valid API token; the error says how to send one.

    Over a WebSocket it also re-checks the connection's token and role when rights changed
    since the connection authenticated.
    """

    message = NO_TOKEN_MESSAGE
    error_extensions = {"code": "UNAUTHENTICATED"}

    async def has_permission(self, source: Any, info: Any, **kwargs: Any) -> bool:
        context: Context = info.context
        if context.user is None:
            # Raised here rather than returning False: the reason (no token, or an
            # unknown one) varies per request, and a permission's message does not.
            raise Unauthenticated(context.auth_error)
        await context.current_viewer()
        return True
