"""The Strawberry view: builds each request's context and authenticates WebSocket clients.

Only the ``graphql-transport-ws`` protocol is offered (the legacy ``graphql-ws`` had an
authentication-bypass flaw); a client must send ``connection_init`` within
``JOBPROCESSOR_WS_INIT_TIMEOUT_SECONDS`` (10), may run at most
``JOBPROCESSOR_MAX_SUBSCRIPTIONS_PER_CONNECTION`` (50) subscriptions at once, and one token
may hold at most ``JOBPROCESSOR_MAX_WS_CONNECTIONS_PER_TOKEN`` (20) connections open.
GraphiQL is served unless ``JOBPROCESSOR_GRAPHIQL=0``.

Over HTTP every answer is JSON: a malformed body (:mod:`api.request_body`), a refusal by
Strawberry itself (its plain-text 4xx, rewritten), a request that ran longer than
``JOBPROCESSOR_REQUEST_TIMEOUT_SECONDS`` (stopped, 503 ``REQUEST_TIMEOUT``) and an outage
of the database or Redis (503 ``SERVICE_UNAVAILABLE``, :mod:`api.outages`). A request whose
client went away is stopped too: nobody would read its answer.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections import Counter
from datetime import timedelta
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.types import Message, Receive, Scope, Send
from starlette.websockets import WebSocket
from strawberry.asgi import ASGIWebSocketAdapter, GraphQL
from strawberry.exceptions import ConnectionRejectionError
from strawberry.http import GraphQLHTTPResponse
from strawberry.subscriptions import GRAPHQL_TRANSPORT_WS_PROTOCOL
from strawberry.types.unset import UNSET, UnsetType

from api import graphiql, outages
from api.auth import authenticate_connection, authenticate_header
from api.context import Context
from api.going_away import open_sockets
from api.request_body import check_body
from api.rights_watch import RightsWatch
from api.schema import MAX_TOKENS, schema
from api.ws_transport import TransportWSHandler
from workers.engine.settings import Settings

logger = logging.getLogger(__name__)

TOO_MANY_CONNECTIONS = "Too many open connections for this token; close some first"


def graphql_error(status: int, message: str, code: str) -> JSONResponse:
    """A GraphQL-shaped error answer: ``{"errors": [{"message", "extensions": {"code"}}]}``."""
    return JSONResponse(
        {"errors": [{"message": message, "extensions": {"code": code}}]}, status_code=status
    )


#: WebSocket close code "Try Again Later" (RFC 6455 registry): a client reconnects.
CLOSE_TRY_AGAIN_LATER = 1013
#: The close reason during an outage (at most 123 bytes).
OUTAGE_REASON = "SERVICE_UNAVAILABLE: the job database is unreachable; reconnect in a moment"


class _WebSocketAdapter(ASGIWebSocketAdapter):
    """Closes a rejected connection with the reason :meth:`JobProcessorGraphQL.on_ws_connect`
    stored, instead of Strawberry's bare "Forbidden"; during an outage with 1013 ("try
    again later") instead of 4403, so that clients reconnect rather than sign out."""

    async def close(self, code: int, reason: str) -> None:
        if code == 4403:
            reason = getattr(self.ws.state, "rejection_reason", reason)
            if reason == OUTAGE_REASON:
                code = CLOSE_TRY_AGAIN_LATER
        await super().close(code, reason)


def _json_errors(send: Send) -> Send:
    """``send`` rewriting Strawberry's plain-text error answers as GraphQL JSON errors."""
    pending: dict[str, Message] = {}

    async def wrapped(message: Message) -> None:
        if message["type"] == "http.response.start":
            headers = dict(message.get("headers", []))
            plain = headers.get(b"content-type", b"").startswith(b"text/plain")
            if message["status"] >= 400 and plain:
                pending["start"] = message
                return
        elif message["type"] == "http.response.body" and "start" in pending:
            start = pending.pop("start")
            reason = bytes(message.get("body", b"")).decode("utf-8", "replace")
            code = "BAD_REQUEST" if start["status"] < 500 else outages.CODE
            response = graphql_error(start["status"], reason, code)
            await send({"type": "http.response.start", "status": start["status"],
                        "headers": response.raw_headers})
            await send({"type": "http.response.body", "body": response.body})
            return
        await send(message)

    return wrapped


