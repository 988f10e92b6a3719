"""The typed context every resolver receives: who is asking, over what, with which services."""

from __future__ import annotations

from dataclasses import dataclass, field

import strawberry
from starlette.datastructures import URL
from starlette.requests import Request
from starlette.responses import Response
from starlette.websockets import WebSocket

from api.errors import Unauthenticated
from api.loaders import Loaders
from workers.models import User
from workers.services import Services
from workers.settings import Settings

#: Shown when a request carries no token at all.
NO_TOKEN_MESSAGE = (
    "Not authenticated: send your API token as the HTTP header "
    "`Authorization: Bearer <token>` (in GraphiQL: the Headers tab). "
    "`jobprocessor users create USERNAME` prints a new token."
)
#: Shown when the token is unknown, revoked, or its user is inactive.
BAD_TOKEN_MESSAGE = (
    "Not authenticated: the API token is unknown or revoked, or its user is inactive. "
    "Ask an administrator for a new token (`jobprocessor users create` or `users token`)."
)


@dataclass
class Context:
    """One HTTP request's, or one WebSocket connection's, context.

    ``user`` is ``None`` until authenticated; ``auth_error`` then says why.
    """

    request: Request | WebSocket
    response: Response | WebSocket
    services: Services
    #: The key download links are signed with (read once at start-up).
    secret_key: str
    user: User | None = None
    auth_error: str = NO_TOKEN_MESSAGE
    #: The ``connection_init`` payload (WebSocket only), set by Strawberry.
    connection_params: dict[str, object] | None = None
    loaders: Loaders = field(default_factory=Loaders)

    @property
    def settings(self) -> Settings:
        return self.services.settings

    @property
    def viewer(self) -> User:
        """The authenticated user.

        Raises:
            Unauthenticated: nobody is (the message says how to authenticate).
        """
        if self.user is None:
            raise Unauthenticated(self.auth_error)
        return self.user

    @property
    def base_url(self) -> URL:
        """The server's base URL as the client reached it (``http(s)``, also over a socket)."""
        url = self.request.base_url
        if url.scheme in ("ws", "wss"):
            url = url.replace(scheme="https" if url.scheme == "wss" else "http")
        return url


Info = strawberry.Info[Context, None]
