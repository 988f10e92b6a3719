"""The typed context every resolver receives: who is asking, over what, with which services."""

from __future__ import annotations

from dataclasses import dataclass, field

import strawberry
from starlette.requests import Request
from starlette.responses import Response
from starlette.websockets import WebSocket

from api.counts import CountCache
from api.errors import Unauthenticated
from api.loaders import Loaders
from api.permissions import Viewer
from api.rights_watch import RightsWatch
from workers.engine.services import Services
from workers.engine.settings import Settings

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
#: Shown when a WebSocket connection's token stopped working while it was open.
REVOKED_MESSAGE = (
    "Not authenticated any more: this connection's API token was revoked or its user "
    "deactivated. Connect again with a valid token."
)


@dataclass
class Context:
    """One HTTP request's, or one WebSocket connection's, context.

    ``user`` is ``None`` until authenticated; ``auth_error`` then says why. Over a
    WebSocket the viewer is re-checked whenever the process's rights version moves
    (:meth:`current_viewer`), so a revoked token or a changed role takes effect on open
    connections too.
    """

    request: Request | WebSocket
    response: Response | WebSocket
    services: Services
    #: The key download links are signed with (read once at start-up).
    secret_key: str
    rights_watch: RightsWatch
    user: Viewer | None = None
    auth_error: str = NO_TOKEN_MESSAGE
    #: The digest of the token that authenticated the caller.
    token_digest: str | None = None
    #: The rights version ``user`` was resolved under.
    rights_version: int = 0
    #: The ``connection_init`` payload (WebSocket only), set by Strawberry.
    connection_params: dict[str, object] | None = None
    loaders: Loaders = field(default_factory=Loaders)
    #: The process's kept list counts (:mod:`api.counts`); none outside a running app.
    counts: CountCache | None = None

    @property
    def settings(self) -> Settings:
        return self.services.settings

    @property
    def viewer(self) -> Viewer:
        """The authenticated user with their rights.

        Raises:
            Unauthenticated: nobody is (the message says how to authenticate).
        """
        if self.user is None:
            raise Unauthenticated(self.auth_error)
        return self.user

    async def current_viewer(self) -> Viewer:
        """The viewer under the current rights: re-resolved (once per change and token)
        when roles, assignments or tokens changed since it was resolved.

        Raises:
            Unauthenticated: nobody is authenticated, or the token stopped working.
        """
        viewer = self.viewer
        watch = self.rights_watch
        if self.token_digest is None or watch.version == self.rights_version:
            return viewer
        version = watch.version
        fresh = await watch.viewer(self.token_digest)
        if fresh is None:
            self.user, self.auth_error = None, REVOKED_MESSAGE
            raise Unauthenticated(REVOKED_MESSAGE)
        self.user, self.rights_version = fresh, version
        return fresh


Info = strawberry.Info[Context, None]
