"""Progress events to thousands of live `jobEvents` subscribers, through the whole stack.

    .venv/bin/python -m bench.fanout [--subscribers 1000] [--seconds 8] [--rate 10]
                                     [--processes 4] [--api-processes 1]

A distributed setup on this machine: `jobprocessor serve` (API only; ``--api-processes 2``
starts two, each holding half the subscribers), one `jobprocessor worker`, PostgreSQL and
Redis. The subscribers are WebSocket clients in ``--processes`` separate processes (as
browsers would be; nothing is pinned to a core). Each subscribes, pings, and counts as
listening at its `pong`. A job then reports progress ``--rate`` times a second with the
wall-clock time in its message. For every event the benchmark takes the time from the
job's `ctx.progress` call (through the database, Redis pub/sub, the API's one shared
listener, one rendering per group, the socket writes) to its **last** receipt among all
subscribers, and prints p50 / p99 of that (target at 1,000 subscribers: p99 <= 150 ms).
It also counts, per subscriber and by job version, what it received: steps superseded by
a newer state before delivery (conflation, when it fell behind), whether it missed the
job's latest state, duplicates and versions out of order; and the API processes' CPU time
and peak RSS.
Everything shares the machine's two cores, the clients included.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from contextlib import ExitStack
from pathlib import Path
from typing import Any

import httpx

from bench._common import PLUGINS, REDIS_URL, ROOT, prefix, process, scratch_postgres

QUERY = "subscription { jobEvents { kind job { id %s progressMessage } } }"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _peak_rss_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


async def _user_and_submit(env: dict[str, str], seconds: float, rate: float,
                           user_id: int | None) -> tuple[int, str]:
    """Without ``user_id``: create the benchmark's user. With it: submit its job."""
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
        if user_id is None:
            user, token = await identity.create_user("bench", role="admin")
            return user.id, token
        await submission.submit(TickJob.name, {"seconds": seconds, "tickSeconds": 1 / rate,
                                               "reportEvery": 1}, user_id=user_id)
        return user_id, ""
    finally:
        await services.close()


def _has_version() -> bool:
    return "version" in (ROOT / "schema.graphql").read_text().split("type Job {", 1)[1].split(
        "\n}", 1)[0]


