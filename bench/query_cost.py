"""Issue 15's F1 recipe against a real embedded server (the demo, as the analyst).

    .venv/bin/python -m bench.query_cost

Resubmits one job with its id 500 times, gives it 200 copies, then asks for a page of 200
jobs with each one's original and its audit trail, with 1, 3 and 30 aliases, and one page
the cost limit allows; meanwhile it probes ``/healthz``. Prints each time and the worst
``/healthz`` latency. Runs in well under a minute.
"""

from __future__ import annotations

import asyncio
import os
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx

RESUBMIT = "mutation($ids: [ID!]!) { resubmitJobs(ids: $ids) { __typename } }"
SUBMIT = ("mutation { submitJob(input: {params: {report: {report: EMPLOYEE_LIST}}}) "
          "{ __typename ... on Job { id } } }")
PAGE = "jobs(first: 200) { edges { node { resubmittedFrom { events { kind actor { name } } } } } }"
ALLOWED = ("{ jobs(first: 100) { edges { node { resubmittedFrom { events(last: 100) "
           "{ kind } } } } } }")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


async def _probe(base: str, stop: asyncio.Event, worst: list[float]) -> None:
    async with httpx.AsyncClient(base_url=base, timeout=60) as client:
        while not stop.is_set():
            started = time.perf_counter()
            await client.get("/healthz")
            worst[0] = max(worst[0], time.perf_counter() - started)
            await asyncio.sleep(0.05)


async def _recipe(client: httpx.AsyncClient, base: str) -> None:
    tokens = {e["username"]: e["token"] for e in (await client.get("/demo-tokens")).json()}
    headers = {"Authorization": f"Bearer {tokens['analyst']}"}

    async def gql(query: str, variables: dict[str, Any] | None = None) -> httpx.Response:
        return await client.post("/graphql", json={"query": query, "variables": variables or {}},
                                 headers=headers)

    original = (await gql(SUBMIT)).json()["data"]["submitJob"]["id"]
    worst, stop = [0.0], asyncio.Event()
    probe = asyncio.create_task(_probe(base, stop, worst))
    started = time.perf_counter()
    kinds = [r["__typename"] for r in
             (await gql(RESUBMIT, {"ids": [original] * 500})).json()["data"]["resubmitJobs"]]
    print(f"resubmitJobs [X x 500]: {time.perf_counter() - started:.3f} s, "
          f"{kinds.count('Job')} copy, {kinds.count('DuplicateJobId')} DuplicateJobId")
    for _ in range(199):
        await gql(RESUBMIT, {"ids": [original]})
    for aliases in (1, 3, 30):
        query = "{ " + " ".join(f"a{i}: {PAGE}" for i in range(aliases)) + " }"
        started = time.perf_counter()
        response = await gql(query)
        error = (response.json().get("errors") or [{}])[0].get("extensions", {})
        print(f"{aliases} alias(es): {time.perf_counter() - started:.3f} s, "
              f"{len(response.content)} bytes, {error.get('code')} (cost {error.get('cost')})")
    started = time.perf_counter()
    response = await gql(ALLOWED)
    print(f"an allowed page (100 jobs x 100 events): {time.perf_counter() - started:.3f} s, "
          f"{len(response.content)} bytes, errors: {bool(response.json().get('errors'))}")
    stop.set()
    await probe
    print(f"worst /healthz latency meanwhile: {worst[0] * 1000:.0f} ms")


async def main() -> None:
    data = Path(tempfile.mkdtemp(prefix="jp-bench-cost-"))
    port = _free_port()
    command = [str(Path(sys.executable).parent / "jobprocessor"), "serve", "--port", str(port)]
    server = subprocess.Popen(command, env={**os.environ, "JOBPROCESSOR_DATA_DIR": str(data)},
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        async with httpx.AsyncClient(base_url=base, timeout=120) as client:
            for _ in range(600):
                try:
                    if (await client.get("/healthz")).status_code == 200:
                        break
                except httpx.HTTPError:
                    pass
                await asyncio.sleep(0.2)
            await _recipe(client, base)
    finally:
        server.terminate()
        server.wait(30)


if __name__ == "__main__":
    asyncio.run(main())
