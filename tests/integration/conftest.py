"""Real worker processes on the real PostgreSQL and Redis.

The test process plays the API: it submits and watches through open_services() with no
workers of its own. Workers are ``jobprocessor worker``-equivalent subprocesses with short
leases, so the reaper acts within seconds; they load the test-only job types through
the ``jobprocessor.job_types`` entry points (:mod:`plugins`). Every subprocess is killed
when the test ends.
"""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import redis
from engine.testing_jobs import RUNS, TEST_JOB_TYPES
from plugins import job_types_path

from workers.engine.models import Job
from workers.engine.registry import JOB_TYPES
from workers.engine.services import Services, open_services
from workers.engine.settings import Settings

REPO = Path(__file__).resolve().parents[2]
WORKER_COMMAND = [
    sys.executable, "-c",
    "from workers.engine.services import run_worker_process; "
    "from workers.engine.settings import Settings; "
    "raise SystemExit(run_worker_process(Settings.from_env()))",
]
#: Worker settings: leases expire 5 s after a worker dies (short, yet long enough that a worker
#: on a busy 2-core machine still renews in time); maintenance every 0.3 s.
WORKER_ENV = {
    "JOBPROCESSOR_LEASE_SECONDS": "5",
    "JOBPROCESSOR_MAINTENANCE_INTERVAL_SECONDS": "0.3",
    "JOBPROCESSOR_REDELIVER_AFTER_SECONDS": "1",
    "JOBPROCESSOR_MAX_ATTEMPTS": "2",
    "JOBPROCESSOR_WORKER_THREADS": "2",
    "JOBPROCESSOR_DEMO": "0",
    "JOBPROCESSOR_SECRET_KEY": "test-secret",
}


@dataclass
class Cluster:
    """The test's PostgreSQL database, Redis prefix, its own services and worker processes."""

    settings: Settings
    services: Services
    env: dict[str, str]
    log_dir: Path
    workers: list[subprocess.Popen[bytes]] = field(default_factory=list)

    @property
    def max_attempts(self) -> int:
        return int(self.env["JOBPROCESSOR_MAX_ATTEMPTS"])

    def start_worker(self) -> subprocess.Popen[bytes]:
        """Start one worker process (its output goes to a log file in ``log_dir``)."""
        log = (self.log_dir / f"worker-{len(self.workers) + 1}.log").open("wb")
        process = subprocess.Popen(WORKER_COMMAND, env=self.env, cwd=REPO, stdout=log,
                                   stderr=subprocess.STDOUT)
        log.close()
        self.workers.append(process)
        return process

    async def worker_pid_running(self, job_id: int) -> int:
        """The pid of the worker process that holds the job (``worker`` is ``host:pid``)."""
        job = await Job.get(id=job_id)
        assert job.worker is not None, f"job {job_id} is not held by a worker"
        return int(job.worker.rsplit(":", 1)[1])

    def kill(self, pid: int) -> None:
        """SIGKILL: the worker gets no chance to clean up, as when a machine dies."""
        (process,) = [p for p in self.workers if p.pid == pid]
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=10)

    def terminate(self, pid: int, timeout: float = 20) -> int:
        """SIGTERM, as a service manager stops a worker; returns its exit code."""
        (process,) = [p for p in self.workers if p.pid == pid]
        process.send_signal(signal.SIGTERM)
        return process.wait(timeout=timeout)

    def stop_all(self) -> None:
        for process in self.workers:
            if process.poll() is None:
                process.send_signal(signal.SIGKILL)
        for process in self.workers:
            process.wait(timeout=10)

    def logs(self) -> str:
        return "\n".join(f"--- {path.name}\n{path.read_text(errors='replace')[-3000:]}"
                         for path in sorted(self.log_dir.glob("worker-*.log")))


@pytest.fixture
async def cluster(pg_database: str, redis_url: str, redis_prefix: str, tmp_path: Path
                  ) -> AsyncIterator[Cluster]:
    """A fresh database and Redis prefix, the test's services, and no worker yet."""
    env = {
        **os.environ,
        **WORKER_ENV,
        "JOBPROCESSOR_DATABASE_URL": pg_database,
        "JOBPROCESSOR_REDIS_URL": redis_url,
        "JOBPROCESSOR_REDIS_PREFIX": redis_prefix,
        "JOBPROCESSOR_DATA_DIR": str(tmp_path),
        "PYTHONPATH": os.pathsep.join(filter(None, [
            str(job_types_path(tmp_path / "plugins", {"TEST_SLOW": "engine.testing_jobs:SlowJob"})),
            str(REPO / "tests"), os.environ.get("PYTHONPATH")])),
    }
    settings = Settings(data_dir=tmp_path, database_url_override=pg_database,
                        redis_url=redis_url, redis_prefix=redis_prefix, demo=False,
                        secret_key="test-secret")
    services = await open_services(settings, run_jobs=False)
    cluster = Cluster(settings, services, env, tmp_path)
    try:
        yield cluster
    finally:
        await asyncio.to_thread(cluster.stop_all)
        print(cluster.logs())  # shown by pytest when the test failed
        await services.close()
        client = redis.Redis.from_url(redis_url)
        keys = list(client.scan_iter(f"{redis_prefix}*"))
        if keys:
            client.delete(*keys)
        client.close()


@pytest.fixture
def test_job_types() -> Iterator[None]:
    """The test-only job types, so this process can submit them (workers load them too)."""
    RUNS.clear()
    with JOB_TYPES.registered(*TEST_JOB_TYPES):
        yield
