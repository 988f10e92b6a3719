"""One process of `bench.fanout`'s subscribers: N WebSocket clients on `jobEvents`.

    python -m bench._fanout_clients URL TOKEN COUNT OUT QUERY

Connects COUNT clients, subscribes each, and waits for each one's `pong` (the server
answers a `ping` sent after `subscribe` once the stream listens). Prints `ready` when all
listen, records every `next` until a line `stop` arrives on stdin, then writes OUT (JSON):
per client, the events it received as ``[sent_at, version, received_at]``, and its errors.
"""

from __future__ import annotations

import asyncio
import json
import sys
import time
from typing import Any

from websockets.asyncio.client import connect


async def _client(url: str, token: str, query: str, ready: asyncio.Queue[None],
                  received: list[list[float]], errors: list[str]) -> None:
    try:
        async with connect(url, subprotocols=["graphql-transport-ws"],  # type: ignore[list-item]
                           max_queue=None, open_timeout=120) as ws:
            await ws.send(json.dumps({"type": "connection_init",
                                      "payload": {"authorization": f"Bearer {token}"}}))
            if json.loads(await ws.recv())["type"] != "connection_ack":
                raise RuntimeError("no connection_ack")
            await ws.send(json.dumps({"id": "1", "type": "subscribe",
                                      "payload": {"query": query}}))
            await ws.send(json.dumps({"type": "ping", "payload": {"listening": "1"}}))
            while json.loads(await ws.recv())["type"] != "pong":
                pass
            ready.put_nowait(None)
            async for raw in ws:
                at = time.time()
                text = raw if isinstance(raw, str) else raw.decode()
                start = text.find('"t=')
                if start == -1:
                    if '"errors"' in text or '"error"' in text:
                        errors.append(text[:300])
                    continue
                sent = float(text[start + 3:text.index('"', start + 3)])
                version_at = text.find('"version": ')
                version = -1.0
                if version_at != -1:
                    tail = text[version_at + 11:]
                    version = float(tail[:min(i for i in (tail.find(","), tail.find("}"))
                                              if i != -1)])
                received.append([sent, version, at])
    except Exception as exc:
        errors.append(f"{type(exc).__name__}: {exc}")
        ready.put_nowait(None)


async def _main(url: str, token: str, count: int, out: str, query: str) -> None:
    ready: asyncio.Queue[None] = asyncio.Queue()
    results: list[dict[str, Any]] = []
    tasks = []
    for _ in range(count):
        client: dict[str, Any] = {"received": [], "errors": []}
        results.append(client)
        tasks.append(asyncio.create_task(
            _client(url, token, query, ready, client["received"], client["errors"])))
        await asyncio.sleep(0.001)
    for _ in range(count):
        await ready.get()
    print("ready", flush=True)
    loop = asyncio.get_running_loop()
    await loop.run_in_executor(None, sys.stdin.readline)
    for task in tasks:
        task.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)
    with open(out, "w") as f:
        json.dump(results, f)


if __name__ == "__main__":
    asyncio.run(_main(sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4], sys.argv[5]))
