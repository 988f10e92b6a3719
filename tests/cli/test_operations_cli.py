"""Issue 13's first promise, end to end: ``jobprocessor serve`` on the embedded default with
``JOBPROCESSOR_LOG_FORMAT=json``, one job, then metrics, readiness, JSON logs and workers."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx
from prometheus_client.parser import text_string_to_metric_families

from .test_commands import ROOT, environment, free_port

SUBMIT = """mutation { submitJob(input: {params: {report: {team: "Sales"}}}) {
  __typename ... on Job { id } } }"""


def test_after_one_job_the_embedded_server_shows_it_in_metrics_readiness_logs_and_workers(
    tmp_path: Path,
):
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        [sys.executable, "-m", "api.cli", "serve", "--port", str(port)], cwd=ROOT,
        env=environment(tmp_path / "data", {"JOBPROCESSOR_LOG_FORMAT": "json"}),
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    try:
        deadline = time.monotonic() + 60
        while server.poll() is None:
            try:
                if httpx.get(f"{url}/healthz", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                assert time.monotonic() < deadline, "the server did not start"
                time.sleep(0.1)  # nothing to wait on: the process says nothing when ready
        (admin,) = [e["token"] for e in
                    json.loads((tmp_path / "data" / "demo-tokens.json").read_text())
                    if e["username"] == "admin"]
        auth = {"Authorization": f"Bearer {admin}"}

        def graphql(query: str) -> dict:
            body = httpx.post(f"{url}/graphql", json={"query": query}, headers=auth,
                              timeout=10).json()
            assert "errors" not in body, body
            return dict(body["data"])

        job_id = graphql(SUBMIT)["submitJob"]["id"]
        while (status := graphql(f'{{ job(id: "{job_id}") {{ status }} }}')["job"]["status"]
               ) not in ("COMPLETED", "FAILED"):
            assert time.monotonic() < deadline + 60, status
            time.sleep(0.05)
        metrics = httpx.get(f"{url}/metrics", timeout=10).text
        ready = httpx.get(f"{url}/readyz", timeout=10)
        workers = graphql("{ workers { name pid threads queues } }")["workers"]
    finally:
        server.send_signal(signal.SIGINT)
        out, err = server.communicate(timeout=30)

    assert status == "COMPLETED"
    samples = {(s.name, tuple(sorted(s.labels.items()))): s.value
               for family in text_string_to_metric_families(metrics) for s in family.samples}
    assert samples[("jobprocessor_jobs_submitted_total", (("job_type", "REPORT"),))] == 1
    assert samples[("jobprocessor_jobs_finished_total",
                    (("job_type", "REPORT"), ("status", "COMPLETED")))] == 1
    assert samples[("jobprocessor_job_run_seconds_count", (("job_type", "REPORT"),))] == 1
    assert samples[("jobprocessor_workers_online", ())] == 1
    assert ready.status_code == 200 and ready.json() == {"database": "ok", "broker": "ok"}
    assert [(w["pid"], w["queues"]) for w in workers] == [(server.pid, ["jobs"])]

    # Every log line is one JSON object (what the server prints for people goes to stdout).
    lines = [json.loads(line) for line in err.splitlines()]
    lines += [json.loads(line) for line in out.splitlines() if line.startswith('{"ts"')]
    about_job = [line for line in lines if line.get("job_id") == int(job_id)]
    events = [line["event"] for line in about_job]
    assert any(e.startswith("job submitted") for e in events)
    assert any(e.startswith("job completed") for e in events)
    assert all(line["job_type"] == "REPORT" and line["user"] == "admin" for line in about_job)
    access = [line for line in lines if line["logger"] == "uvicorn.access"]
    assert {"method": "GET", "path": "/readyz", "status": 200}.items() <= next(
        line for line in access if line.get("path") == "/readyz").items()
