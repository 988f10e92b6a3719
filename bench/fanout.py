"""One progress event to 1,000 live subscribers: delivery latency through the whole stack.

    .venv/bin/python -m bench.fanout [--subscribers 1000] [--seconds 8]

A distributed setup on this machine: one `jobprocessor serve` process (API only), one
`jobprocessor worker` process, PostgreSQL and Redis. N WebSocket clients (in this process)
subscribe to `jobEvents`; a job then reports progress five times a second with the wall
clock time in its message. Each client notes how late each event reached it — from the
job's `ctx.progress` call, through the database, Redis pub/sub, the API's one shared
listener and its fan-out, to the client. Prints p50 / p99 / max (target: p99 <= 150 ms).
The clients share the machine's two cores with everything else, so the figure includes
their own delays.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import socket
import statistics
import sys
import time

import httpx

from bench._common import REDIS_URL, prefix, process, scratch_postgres

SUBSCRIBE = {
    "id": "1", "type": "subscribe",
    "payload": {"query": "subscription { jobEvents { kind job { id progressMessage } } }"},
}


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


async def _client(url: str, token: str, ready: asyncio.Event, counter: list[int], total: int,
                  delays: list[float], stop: asyncio.Event) -> None:
    from websockets.asyncio.client import connect

    async with connect(url, subprotocols=["graphql-transport-ws"],  # type: ignore[list-item]
                       max_queue=None) as ws:
        await ws.send(json.dumps({"type": "connection_init",
                                  "payload": {"authorization": f"Bearer {token}"}}))
        assert json.loads(await ws.recv())["type"] == "connection_ack"
        await ws.send(json.dumps(SUBSCRIBE))
        counter[0] += 1
        if counter[0] == total:
            ready.set()
        while not stop.is_set():
            try:
                raw = await asyncio.wait_for(ws.recv(), 0.5)
            except TimeoutError:
                continue
            received = time.time()
            message = json.loads(raw)
            if message.get("type") != "next":
                continue
            text = message["payload"]["data"]["jobEvents"]["job"]["progressMessage"] or ""
            if text.startswith("t="):
                delays.append((received - float(text[2:])) * 1000)


async def _run(env: dict[str, str], url: str, subscribers: int, seconds: float) -> list[float]:
    from bench.noop_job import TickJob
    from workers.access import identity
    from workers.engine import submission
    from workers.engine.services import open_services
    from workers.engine.settings import Settings

    settings = Settings(database_url_override=env["JOBPROCESSOR_DATABASE_URL"],
                        redis_url=REDIS_URL, redis_prefix=env["JOBPROCESSOR_REDIS_PREFIX"],
                        secret_key="bench", demo=False)
    services = await open_services(settings, run_jobs=False)
    try:
        user, token = await identity.create_user("bench", role="admin")
        ready, stop = asyncio.Event(), asyncio.Event()
        counter, delays = [0], []  # type: ignore[var-annotated]
        ws_url = url.replace("http://", "ws://") + "/graphql"
        clients = []
        for _ in range(subscribers):
            clients.append(asyncio.create_task(
                _client(ws_url, token, ready, counter, subscribers, delays, stop)))
            await asyncio.sleep(0.002)
        await asyncio.wait_for(ready.wait(), 120)
        await asyncio.sleep(1.0)
        await submission.submit(TickJob.name, {"seconds": seconds, "tickSeconds": 0.2,
                                               "reportEvery": 1}, user_id=user.id)
        await asyncio.sleep(seconds + 2)
        stop.set()
        await asyncio.gather(*clients, return_exceptions=True)
    finally:
        await services.close()
    return delays


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--subscribers", type=int, default=1000)
    parser.add_argument("--seconds", type=float, default=8.0)
    args = parser.parse_args()
    with scratch_postgres() as db_url:
        env = {
            "JOBPROCESSOR_DATABASE_URL": db_url,
            "JOBPROCESSOR_REDIS_URL": REDIS_URL,
            "JOBPROCESSOR_REDIS_PREFIX": prefix(),
            "JOBPROCESSOR_SECRET_KEY": "bench",
        }
        port = _free_port()
        url = f"http://127.0.0.1:{port}"
        serve = [sys.executable, "-m", "api.cli", "serve", "--port", str(port),
                 "--log-level", "warning"]
        worker = [sys.executable, "-m", "api.cli", "worker"]
        with process(serve, env), process(worker, env):
            deadline = time.monotonic() + 60
            while time.monotonic() < deadline:
                try:
                    if httpx.get(f"{url}/healthz", timeout=1).status_code == 200:
                        break
                except httpx.HTTPError:
                    time.sleep(0.2)
            delays = asyncio.run(_run(env, url, args.subscribers, args.seconds))
    if not delays:
        raise SystemExit("no events arrived")
    delays.sort()
    p99 = delays[max(0, int(len(delays) * 0.99) - 1)]
    print(f"{args.subscribers} subscribers, {len(delays)} deliveries")
    print(f"delivery delay: p50 {statistics.median(delays):.1f} ms   p99 {p99:.1f} ms   "
          f"max {delays[-1]:.1f} ms   (target p99 <= 150 ms)")


if __name__ == "__main__":
    main()