class JobProcessorGraphQL(GraphQL[Context, None]):
    """``/graphql`` over HTTP (GraphiQL on GET from a browser) and WebSocket."""

    websocket_adapter_class = _WebSocketAdapter
    graphql_transport_ws_handler_class = TransportWSHandler

    def __init__(self, settings: Settings) -> None:
        super().__init__(
            schema,
            graphql_ide="graphiql" if settings.graphiql else None,
            allow_queries_via_get=False,
            subscription_protocols=(GRAPHQL_TRANSPORT_WS_PROTOCOL,),
            connection_init_wait_timeout=timedelta(seconds=settings.ws_init_timeout_seconds),
            max_subscriptions_per_connection=settings.max_subscriptions_per_connection,
            # Browsers' WebSocket handshakes from other sites are refused unless listed.
            allowed_origins=settings.allowed_origins,
        )
        self.settings = settings
        #: Open WebSocket connections per token digest, in this process.
        self.open_connections: Counter[str] = Counter()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "websocket":
            try:
                with open_sockets.track(send) as tracked_send:
                    await super().__call__(scope, receive, tracked_send)
            finally:
                digest = scope.get("state", {}).get("counted_token")
                if digest is not None:
                    self.open_connections[digest] -= 1
                    if self.open_connections[digest] <= 0:
                        del self.open_connections[digest]
            return
        if scope["type"] != "http":
            await super().__call__(scope, receive, send)
            return
        request = Request(scope=scope, receive=receive)
        body = await request.body()
        content_type = request.headers.get("content-type", "")
        if request.method == "POST" and ("json" in content_type or not content_type):
            problem = check_body(body, MAX_TOKENS)
            if problem is not None:
                await graphql_error(400, problem.message, "BAD_REQUEST")(scope, receive, send)
                return
        await self._answer(scope, request, send)

    async def _answer(self, scope: Scope, request: Request, send: Send) -> None:
        """Run the request until it is answered, its deadline passes or its client leaves."""
        started = False

        async def tracking(message: Message) -> None:
            nonlocal started
            started = True
            await send(message)

        async def replay() -> Message:
            # The body was read (and cached by ``request``): Strawberry reads it from there.
            return {"type": "http.request", "body": await request.body(), "more_body": False}

        handler = asyncio.ensure_future(self._run(scope, replay, _json_errors(tracking)))
        gone = asyncio.ensure_future(_disconnected(request.receive))
        try:
            done, _ = await asyncio.wait(
                {handler, gone}, timeout=self.settings.request_timeout_seconds,
                return_when=asyncio.FIRST_COMPLETED,
            )
        finally:
            gone.cancel()
        if handler in done:
            handler.result()
            return
        handler.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await handler
        if gone in done or started:
            return  # nobody to answer, or the answer already began
        logger.warning("GraphQL request stopped after %.1f s",
                       self.settings.request_timeout_seconds)
        await graphql_error(
            503,
            f"The request ran longer than {self.settings.request_timeout_seconds:g} s "
            "(JOBPROCESSOR_REQUEST_TIMEOUT_SECONDS) and was stopped; ask for less (smaller "
            "pages, fewer ids) and try again. A mutation may have been partly carried out.",
            "REQUEST_TIMEOUT",
        )(scope, request.receive, send)

    async def _run(self, scope: Scope, receive: Receive, send: Send) -> None:
        try:
            await super().__call__(scope, receive, send)
        except Exception as exc:
            if not outages.is_outage(exc):
                raise
            logger.warning("GraphQL request refused during an outage: %r", exc)
            await graphql_error(503, outages.MESSAGE, outages.CODE)(scope, receive, send)

    def create_response(
        self, response_data: GraphQLHTTPResponse | list[GraphQLHTTPResponse],
        sub_response: Response,
    ) -> Response:
        """As Strawberry's, but 503 when an outage kept the request from being answered."""
        response = super().create_response(response_data, sub_response)
        errors: list[Any] = list(response_data.get("errors") or []) if isinstance(
            response_data, dict) else []
        if isinstance(response_data, dict) and response_data.get("data") is None and any(
            isinstance(error, dict) and (error.get("extensions") or {}).get("code")
            == outages.CODE for error in errors
        ):
            response.status_code = 503
        return response

    @property
    def graphql_ide_html(self) -> str:
        """Strawberry's GraphiQL page, loading its scripts from this server when it can."""
        html = super().graphql_ide_html
        return graphiql.localise(html) if graphiql.available() else html

    async def get_context(
        self, request: Request | WebSocket, response: Response | WebSocket
    ) -> Context:
        state = request.app.state
        watch: RightsWatch = state.rights_watch
        context = Context(
            request=request, response=response, services=state.services,
            secret_key=state.secret_key, rights_watch=watch, counts=state.counts,
        )
        if isinstance(request, Request):
            # The GraphiQL page itself loads without a token: only fields demand one.
            version = watch.version
            found = await authenticate_header(request.headers.get("authorization"))
            context.user, context.auth_error = found.viewer, found.reason
            context.token_digest, context.rights_version = found.token_digest, version
        return context

    async def on_ws_connect(self, context: Context) -> UnsetType | dict[str, object] | None:
        version = context.rights_watch.version
        try:
            found = await authenticate_connection(context.connection_params)
        except Exception as exc:
            if not outages.is_outage(exc):
                raise
            context.request.state.rejection_reason = OUTAGE_REASON
            raise ConnectionRejectionError({"message": outages.MESSAGE,
                                            "code": outages.CODE}) from exc
        if found.viewer is None:
            context.request.state.rejection_reason = found.reason
            raise ConnectionRejectionError({"message": found.reason})
        digest = found.token_digest or ""
        if self.open_connections[digest] >= self.settings.max_ws_connections_per_token:
            context.request.state.rejection_reason = TOO_MANY_CONNECTIONS
            raise ConnectionRejectionError({"message": TOO_MANY_CONNECTIONS})
        self.open_connections[digest] += 1
        context.request.scope.setdefault("state", {})["counted_token"] = digest
        context.user, context.token_digest = found.viewer, found.token_digest
        context.rights_version = version
        return UNSET


async def _disconnected(receive: Receive) -> None:
    """Returns when the client closed the connection."""
    while (await receive())["type"] != "http.disconnect":
        pass

