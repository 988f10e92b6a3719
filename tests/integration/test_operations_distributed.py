"""The operator's side in distributed mode: a `jobprocessor worker --metrics-port` process
sends heartbeats, serves its own metrics, and obeys a pause made by another process."""

from __future__ import annotations

import asyncio
import signal
import socket
import subprocess
import sys
from pathlib import Path

import httpx
import pytest
from engine.conftest import wait_for_status
from prometheus_client.parser import text_string_to_metric_families

from workers.access.models import User
from workers.engine import pausing, submission
from workers.engine.models import Job
from workers.engine.presence import WorkerInfo
from workers.engine.status import JobStatus

from .conftest import REPO, Cluster

pytestmark = [pytest.mark.integration, pytest.mark.usefixtures("test_job_types")]

JOBPROCESSOR = Path(sys.executable).parent / "jobprocessor"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


async def online_worker(cluster: Cluster, timeout: float = 30) -> WorkerInfo:
    """The one worker whose heartbeat arrived (waits for its first)."""
    assert cluster.services.workers is not None
    async with asyncio.timeout(timeout):
        while not (workers := await cluster.services.workers.online()):
            await asyncio.sleep(0.05)
    (worker,) = workers
    return worker


async def submit_slow(seconds: float) -> int:
    user, _ = await User.get_or_create(username="planner")
    return (await submission.submit("TEST_SLOW", {"seconds": seconds}, user_id=user.id)).id


async def test_a_worker_process_beats_serves_its_metrics_and_waits_out_a_pause(
    cluster: Cluster, tmp_path: Path
):
    port = free_port()
    log = (tmp_path / "worker-1.log").open("wb")
    process = subprocess.Popen(
        [str(JOBPROCESSOR), "worker", "--threads", "2", "--metrics-port", str(port)],
        env={**cluster.env, "JOBPROCESSOR_LOG_FORMAT": "json"}, cwd=REPO, stdout=log,
        stderr=subprocess.STDOUT,
    )
    cluster.workers.append(process)
    try:
        worker = await online_worker(cluster)
        assert (worker.pid, worker.threads, worker.queues) == (process.pid, 2, ("jobs",))

        await pausing.pause("job_type", "TEST_SLOW", actor_id=None)
        held = await submit_slow(0.1)
        assert (await Job.get(id=held)).status is JobStatus.SUBMITTED
        await pausing.resume("job_type", "TEST_SLOW")
        await wait_for_status(held, JobStatus.COMPLETED, timeout=30)

        async with httpx.AsyncClient() as client:
            page = (await client.get(f"http://127.0.0.1:{port}/metrics")).text
        finished = {
            (s.labels.get("job_type"), s.labels.get("status")): s.value
            for family in text_string_to_metric_families(page) for s in family.samples
            if s.name == "jobprocessor_jobs_finished_total"
        }
        assert finished[("TEST_SLOW", "COMPLETED")] == 1

        process.send_signal(signal.SIGTERM)
        assert await asyncio.to_thread(process.wait, 30) == 0
        assert cluster.services.workers is not None
        assert await cluster.services.workers.online() == []
    finally:
        log.close()
    lines = (tmp_path / "worker-1.log").read_text()
    assert f'"job_id": {held}' in lines and '"event": "job completed' in lines
