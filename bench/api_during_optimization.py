"""The API's `jobs` query while an Optimization runs, on the embedded default.

    .venv/bin/python -m bench.api_during_optimization [--seconds 30] [--rate 20]

Starts ``jobprocessor serve`` embedded (SQLite, in-process workers, the demo data) on a
scratch data folder, measures the overview's ``jobs`` query (50 rows) at ``--rate``
requests a second while idle, then submits ``OPTIMIZATION`` on the demo's Base level
with a ``--seconds`` time limit and measures again until it ends. Prints p50 / p95 /
p99 / max for both (target: p99 <= 50 ms during the optimisation; issue 11, item 4),
and the job's score, bound and gap.
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx

from bench._common import process, wait_until

JOBS = """query { jobs(first: 50) { edges { node { id type status progress progressMessage
  submittedAt user { username } result { summary } } } pageInfo { hasNextPage endCursor } } }"""
LEVELS = "query { planningPeriods { name levels { id name } } }"
SUBMIT = """mutation($input: SubmitJobInput!) { submitJob(input: $input) {
  __typename ... on Job { id } ... on ValidationError { field message } } }"""
JOB = "query($id: ID!) { job(id: $id) { status progressMessage result { summary data } } }"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _percentiles(samples: list[float]) -> str:
    ordered = sorted(samples)

    def at(q: float) -> float:
        return ordered[min(len(ordered) - 1, int(q * len(ordered)))]

    return (f"n={len(ordered):>4}  p50 {statistics.median(ordered):6.1f} ms  p95 "
            f"{at(0.95):6.1f} ms  p99 {at(0.99):6.1f} ms  max {ordered[-1]:6.1f} ms")


SLOW: list[tuple[float, float]] = []


def _measure(client: httpx.Client, rate: float, until: Any) -> list[float]:
    samples = []
    interval = 1.0 / rate
    first = time.perf_counter()
    while not until():
        began = time.perf_counter()
        response = client.post("/graphql", json={"query": JOBS})
        response.raise_for_status()
        samples.append(1000 * (time.perf_counter() - began))
        if samples[-1] > 100:
            SLOW.append((round(began - first, 1), round(samples[-1])))
        time.sleep(max(0.0, interval - (time.perf_counter() - began)))
    return samples


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=int, default=30, help="the optimisation's limit")
    parser.add_argument("--rate", type=float, default=20, help="jobs queries a second")
    parser.add_argument("--idle-seconds", type=float, default=5)
    args = parser.parse_args()
    port = _free_port()
    with tempfile.TemporaryDirectory(prefix="jp-bench-api-opt-") as folder:
        env = {"JOBPROCESSOR_DATA_DIR": folder, "JOBPROCESSOR_DEMO": "1"}
        os.environ.pop("JOBPROCESSOR_REDIS_URL", None)
        server = [str(Path(sys.executable).with_name("jobprocessor")), "serve", "--port", str(port),
                  "--log-level", "warning"]
        with process(server, env):
            base_url = f"http://127.0.0.1:{port}"

            def healthy() -> bool:
                try:
                    return httpx.get(f"{base_url}/healthz", timeout=1).status_code == 200
                except httpx.HTTPError:
                    return False

            wait_until(healthy, 120, 0.2)
            tokens = Path(folder) / "demo-tokens.json"
            wait_until(tokens.exists, 30)
            token = next(t["token"] for t in json.loads(tokens.read_text())
                         if t["username"] == "planner")
            client = httpx.Client(base_url=base_url, timeout=30,
                                  headers={"Authorization": f"Bearer {token}"})
            periods = client.post("/graphql", json={"query": LEVELS}).json()["data"]
            base = next(level["id"] for period in periods["planningPeriods"]
                        for level in period["levels"] if level["name"] == "Base")
            idle_until = time.monotonic() + args.idle_seconds
            idle = _measure(client, args.rate, lambda: time.monotonic() > idle_until)
            submitted = client.post("/graphql", json={"query": SUBMIT, "variables": {
                "input": {"params": {"optimization": {
                    "levelId": base, "timeLimitSeconds": args.seconds}}}}}).json()
            job_id = submitted["data"]["submitJob"]["id"]
            state: dict[str, Any] = {}
            checked = [0.0]

            def finished() -> bool:
                if time.monotonic() - checked[0] < 1.0:
                    return False
                checked[0] = time.monotonic()
                job = client.post("/graphql", json={"query": JOB, "variables": {
                    "id": job_id}}).json()["data"]["job"]
                state.update(job)
                return job["status"] in ("COMPLETED", "FAILED", "CANCELLED")

            busy = _measure(client, args.rate, finished)
    print(f"jobs query, idle:                {_percentiles(idle)}")
    print(f"jobs query, during Optimization: {_percentiles(busy)}")
    if os.environ.get("BENCH_SHOW_SLOW"):
        print("slow requests (seconds since measuring began, ms):", SLOW)
    result = state.get("result") or {}
    data = result.get("data") or {}
    print(f"Optimization {state.get('status')}: score {data.get('scoreBefore')} -> "
          f"{data.get('scoreAfter')}, bound {data.get('bound')}, gap {data.get('gapPercent')} %")


if __name__ == "__main__":
    main()
