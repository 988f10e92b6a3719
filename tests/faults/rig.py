"""A distributed JobProcessor on throwaway servers, and the faults an operator meets.

:class:`FaultRig` runs, on a :class:`~servers.PostgresServer` and a
:class:`~servers.RedisServer` of its own, worker processes (``run_worker_process``, as
``jobprocessor worker``), optionally one API process (``jobprocessor serve``), and in this
process the services that submit jobs and read their rows. The job is
:class:`~faults.jobs.JournalJob`: each start and finish of its body is a line in the
journal file, so what really ran is known even when the database is not.

:mod:`faults.scenarios` drives the faults and measures them; ``tests/faults/test_suite.py``
(CI-sized) and ``python -m bench.faults`` (full-sized) run the scenarios.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import random
import signal
import subprocess
import sys
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from types import TracebackType
from typing import Any

import asyncpg
from plugins import job_types_path
from servers import PostgresServer, RedisServer

from workers.access import identity
from workers.engine import db, submission
from workers.engine.models import Job
from workers.engine.registry import JOB_TYPES
from workers.engine.services import Services, open_services
from workers.engine.settings import Settings
from workers.engine.status import FINAL_STATUSES, JobStatus

from .jobs import JOURNAL_ENV, JournalJob

REPO = Path(__file__).resolve().parents[2]
TESTS = REPO / "tests"
TEMPLATE = "jp_fault_template"
WORKER_COMMAND = [
    sys.executable,
    "-c",
    "import logging, os; logging.basicConfig(level=os.environ.get('JP_FAULT_LOG_LEVEL', "
    "'WARNING'), format='%(asctime)s %(levelname)s %(name)s: %(message)s'); "
    "from workers.engine.services import run_worker_process; "
    "from workers.engine.settings import Settings; "
    "raise SystemExit(run_worker_process(Settings.from_env()))",
]
#: Short leases and quick maintenance, so that faults resolve within seconds.
WORKER_ENV = {
    "JOBPROCESSOR_LEASE_SECONDS": "2",
    "JOBPROCESSOR_MAINTENANCE_INTERVAL_SECONDS": "0.3",
    "JOBPROCESSOR_RECONCILE_INTERVAL_SECONDS": "2",
    "JOBPROCESSOR_MAX_ATTEMPTS": "5",
    "JOBPROCESSOR_WORKER_THREADS": "2",
    "JOBPROCESSOR_SHUTDOWN_GRACE_SECONDS": "5",
    "JOBPROCESSOR_OUTAGE_PATIENCE_SECONDS": "120",
    "JOBPROCESSOR_DEMO": "0",
    "JOBPROCESSOR_SECRET_KEY": "fault-suite-secret",
}


@dataclass(frozen=True)
class Entry:
    """One journal line: a body started or finished."""

    kind: str
    job_id: int
    attempt: int
    pid: int
    at: float


async def ensure_template(server: PostgresServer) -> None:
    """A migrated template database on ``server`` (made once)."""
    conn = await asyncpg.connect(server.dsn())
    try:
        if await conn.fetchval("SELECT 1 FROM pg_database WHERE datname = $1", TEMPLATE):
            return
        await conn.execute(f'CREATE DATABASE "{TEMPLATE}"')
    finally:
        await conn.close()
    await db.migrate(Settings(database_url_override=server.url(TEMPLATE), demo=False))


async def fresh_database(server: PostgresServer) -> str:
    """A new migrated database on ``server``; returns its Tortoise URL."""
    await ensure_template(server)
    name = f"jp_fault_{uuid.uuid4().hex[:10]}"
    conn = await asyncpg.connect(server.dsn())
    try:
        await conn.execute(f'CREATE DATABASE "{name}" TEMPLATE "{TEMPLATE}"')
    finally:
        await conn.close()
    return server.url(name)


@dataclass
class FaultRig:
    """Worker processes (and an API process) on throwaway servers; see the module doc."""

    postgres: PostgresServer
    redis: RedisServer
    folder: Path
    threads: int = 2
    env: dict[str, str] = field(default_factory=dict)
    workers: list[subprocess.Popen[bytes]] = field(default_factory=list)
    #: Pids this rig killed with SIGKILL (their bodies may legitimately run again).
    killed: set[int] = field(default_factory=set)
    api: subprocess.Popen[bytes] | None = None
    api_port: int = 0
    services: Services | None = None
    user_id: int = 0
    token: str = ""
    _registered: contextlib.ExitStack = field(default_factory=contextlib.ExitStack)

    @property
    def journal_path(self) -> Path:
        return self.folder / "journal.txt"

    async def __aenter__(self) -> FaultRig:
        self.folder.mkdir(parents=True, exist_ok=True)
        url = await fresh_database(self.postgres)
        prefix = f"jpfault-{uuid.uuid4().hex[:8]}"
        plugins = job_types_path(
            self.folder / "plugins", {"TEST_JOURNAL": "faults.jobs:JournalJob"}
        )
        self.env = {
            **os.environ,
            **WORKER_ENV,
            "JOBPROCESSOR_WORKER_THREADS": str(self.threads),
            "JOBPROCESSOR_DATABASE_URL": url,
            "JOBPROCESSOR_REDIS_URL": self.redis.url,
            "JOBPROCESSOR_REDIS_PREFIX": prefix,
            "JOBPROCESSOR_DATA_DIR": str(self.folder),
            JOURNAL_ENV: str(self.journal_path),
            "PYTHONPATH": os.pathsep.join(
                filter(None, [str(plugins), str(TESTS), str(REPO), os.environ.get("PYTHONPATH")])
            ),
        }
        os.environ[JOURNAL_ENV] = str(self.journal_path)
        self._registered.enter_context(JOB_TYPES.registered(JournalJob()))
        settings = Settings(
            data_dir=self.folder,
            database_url_override=url,
            redis_url=self.redis.url,
            redis_prefix=prefix,
            demo=False,
            secret_key=WORKER_ENV["JOBPROCESSOR_SECRET_KEY"],
        )
        self.services = await open_services(settings, run_jobs=False)
        user, self.token = await identity.create_user("faults", role="admin")
        self.user_id = user.id
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        for process in [*self.workers, *([self.api] if self.api else [])]:
            if process.poll() is None:
                process.kill()
        for process in [*self.workers, *([self.api] if self.api else [])]:
            await asyncio.to_thread(process.wait)
        if not self.postgres.running:
            await asyncio.to_thread(self.postgres.start)
        if not self.redis.running:
            await asyncio.to_thread(self.redis.start)
        if self.services is not None:
            with contextlib.suppress(Exception):
                await self.services.close()
        self._registered.close()

    # ----------------------------------------------------------------- processes

    def start_worker(self) -> subprocess.Popen[bytes]:
        log = (self.folder / f"worker-{len(self.workers) + 1}.log").open("wb")
        process = subprocess.Popen(
            WORKER_COMMAND, env=self.env, cwd=REPO, stdout=log, stderr=subprocess.STDOUT
        )
        log.close()
        self.workers.append(process)
        return process

    def live_workers(self) -> list[subprocess.Popen[bytes]]:
        return [p for p in self.workers if p.poll() is None]

    def kill(self, process: subprocess.Popen[bytes]) -> None:
        """``kill -9``: no clean-up at all, as when a machine dies."""
        self.killed.add(process.pid)
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)

    def terminate(self, process: subprocess.Popen[bytes], timeout: float = 60) -> int:
        """SIGTERM, as a service manager stops a worker; returns its exit code."""
        process.send_signal(signal.SIGTERM)
        return process.wait(timeout=timeout)

    async def start_api(self) -> int:
        """One ``jobprocessor serve`` process (API only); returns its port."""
        from servers import free_port

        self.api_port = free_port()
        log = (self.folder / "api.log").open("wb")
        self.api = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "api.cli",
                "serve",
                "--port",
                str(self.api_port),
                "--log-level",
                "warning",
            ],
            env=self.env,
            cwd=REPO,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        log.close()
        import httpx

        async with httpx.AsyncClient() as client:
            for _ in range(600):
                with contextlib.suppress(httpx.HTTPError):
                    if (await client.get(self.api_url("/healthz"), timeout=1)).status_code == 200:
                        return self.api_port
                if self.api.poll() is not None:
                    break
                await asyncio.sleep(0.1)
        raise RuntimeError(f"the API process did not start:\n{self.log('api.log')}")

    def api_url(self, path: str = "/graphql") -> str:
        return f"http://127.0.0.1:{self.api_port}{path}"

    def note(self, event: str) -> None:
        """Add a timestamped line to ``faults.log`` (what was done when, for reading the
        worker logs beside it)."""
        stamp = datetime.now().isoformat(sep=" ", timespec="milliseconds")
        with (self.folder / "faults.log").open("a") as log:
            log.write(f"{stamp} {event}\n")

    def log(self, name: str) -> str:
        path = self.folder / name
        return path.read_text(errors="replace")[-4000:] if path.exists() else ""

    def why_failed(self, job_id: int) -> str:
        """The worker log's lines about a job that failed unexpectedly (its traceback)."""
        marker = f"job {job_id} (TEST_JOURNAL) failed unexpectedly"
        for path in sorted(self.folder.glob("worker-*.log")):
            text = path.read_text(errors="replace")
            if marker in text:
                return text[text.index(marker) :][:6000]
        return f"(no worker log mentions job {job_id})"

    def logs(self) -> str:
        return "\n".join(
            f"--- {p.name}\n{p.read_text(errors='replace')[-3000:]}"
            for p in sorted(self.folder.glob("*.log"))
        )

    # ----------------------------------------------------------------- jobs

    async def submit(
        self, count: int, seconds: tuple[float, float], rng: random.Random
    ) -> list[int]:
        """Submit ``count`` journal jobs each running a random time within ``seconds``."""
        ids = []
        for _ in range(count):
            job = await submission.submit(
                "TEST_JOURNAL", {"seconds": round(rng.uniform(*seconds), 2)}, user_id=self.user_id
            )
            ids.append(job.id)
        return ids

    def journal(self) -> list[Entry]:
        if not self.journal_path.exists():
            return []
        entries = []
        for line in self.journal_path.read_text().splitlines():
            kind, job_id, attempt, pid, at = line.split()
            entries.append(Entry(kind, int(job_id), int(attempt), int(pid), float(at)))
        return entries

    async def statuses(self, ids: list[int]) -> dict[int, JobStatus]:
        """The stored status of each job (raises while the database is unreachable)."""
        rows = await Job.filter(id__in=ids).values_list("id", "status")
        return {job_id: JobStatus(status) for job_id, status in rows}

    async def wait_until_final(self, ids: list[int], timeout: float) -> dict[int, JobStatus]:
        """Poll until every job is final or ``timeout`` passes; the last statuses read."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        last: dict[int, JobStatus] = {}
        while loop.time() < deadline:
            with contextlib.suppress(Exception):  # the database may be coming back
                last = await self.statuses(ids)
                if len(last) == len(ids) and all(s in FINAL_STATUSES for s in last.values()):
                    return last
            await asyncio.sleep(0.2)
        return last

    async def running_on(self) -> dict[int, list[int]]:
        """``{pid: [job ids]}`` of the jobs running now, by worker process."""
        rows = await Job.filter(status=JobStatus.RUNNING).values_list("id", "worker")
        found: dict[int, list[int]] = {}
        for job_id, worker in rows:
            if worker:
                found.setdefault(int(worker.rsplit(":", 1)[1]), []).append(job_id)
        return found


@contextlib.asynccontextmanager
async def rig(
    postgres: PostgresServer, redis: RedisServer, folder: Path, **options: Any
) -> AsyncIterator[FaultRig]:
    """``async with rig(pg, redis, folder) as r:`` — a :class:`FaultRig`."""
    async with FaultRig(postgres, redis, folder, **options) as the_rig:
        yield the_rig
