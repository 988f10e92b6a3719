"""Distributed mode: two API processes and one worker process share PostgreSQL and Redis.

A job submitted through one API process is run by the worker process and followed live,
and downloaded, through the other API process — what several machines behind a load
balancer do.
"""

from __future__ import annotations

import csv
import io
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from graphql_ws_client import GraphQLSocket

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.integration

JOB_UPDATED = """
subscription Follow($id: ID!) {
  jobUpdated(id: $id) {
    id status progress progressMessage
    result { summary files { name downloadUrl } }
  }
}
"""
SUBMIT = """
mutation Submit($team: String) {
  submitJob(input: {params: {report: {team: $team}}, settings: {startAt: null}}) {
    __typename
    ... on Job { id status }
    ... on ValidationError { field message }
  }
}
"""


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _cli(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "api.cli", *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120, check=False)


@pytest.fixture
def cluster_env(pg_database: str, redis_url: str, redis_prefix: str,
                tmp_path: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("JOBPROCESSOR_")}
    env.update(
        JOBPROCESSOR_DATABASE_URL=pg_database,
        JOBPROCESSOR_REDIS_URL=redis_url,
        JOBPROCESSOR_REDIS_PREFIX=redis_prefix,
        JOBPROCESSOR_SECRET_KEY="distributed-test-secret",
        JOBPROCESSOR_DATA_DIR=str(tmp_path / "data"),
        JOBPROCESSOR_WORKER_THREADS="2",
    )
    return env


@pytest.fixture
def processes() -> Iterator[list[subprocess.Popen[bytes]]]:
    started: list[subprocess.Popen[bytes]] = []
    try:
        yield started
    finally:
        for proc in started:
            if proc.poll() is None:
                proc.send_signal(signal.SIGTERM)
        for proc in started:
            try:
                proc.wait(20)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


def _start(args: list[str], env: dict[str, str],
           processes: list[subprocess.Popen[bytes]], log: Path) -> subprocess.Popen[bytes]:
    handle = log.open("wb")
    proc = subprocess.Popen([sys.executable, "-m", "api.cli", *args], cwd=ROOT, env=env,
                            stdout=handle, stderr=subprocess.STDOUT)
    processes.append(proc)
    return proc


def _wait_healthy(url: str, proc: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            pytest.fail(f"server exited early:\n{log.read_text()}")
        try:
            if httpx.get(f"{url}/healthz", timeout=1).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.1)
    pytest.fail(f"server did not become healthy:\n{log.read_text()}")


async def test_a_job_submitted_on_one_api_runs_on_the_worker_and_is_watched_on_the_other(
    cluster_env: dict[str, str], processes: list[subprocess.Popen[bytes]], tmp_path: Path
) -> None:
    migrated = _cli("migrate", env=cluster_env)
    assert migrated.returncode == 0, migrated.stderr
    assert _cli("demo", env=cluster_env).returncode == 0
    created = _cli("users", "create", "dana", "--role", "admin", env=cluster_env)
    assert created.returncode == 0, created.stderr
    token = created.stdout.strip().splitlines()[-1]

    urls = []
    for name in ("api1", "api2"):
        port = _free_port()
        url = f"http://127.0.0.1:{port}"
        log = tmp_path / f"{name}.log"
        proc = _start(["serve", "--port", str(port), "--log-level", "warning"],
                      cluster_env, processes, log)
        _wait_healthy(url, proc, log)
        urls.append(url)
    _start(["worker"], cluster_env, processes, tmp_path / "worker.log")
    first, second = urls
    headers = {"Authorization": f"Bearer {token}"}

    async with httpx.AsyncClient(headers=headers, timeout=10) as client:
        health = (await client.get(f"{second}/healthz")).json()
        assert health["mode"] == "distributed"
        async with GraphQLSocket(second.replace("http://", "ws://") + "/graphql") as ws:
            assert (await ws.init(token))["type"] == "connection_ack"
            submitted = (await client.post(f"{first}/graphql", json={
                "query": SUBMIT, "variables": {"team": "Customer Service"}})).json()
            job = submitted["data"]["submitJob"]
            assert job["__typename"] == "Job", submitted
            await ws.subscribe(JOB_UPDATED, {"id": job["id"]})
            updates = [payload["jobUpdated"] async for payload in ws.results()]

        statuses = [update["status"] for update in updates]
        assert statuses[-1] == "COMPLETED", (statuses, (tmp_path / "worker.log").read_text())
        assert "RUNNING" in statuses or len(updates) == 1
        final = updates[-1]
        assert final["progress"] == 1.0
        assert "Customer Service" in final["result"]["summary"]
        link = next(f["downloadUrl"] for f in final["result"]["files"]
                    if f["name"] == "employees.csv")

        # The link was signed by the second API process; the first serves it too.
        path = link.split("://", 1)[-1].split("/", 1)[-1] if "://" in link else link.lstrip("/")
        download = await client.get(f"{first}/{path}", headers={})
        assert download.status_code == 200, download.text
        rows = list(csv.reader(io.StringIO(download.text)))
        assert rows[0][:3] == ["Number", "Name", "Team"]
        assert len(rows) > 1 and all(row[2] == "Customer Service" for row in rows[1:])


