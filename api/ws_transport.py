"""The ``graphql-transport-ws`` handler: Strawberry's, telling each operation who it is.

Two additions to Strawberry's handler, both within the protocol:

* Each operation's task knows its ``subscribe`` message (:data:`api.fanout.CURRENT_OPERATION`),
  so ``jobEvents`` can write frames rendered once for many sockets straight to this one.
* A subscription is listening before the next message of the connection is handled, and
  ``pong`` echoes the ``ping``'s payload: a client that sends ``subscribe`` then ``ping``
  knows, at the ``pong``, that every later change will reach it — and reads its list then.
"""

from __future__ import annotations

import asyncio

from strawberry.subscriptions.protocols.graphql_transport_ws.handlers import (
    BaseGraphQLTransportWSHandler,
)
from strawberry.subscriptions.protocols.graphql_transport_ws.handlers import (
    Operation as StrawberryOperation,
)
from strawberry.subscriptions.protocols.graphql_transport_ws.types import (
    PingMessage,
    PongMessage,
    SubscribeMessage,
)

from api.context import Context
from api.fanout import CURRENT_OPERATION, Operation


class TransportWSHandler(BaseGraphQLTransportWSHandler[Context, None]):
    """Strawberry's handler, with the operation known to its task and ``ping`` ordered."""

    _received: dict[str, Operation] | None = None

    async def handle_subscribe(self, message: SubscribeMessage) -> None:
        received = self._received = self._received or {}
        payload = message["payload"]
        received[message["id"]] = Operation(
            id=message["id"], query=payload["query"], variables=payload.get("variables"),
            operation_name=payload.get("operationName"),
        )
        before = self.operations.get(message["id"])
        await super().handle_subscribe(message)
        started = self.operations.get(message["id"])
        if started is None or started is before or started.task is None:
            received.pop(message["id"], None)
            return
        listening = asyncio.ensure_future(received[message["id"]].listening.wait())
        try:
            await asyncio.wait({started.task, listening}, return_when=asyncio.FIRST_COMPLETED)
        finally:
            listening.cancel()

    async def run_operation(self, operation: StrawberryOperation[Context, None]) -> None:
        received = (self._received or {}).pop(operation.id, None)
        if received is not None:
            CURRENT_OPERATION.set(received)
        await super().run_operation(operation)

    async def handle_ping(self, message: PingMessage) -> None:
        pong: PongMessage = {"type": "pong"}
        if message.get("payload") is not None:
            pong["payload"] = message["payload"]
        await self.send_message(pong)
