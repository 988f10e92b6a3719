"""Stopping a worker hands back even a job that reaches no checkpoint (issue 12, item 5).

(``tests/integration`` stops a worker process with SIGTERM; ``test_suite.py`` does it to
a busy worker among others.)
"""

from __future__ import annotations

import asyncio
import json
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from engine.conftest import SubmittedJobFactory, audit_trail, embedded_services, wait_for_status
from graphql_ws_client import GraphQLSocket
from websockets.exceptions import ConnectionClosed

from workers.engine.reaper import crashes_so_far
from workers.engine.services import open_services
from workers.engine.settings import Settings
from workers.engine.status import JobStatus

from .jobs import GATES, STARTED

pytestmark = pytest.mark.usefixtures("fault_job_types")

ROOT = Path(__file__).resolve().parents[2]


async def test_a_job_without_a_checkpoint_is_handed_back_after_the_grace_period_for_free(
    settings: Settings, submitted_job: SubmittedJobFactory
) -> None:
    settings = settings.with_overrides(shutdown_grace_seconds=0.2)
    services = await open_services(settings)
    job = await submitted_job(type="TEST_GATED", params={"ignoreStop": True})
    await asyncio.wait_for(STARTED[job.id].wait(), 30)

    closing = asyncio.create_task(services.close())
    handed_back = await wait_for_status(job.id, JobStatus.SUBMITTED, timeout=30)
    GATES[job.id].set()  # the body ends after all: its result is no longer wanted
    await asyncio.wait_for(closing, 30)

    async with embedded_services(settings):
        trail = await audit_trail(job.id)
        crashes = await crashes_so_far(job.id)
        done = await wait_for_status(job.id, JobStatus.COMPLETED, timeout=30)

    assert handed_back.result is None
    assert trail[2].message == "worker shut down during attempt 1; waiting for another"
    assert crashes == 0
    assert done.result is not None and done.result["summary"] == "Gate opened after run 2."


async def test_a_stopping_api_process_closes_subscriptions_as_going_away(tmp_path: Path) -> None:
    port = free_port()
    environ = {k: v for k, v in os.environ.items() if not k.startswith("JOBPROCESSOR_")}
    environ.update(JOBPROCESSOR_DATA_DIR=str(tmp_path / "data"), JOBPROCESSOR_DEMO="1")
    server = subprocess.Popen(
        [sys.executable, "-m", "api.cli", "serve", "--port", str(port)],
        cwd=ROOT,
        env=environ,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        await asyncio.to_thread(wait_until_healthy, port, server)
        tokens = json.loads((tmp_path / "data" / "demo-tokens.json").read_text())
        async with GraphQLSocket(f"ws://127.0.0.1:{port}/graphql") as ws:
            await ws.send(
                {
                    "type": "connection_init",
                    "payload": {"authorization": f"Bearer {tokens[0]['token']}"},
                }
            )
            assert (await ws.receive())["type"] == "connection_ack"
            await ws.send(
                {
                    "id": "1",
                    "type": "subscribe",
                    "payload": {"query": "subscription { jobEvents { kind job { id } } }"},
                }
            )
            await asyncio.sleep(0.2)  # the subscription is running

            server.send_signal(signal.SIGTERM)
            assert ws.ws is not None
            with pytest.raises(ConnectionClosed) as closed:
                await asyncio.wait_for(ws.ws.recv(), 30)
        exit_code = await asyncio.to_thread(server.wait, 30)
    finally:
        if server.poll() is None:
            server.kill()
            server.wait()

    assert closed.value.rcvd is not None and closed.value.rcvd.code == 1001
    # uvicorn re-raises the signal once it has shut down cleanly, as a default handler would.
    assert exit_code in (0, -signal.SIGTERM)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_until_healthy(port: int, server: subprocess.Popen[str]) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and server.poll() is None:
        try:
            httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=1).raise_for_status()
            return
        except httpx.HTTPError:
            time.sleep(0.1)
    raise AssertionError(
        f"the server did not start: {server.stderr.read() if server.stderr else ''}"
    )