JOB_EVENTS = "subscription { jobEvents { kind job { id version status } } }"
SUBMIT_LATER = """
mutation Later($startAt: DateTime!) {
  submitJob(input: {params: {report: {}}, settings: {startAt: $startAt}}) {
    __typename ... on Job { id }
  }
}
"""
CANCEL = "mutation($ids: [ID!]!) { cancelJobs(ids: $ids) { __typename } }"
DELETE = "mutation($ids: [ID!]!) { deleteJobs(ids: $ids) { __typename } }"


async def test_every_api_process_gets_each_event_once_and_renders_it_for_its_own_sockets(
    cluster_env: dict[str, str], processes: list[subprocess.Popen[bytes]], tmp_path: Path
) -> None:
    from datetime import UTC, datetime, timedelta

    assert _cli("migrate", env=cluster_env).returncode == 0
    assert _cli("demo", env=cluster_env).returncode == 0
    created = _cli("users", "create", "erin", "--role", "admin", env=cluster_env)
    assert created.returncode == 0, created.stderr
    token = created.stdout.strip().splitlines()[-1]
    urls = []
    for name in ("api1", "api2"):
        port = _free_port()
        url = f"http://127.0.0.1:{port}"
        log = tmp_path / f"{name}.log"
        _wait_healthy(url, _start(["serve", "--port", str(port), "--log-level", "warning"],
                                  cluster_env, processes, log), log)
        urls.append(url)
    headers = {"Authorization": f"Bearer {token}"}
    sockets = [GraphQLSocket(url.replace("http://", "ws://") + "/graphql")
               for url in urls for _ in range(2)]

    async with httpx.AsyncClient(headers=headers, timeout=10) as client:
        for ws in sockets:
            await ws.__aenter__()
        try:
            for ws in sockets:
                await ws.init(token)
                await ws.subscribe(JOB_EVENTS)
                await ws.listening()
            later = (datetime.now(UTC) + timedelta(days=1)).isoformat()
            submitted = (await client.post(f"{urls[0]}/graphql", json={
                "query": SUBMIT_LATER, "variables": {"startAt": later}})).json()
            job_id = submitted["data"]["submitJob"]["id"]
            for api, mutation in ((urls[1], CANCEL), (urls[0], DELETE)):
                answer = await client.post(f"{api}/graphql", json={
                    "query": mutation, "variables": {"ids": [job_id]}})
                assert "errors" not in answer.json(), answer.text
            seen = []
            for ws in sockets:
                events = ws.results()
                seen.append([(e["jobEvents"]["kind"], e["jobEvents"]["job"]["status"])
                             for e in [await anext(events) for _ in range(3)]])
        finally:
            for ws in sockets:
                await ws.__aexit__(None, None, None)

    expected = [("CREATED", "SUBMITTED"), ("UPDATED", "CANCELLED"), ("DELETED", "CANCELLED")]
    assert seen == [expected] * 4  # on both processes, each event once, in order
