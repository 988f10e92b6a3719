"""The Strawberry view: builds each request's context and authenticates WebSocket clients.

Only the ``graphql-transport-ws`` protocol is offered (the legacy ``graphql-ws`` had an
authentication-bypass flaw); a client must send ``connection_init`` within
``JOBPROCESSOR_WS_INIT_TIMEOUT_SECONDS`` (10) and may run at most
``JOBPROCESSOR_MAX_SUBSCRIPTIONS_PER_CONNECTION`` (50) subscriptions at once. GraphiQL is
served unless ``JOBPROCESSOR_GRAPHIQL=0``.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from cross_web import AsyncHTTPRequestAdapter, HTTPException
from graphql import GraphQLSyntaxError, OperationType, get_operation_ast, parse
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.types import Receive, Scope, Send
from starlette.websockets import WebSocket
from strawberry.asgi import ASGIWebSocketAdapter, GraphQL
from strawberry.exceptions import ConnectionRejectionError
from strawberry.http import GraphQLRequestData
from strawberry.subscriptions import GRAPHQL_TRANSPORT_WS_PROTOCOL
from strawberry.types.unset import UNSET, UnsetType

from api import graphiql
from api.auth import authenticate_connection, authenticate_header
from api.context import Context
from api.going_away import open_sockets
from api.rights_watch import RightsWatch
from api.schema import schema
from workers.engine.settings import Settings

SUBSCRIPTION_OVER_HTTP = (
    "Subscriptions run over WebSocket: connect to ws(s)://<host>/graphql with the "
    "graphql-transport-ws protocol (GraphiQL does this for you)."
)


class _WebSocketAdapter(ASGIWebSocketAdapter):
    """Closes a rejected connection with the reason :meth:`JobProcessorGraphQL.on_ws_connect`
    stored, instead of Strawberry's bare "Forbidden"."""

    async def close(self, code: int, reason: str) -> None:
        if code == 4403:
            reason = getattr(self.ws.state, "rejection_reason", reason)
        await super().close(code, reason)


class JobProcessorGraphQL(GraphQL[Context, None]):
    """``/graphql`` over HTTP (GraphiQL on GET from a browser) and WebSocket."""

    websocket_adapter_class = _WebSocketAdapter

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

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """As Strawberry's, but a request refused before it executes — an unknown
        ``operationName``, a subscription over HTTP, a body that is not GraphQL — gets a
        GraphQL-shaped JSON error (``{"errors": [{"message", "extensions": {"code"}}]}``)
        with the same status, instead of a plain-text body that clients cannot read."""
        if scope["type"] == "websocket":
            with open_sockets.track(send) as tracked_send:
                await super().__call__(scope, receive, tracked_send)
            return
        if scope["type"] != "http":
            await super().__call__(scope, receive, send)
            return
        try:
            response: Response = await self.run(Request(scope=scope, receive=receive))
        except HTTPException as exc:
            response = JSONResponse(
                {"errors": [{"message": exc.reason, "extensions": {"code": "BAD_REQUEST"}}]},
                status_code=exc.status_code,
            )
        await response(scope, receive, send)

    @property
    def graphql_ide_html(self) -> str:
        """Strawberry's GraphiQL page, loading its scripts from this server when it can."""
        html = super().graphql_ide_html
        return graphiql.localise(html) if graphiql.available() else html

    async def execute_operation(
        self,
        request: Request,
        request_adapter: AsyncHTTPRequestAdapter,
        request_data: GraphQLRequestData | list[GraphQLRequestData],
        context: Context,
        root_value: None,
        sub_response: Response,
    ) -> Any:
        """Refuse subscriptions over plain HTTP with a message that says where they live."""
        if isinstance(request_data, GraphQLRequestData) and _is_subscription(request_data):
            raise HTTPException(400, SUBSCRIPTION_OVER_HTTP)
        return await super().execute_operation(
            request, request_adapter, request_data, context, root_value, sub_response
        )

    async def get_context(
        self, request: Request | WebSocket, response: Response | WebSocket
    ) -> Context:
        state = request.app.state
        watch: RightsWatch = state.rights_watch
        context = Context(
            request=request, response=response, services=state.services,
            secret_key=state.secret_key, rights_watch=watch,
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
        found = await authenticate_connection(context.connection_params)
        if found.viewer is None:
            context.request.state.rejection_reason = found.reason
            raise ConnectionRejectionError({"message": found.reason})
        context.user, context.token_digest = found.viewer, found.token_digest
        context.rights_version = version
        return UNSET


def _is_subscription(request_data: GraphQLRequestData) -> bool:
    query = request_data.query
    if not query or "subscription" not in query:
        return False
    try:
        operation = get_operation_ast(parse(query), request_data.operation_name)
    except GraphQLSyntaxError:
        return False  # execution reports the syntax error
    return operation is not None and operation.operation is OperationType.SUBSCRIPTION
