"""A cap on the size of HTTP request bodies (``JOBPROCESSOR_MAX_REQUEST_BYTES``) and on the
time a client may take to send one (``JOBPROCESSOR_BODY_READ_TIMEOUT_SECONDS``).

Neither uvicorn nor Starlette limits a request body; a GraphQL request is a few
kilobytes, so anything much larger is refused with 413 before the application reads it,
and a body that does not arrive in time gets 408 (the connection is not held open).
WebSocket messages are capped by uvicorn itself (``JOBPROCESSOR_WS_MAX_MESSAGE_BYTES``).
"""

from __future__ import annotations

import asyncio
import json

from starlette.datastructures import Headers
from starlette.types import ASGIApp, Message, Receive, Scope, Send


class BodySizeLimit:
    """Reads a request's body (up to ``max_bytes``) before the app does; 413 beyond it."""

    def __init__(self, app: ASGIApp, max_bytes: int, read_timeout_seconds: float = 10.0) -> None:
        self.app = app
        self.max_bytes = max_bytes
        self.read_timeout_seconds = read_timeout_seconds

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = Headers(scope=scope).get("content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.max_bytes:
            await self._refuse(send)
            return
        body = bytearray()
        try:
            async with asyncio.timeout(self.read_timeout_seconds):
                while True:
                    message = await receive()
                    if message["type"] != "http.request":
                        break
                    body += message.get("body", b"")
                    if len(body) > self.max_bytes:
                        await self._refuse(send)
                        return
                    if not message.get("more_body", False):
                        break
        except TimeoutError:
            await _send_json(send, 408, (
                f"The request body did not arrive within {self.read_timeout_seconds:g} s "
                "(JOBPROCESSOR_BODY_READ_TIMEOUT_SECONDS)."
            ))
            return
        replayed = False

        async def replay() -> Message:
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": bytes(body), "more_body": False}
            return await receive()

        await self.app(scope, replay, send)

    async def _refuse(self, send: Send) -> None:
        await _send_json(send, 413, (
            f"The request body is larger than {self.max_bytes} bytes "
            "(JOBPROCESSOR_MAX_REQUEST_BYTES)."
        ))


async def _send_json(send: Send, status: int, message: str) -> None:
    payload = json.dumps({"error": message}).encode()
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json"),
                            (b"content-length", str(len(payload)).encode())]})
    await send({"type": "http.response.body", "body": payload})
