"""A small ``graphql-transport-ws`` client for tests that talk to a real server."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from typing import Any

from websockets.asyncio.client import ClientConnection, connect

#: Seconds any single message may take to arrive.
TIMEOUT = 10.0


class GraphQLErrors(AssertionError):
    """A response carried GraphQL errors where the test expected none."""


class GraphQLSocket:
    """A ``graphql-transport-ws`` client: ``async with api.socket() as ws: ...``."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.ws: ClientConnection | None = None

    async def __aenter__(self) -> GraphQLSocket:
        self.ws = await connect(self.url, subprotocols=["graphql-transport-ws"])  # type: ignore[list-item]
        return self

    async def __aexit__(self, *exc: object) -> None:
        assert self.ws is not None
        await self.ws.close()

    async def send(self, message: dict[str, Any]) -> None:
        assert self.ws is not None
        await self.ws.send(json.dumps(message))

    async def receive(self) -> dict[str, Any]:
        """The next message (fails after :data:`TIMEOUT` seconds)."""
        assert self.ws is not None
        message: dict[str, Any] = json.loads(await asyncio.wait_for(self.ws.recv(), TIMEOUT))
        return message

    async def init(self, token: str | None) -> dict[str, Any]:
        """Send ``connection_init`` (with the token, if any) and return the answer."""
        payload = {"authorization": f"Bearer {token}"} if token else {}
        await self.send({"type": "connection_init", "payload": payload})
        return await self.receive()

    async def subscribe(
        self, query: str, variables: dict[str, Any] | None = None, op_id: str = "1"
    ) -> None:
        await self.send(
            {"id": op_id, "type": "subscribe",
             "payload": {"query": query, "variables": variables or {}}}
        )

    async def listening(self) -> None:
        """After ``subscribe``: return once the subscription listens, so that every later
        change reaches it (the server answers a ``ping`` only after the subscriptions
        before it listen, ``api/ws_transport.py``). Messages before the ``pong`` are
        dropped: call it before anything can be streamed."""
        await self.send({"type": "ping", "payload": {"after": "subscribe"}})
        while (await self.receive())["type"] != "pong":
            pass

    async def message_for(self, op_id: str) -> dict[str, Any]:
        """The next message of one operation (``next``, ``error`` or ``complete``)."""
        while True:
            message = await self.receive()
            if message.get("id") == op_id:
                return message

    async def results(self, op_id: str = "1") -> AsyncIterator[dict[str, Any]]:
        """Each ``next`` payload of an operation, until it completes (errors fail the test)."""
        while True:
            message = await self.receive()
            if message.get("id") != op_id:
                continue
            if message["type"] == "complete":
                return
            if message["type"] == "error" or message["payload"].get("errors"):
                raise GraphQLErrors(json.dumps(message, indent=2))
            yield message["payload"]["data"]


def errors_of(message: dict[str, Any]) -> list[dict[str, Any]]:
    """The GraphQL errors a message carries (an ``error`` message, or ``next`` with errors)."""
    if message["type"] == "error":
        errors: list[dict[str, Any]] = message["payload"]
        return errors
    if message["type"] == "next":
        return list(message["payload"].get("errors") or [])
    return []
