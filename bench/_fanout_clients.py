"""One process of `bench.fanout`'s subscribers: N WebSocket clients on `jobEvents`.

    python -m bench._fanout_clients URL TOKEN COUNT OUT QUERY

Connects COUNT clients, subscribes each, and waits for each one's `pong` (the server
answers a `ping` sent after `subscribe` once the stream listens). Prints `ready` when all
listen, records every `next` until a line `stop` arrives on stdin and then nothing more
has arrived for a second (what the server still had queued is delivered, not cut off), then
writes OUT (JSON):
per client, the events it received as ``[sent_at, version, received_at]``, and its errors.

Each client is a small asyncio protocol around websockets' sans-I/O connection (no task
per client, no queue per message), so that the clients' own cost, which shares the
machine with the server, stays small: a browser would spend its own CPU.
"""

from __future__ import annotations

import asyncio
import json
import sys
import time
from typing import Any
from urllib.parse import urlparse

from websockets.client import ClientProtocol
from websockets.frames import Frame, Opcode
from websockets.http11 import Response
from websockets.typing import Subprotocol
from websockets.uri import parse_uri

#: When any client of this process last received data (for draining at the end).
last_received = 0.0


class Client(asyncio.Protocol):
    """One subscriber: handshake, `connection_init`, `subscribe`, `ping`, then records."""

    def __init__(self, url: str, token: str, query: str, ready: asyncio.Future[None],
                 record: dict[str, Any]) -> None:
        self.ws = ClientProtocol(parse_uri(url),
                                 subprotocols=[Subprotocol("graphql-transport-ws")])
        self.token = token
        self.query = query
        self.ready = ready
        self.received: list[list[float]] = record["received"]
        self.errors: list[str] = record["errors"]
        self.transport: asyncio.Transport | None = None

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        assert isinstance(transport, asyncio.Transport)
        self.transport = transport
        self.ws.send_request(self.ws.connect())
        self._flush()

    def data_received(self, data: bytes) -> None:
        global last_received
        at = last_received = time.time()
        self.ws.receive_data(data)
        for event in self.ws.events_received():
            if isinstance(event, Response):
                self._send({"type": "connection_init",
                            "payload": {"authorization": f"Bearer {self.token}"}})
            elif isinstance(event, Frame) and event.opcode is Opcode.TEXT:
                self._on_text(bytes(event.data), at)
        self._flush()

    def _on_text(self, text: bytes, at: float) -> None:
        start = text.find(b'"t=')
        if start != -1:
            sent = float(text[start + 3:text.index(b'"', start + 3)])
            version = -1.0
            found = text.find(b'"version": ')
            if found != -1:
                tail = text[found + 11:found + 40]
                version = float(tail[:min(i for i in (tail.find(b","), tail.find(b"}"))
                                          if i != -1)])
            self.received.append([sent, version, at])
            return
        message = json.loads(text)
        kind = message.get("type")
        if kind == "connection_ack":
            self._send({"id": "1", "type": "subscribe", "payload": {"query": self.query}})
            self._send({"type": "ping", "payload": {"listening": "1"}})
        elif kind == "pong" and not self.ready.done():
            self.ready.set_result(None)
        elif kind in ("error", "complete") or message.get("payload", {}).get("errors"):
            self.errors.append(text[:300].decode())

    def _send(self, message: dict[str, Any]) -> None:
        self.ws.send_text(json.dumps(message).encode())

    def _flush(self) -> None:
        assert self.transport is not None
        for data in self.ws.data_to_send():
            if data:
                self.transport.write(data)

    def connection_lost(self, exc: Exception | None) -> None:
        if not self.ready.done():
            self.errors.append(f"connection lost before listening: {exc}")
            self.ready.set_result(None)


async def _main(url: str, token: str, count: int, out: str, query: str) -> None:
    loop = asyncio.get_running_loop()
    host = urlparse(url)
    results: list[dict[str, Any]] = []
    waiting = []
    transports = []
    for _ in range(count):
        record: dict[str, Any] = {"received": [], "errors": []}
        results.append(record)
        ready: asyncio.Future[None] = loop.create_future()
        waiting.append(ready)
        try:
            transport, _ = await loop.create_connection(
                lambda r=ready, rec=record: Client(url, token, query, r, rec),  # type: ignore[misc]
                host.hostname, host.port)
            transports.append(transport)
        except OSError as exc:
            record["errors"].append(f"could not connect: {exc}")
            ready.set_result(None)
    await asyncio.gather(*waiting)
    print("ready", flush=True)
    await loop.run_in_executor(None, sys.stdin.readline)
    drain_until = time.time() + 60
    while time.time() - last_received < 1.0 and time.time() < drain_until:
        await asyncio.sleep(0.1)
    for transport in transports:
        transport.close()
    with open(out, "w") as f:
        json.dump(results, f)


if __name__ == "__main__":
    asyncio.run(_main(sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4], sys.argv[5]))