def _report(results: list[dict[str, Any]], subscribers: int, api_pids: list[int],
            cpu_before: list[float], wall: float) -> None:
    errors = [e for client in results for e in client["errors"]]
    last: dict[float, float] = {}
    for client in results:
        for sent, _version, at in client["received"]:
            last[sent] = max(last.get(sent, 0.0), at)
    if not last:
        raise SystemExit(f"no events arrived; errors: {errors[:3]}")
    delays = sorted((at - sent) * 1000 for sent, at in last.items())
    every = set(last)
    newest = max(every)
    # A subscriber that fell behind gets the latest state of the job, not every step:
    # steps it skipped were superseded; it missed something only when it lacks the last.
    superseded = sum(len(every - {sent for sent, _, _ in c["received"]}) for c in results)
    missed = sum(1 for c in results if newest not in {sent for sent, _, _ in c["received"]})
    duplicates = sum(len(c["received"]) - len({s for s, _, _ in c["received"]})
                     for c in results)
    backwards = 0
    for client in results:
        versions = [v for _, v, _ in client["received"] if v >= 0]
        backwards += sum(1 for a, b in itertools.pairwise(versions) if b <= a)
    deliveries = sum(len(c["received"]) for c in results)
    cpu = sum(_cpu_seconds(p) for p in api_pids) - sum(cpu_before)
    rss = sum(_peak_rss_mib(p) for p in api_pids)
    p99 = delays[max(0, int(len(delays) * 0.99) - 1)]
    print(f"{subscribers} subscribers, {len(every)} events, {deliveries} deliveries: "
          f"{missed} subscribers missed the job's latest state, {superseded} steps were "
          f"superseded by a newer one before delivery (conflated), {duplicates} duplicated, "
          f"{backwards} out of version order; {len(errors)} errors")
    print(f"publish -> last receipt: p50 {statistics.median(delays):.1f} ms   "
          f"p99 {p99:.1f} ms   max {delays[-1]:.1f} ms   (target p99 <= 150 ms at 1,000)")
    print(f"API: {cpu / wall * 100:.0f} % of a core over {wall:.1f} s, peak RSS {rss:.0f} MiB")
    if errors:
        print("first errors:", *errors[:3], sep="\n  ")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--subscribers", type=int, default=1000)
    parser.add_argument("--seconds", type=float, default=8.0)
    parser.add_argument("--rate", type=float, default=10.0, help="events per second")
    parser.add_argument("--processes", type=int, default=4, help="client processes")
    parser.add_argument("--api-processes", type=int, default=1)
    args = parser.parse_args()
    query = QUERY % ("version" if _has_version() else "")
    with scratch_postgres() as db_url, tempfile.TemporaryDirectory() as tmp, ExitStack() as stack:
        env = {
            "JOBPROCESSOR_DATABASE_URL": db_url,
            "JOBPROCESSOR_REDIS_URL": REDIS_URL,
            "JOBPROCESSOR_REDIS_PREFIX": prefix(),
            "JOBPROCESSOR_SECRET_KEY": "bench",
            # Every client signs in with the same token, as a thousand planners of one role
            # would each with their own: lift the per-token connection cap (20) for them.
            "JOBPROCESSOR_MAX_WS_CONNECTIONS_PER_TOKEN": str(args.subscribers + 10),
        }
        urls, api_pids = [], []
        for _ in range(args.api_processes):
            port = _free_port()
            serve = [sys.executable, "-m", "api.cli", "serve", "--port", str(port),
                     "--log-level", "warning"]
            api_pids.append(stack.enter_context(
                process(serve, env, log=Path(tmp) / f"serve-{port}.log")).pid)
            urls.append(f"http://127.0.0.1:{port}")
        stack.enter_context(process([sys.executable, "-m", "api.cli", "worker"], env,
                                    log=Path(tmp) / "worker.log"))
        for url in urls:
            deadline = time.monotonic() + 60
            while time.monotonic() < deadline:
                try:
                    if httpx.get(f"{url}/healthz", timeout=1).status_code == 200:
                        break
                except httpx.HTTPError:
                    time.sleep(0.2)
        user_id, token = asyncio.run(_user_and_submit(env, args.seconds, args.rate, None))
        clients, outs = [], []
        per_process = [args.subscribers // args.processes
                       + (1 if i < args.subscribers % args.processes else 0)
                       for i in range(args.processes)]
        client_env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), str(PLUGINS)])}
        for i, count in enumerate(per_process):
            out = str(Path(tmp) / f"clients-{i}.json")
            ws_url = urls[i % len(urls)].replace("http://", "ws://") + "/graphql"
            clients.append(subprocess.Popen(
                [sys.executable, "-m", "bench._fanout_clients", ws_url, token, str(count),
                 out, query], stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=client_env,
                cwd=ROOT, text=True))
            outs.append(out)
        for client in clients:
            assert client.stdout is not None
            if client.stdout.readline().strip() != "ready":
                raise SystemExit("a client process did not get ready")
        cpu_before = [_cpu_seconds(p) for p in api_pids]
        clients_before = sum(_cpu_seconds(c.pid) for c in clients)
        started = time.monotonic()
        asyncio.run(_user_and_submit(env, args.seconds, args.rate, user_id))
        time.sleep(args.seconds + 3)
        wall = time.monotonic() - started
        clients_cpu = sum(_cpu_seconds(c.pid) for c in clients) - clients_before
        for client in clients:
            assert client.stdin is not None
            client.stdin.write("stop\n")
            client.stdin.flush()
        for client in clients:
            client.wait(120)
        results = [r for out in outs for r in json.loads(Path(out).read_text())]
        _report(results, args.subscribers, api_pids, cpu_before, wall)
        load = os.getloadavg()[0]
        print(f"clients: {clients_cpu / wall * 100:.0f} % of a core; machine load average "
              f"{load:.1f} on {os.cpu_count()} cores")
        for log in sorted(Path(tmp).glob("*.log")):
            lines = log.read_text(errors="replace").splitlines()
            if lines:
                print(f"{log.name}: {len(lines)} lines logged, the last:", *lines[-3:],
                      sep="\n  ")


if __name__ == "__main__":
    main()
