"""Who is calling: API tokens over HTTP headers and WebSocket ``connection_init`` payloads.

Identity only; :mod:`api.permissions` decides what the caller may do.
"""

from __future__ import annotations

from typing import Any

from strawberry.permission import BasePermission

from api.context import BAD_TOKEN_MESSAGE, NO_TOKEN_MESSAGE, Context
from api.errors import Unauthenticated
from workers import identity
from workers.models import User

#: Shown when a WebSocket's ``connection_init`` payload lacks the token (kept short: it
#: travels as a WebSocket close reason, at most 123 bytes).
WS_NO_TOKEN_REASON = (
    'Not authenticated: send {"authorization": "Bearer <token>"} in connection_init'
)
WS_BAD_TOKEN_REASON = "Not authenticated: the API token is unknown or revoked"


async def authenticate_header(header: str | None) -> tuple[User | None, str]:
    """The user an ``Authorization`` header value authenticates, or ``None`` and why not."""
    token = identity.bearer_token(header)
    if token is None:
        return None, NO_TOKEN_MESSAGE
    user = await identity.authenticate(token)
    return user, BAD_TOKEN_MESSAGE if user is None else ""


async def authenticate_connection(params: dict[str, object] | None) -> tuple[User | None, str]:
    """The user a ``connection_init`` payload authenticates, or ``None`` and a close reason.

    The payload is ``{"authorization": "Bearer <token>"}``, the key in any case: GraphiQL
    sends the headers typed in its Headers tab, e.g. ``{"Authorization": "Bearer <token>"}``.
    """
    raw = next(
        (value for key, value in (params or {}).items() if key.lower() == "authorization"), None
    )
    header = raw if isinstance(raw, str) else None
    if identity.bearer_token(header) is None:
        return None, WS_NO_TOKEN_REASON
    user, _ = await authenticate_header(header)
    return user, "" if user is not None else WS_BAD_TOKEN_REASON


class IsAuthenticated(BasePermission):
    """Only for callers with a valid API token; the error says how to send one."""

    message = NO_TOKEN_MESSAGE
    error_extensions = {"code": "UNAUTHENTICATED"}

    def has_permission(self, source: Any, info: Any, **kwargs: Any) -> bool:
        context: Context = info.context
        if context.user is None:
            # Raised here rather than returning False: the reason (no token, or an
            # unknown one) varies per request, and a permission's message does not.
            raise Unauthenticated(context.auth_error)
        return True
