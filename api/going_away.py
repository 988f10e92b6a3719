"""A stopping API process tells its WebSocket clients it is going away (close code 1001).

uvicorn, stopping on SIGTERM, ends open WebSockets with 1012 (service restart) at best and
lets the subscriptions' tasks die with the process. Here every WebSocket of this process
is tracked, and :class:`GoingAwayServer` closes each with **1001 "going away"** before
uvicorn's own shutdown, so the web page and other clients reconnect — to another API
process behind the load balancer, or to this one once it is back — and read their jobs
again (a subscription sends the stored state first).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Iterator
from typing import Any

import uvicorn
from starlette.types import Message, Send

logger = logging.getLogger(__name__)

#: RFC 6455: the endpoint is going away (a server shutting down).
GOING_AWAY = 1001
REASON = "server going away; reconnect"


class OpenSockets:
    """The ASGI ``send`` of every open WebSocket of this process."""

    def __init__(self) -> None:
        self._sends: dict[int, Send] = {}
        self._closed: set[int] = set()

    def __len__(self) -> int:
        return len(self._sends)

    @contextlib.contextmanager
    def track(self, send: Send) -> Iterator[Send]:
        """Register a connection for its lifetime; yields the ``send`` to hand to the app
        (it drops what the app sends after the close this module sent)."""
        key = id(send)

        async def guarded(message: Message) -> None:
            if key in self._closed:
                return  # the connection was closed as going away
            await send(message)

        self._sends[key] = send
        try:
            yield guarded
        finally:
            self._sends.pop(key, None)
            self._closed.discard(key)

    async def close_all(self) -> int:
        """Close every open WebSocket with 1001; returns how many."""
        sends = list(self._sends.items())
        for key, send in sends:
            self._closed.add(key)
            with contextlib.suppress(Exception):  # already gone
                await send({"type": "websocket.close", "code": GOING_AWAY, "reason": REASON})
        if sends:
            logger.info("closed %s WebSocket connections as going away", len(sends))
        return len(sends)


#: This process's open WebSockets.
open_sockets = OpenSockets()


class GoingAwayServer(uvicorn.Server):
    """uvicorn's server, closing WebSockets with 1001 before its own shutdown."""

    async def shutdown(self, sockets: Any = None) -> None:
        await open_sockets.close_all()
        await asyncio.sleep(0)  # let the close frames go out
        await super().shutdown(sockets)
