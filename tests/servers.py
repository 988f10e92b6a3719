"""Throwaway PostgreSQL and Redis servers, for tests that stop, kill and restart them.

The fault tests (``tests/faults/``) and ``python -m bench.faults`` break the servers on
purpose, so they never use the system's own (127.0.0.1:5432 and :6379, which the rest of
the suite shares): each :class:`PostgresServer` is a fresh cluster made with ``initdb`` in
a temporary folder and each :class:`RedisServer` a ``redis-server`` without persistence,
both on free ports of 127.0.0.1. As root, PostgreSQL runs as the ``postgres`` user (it
refuses to run as root) through ``runuser``.

Both offer the faults an operator meets: :meth:`~PostgresServer.stop` (a clean shutdown),
:meth:`~PostgresServer.kill` (``kill -9``, as when the machine dies) and
:meth:`~PostgresServer.start` again; a Redis restarted after a kill comes back **empty**,
as one without persistence does. :meth:`~PostgresServer.close` removes everything; a
server left running by a crashed test process is stopped at interpreter exit.

``servers_available()`` says whether the binaries are installed (``scripts/test`` installs
them with apt-get); the fixtures skip without them locally and fail under ``CI=true``.
"""

from __future__ import annotations

import atexit
import contextlib
import glob
import os
import pwd
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

#: The ports of the system servers, which these servers never take.
SYSTEM_PORTS = frozenset({5432, 6379})
#: How long a server may take to accept connections after a start.
START_TIMEOUT = 60.0

_open: list[PostgresServer | RedisServer] = []


class ServerUnavailableError(RuntimeError):
    """The binaries a throwaway server needs are not installed."""


def free_port() -> int:
    """A TCP port of 127.0.0.1 nobody listens on now (never a system server's)."""
    while True:
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            port = int(sock.getsockname()[1])
        if port not in SYSTEM_PORTS:
            return port


def _accepts(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.5):
            return True
    except OSError:
        return False


def _wait_for(condition: Callable[[], bool], what: str, timeout: float = START_TIMEOUT) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError(f"{what} did not happen within {timeout:.0f} s")
        time.sleep(0.05)


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    # A killed child of ours stays a zombie until reaped; it no longer runs.
    with contextlib.suppress(OSError):
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        return state not in {"Z", "X"}
    return True


# --------------------------------------------------------------------------- PostgreSQL


def postgres_bin_dir() -> Path:
    """The folder of ``initdb`` and ``pg_ctl``: ``JOBPROCESSOR_TEST_PG_BIN``, else the newest
    Debian ``/usr/lib/postgresql/*/bin``, else ``pg_ctl`` on the ``PATH``.

    Raises:
        ServerUnavailableError: PostgreSQL's server binaries are not installed.
    """
    candidates: list[Path] = []
    if os.environ.get("JOBPROCESSOR_TEST_PG_BIN"):
        candidates.append(Path(os.environ["JOBPROCESSOR_TEST_PG_BIN"]))
    debian = glob.glob("/usr/lib/postgresql/*/bin")
    candidates += sorted(
        (Path(p) for p in debian),
        key=lambda p: int(p.parent.name) if p.parent.name.isdigit() else 0,
        reverse=True,
    )
    on_path = shutil.which("pg_ctl")
    if on_path:
        candidates.append(Path(on_path).parent)
    for folder in candidates:
        if (folder / "initdb").exists() and (folder / "pg_ctl").exists():
            return folder
    raise ServerUnavailableError(
        "PostgreSQL's initdb and pg_ctl are not installed (apt-get install postgresql)"
    )


def redis_server_binary() -> str:
    """The ``redis-server`` on the ``PATH``.

    Raises:
        ServerUnavailableError: Redis is not installed.
    """
    found = shutil.which("redis-server")
    if not found:
        raise ServerUnavailableError("redis-server is not installed (apt-get install redis-server)")
    return found


def servers_available() -> str | None:
    """None when both servers can be made here, else what is missing."""
    try:
        postgres_bin_dir()
        redis_server_binary()
    except ServerUnavailableError as error:
        return str(error)
    return None


class PostgresServer:
    """A PostgreSQL cluster of its own in a temporary folder, on a free port.

    ``fsync = off`` keeps it fast; an immediate stop or a ``kill -9`` still loses no
    acknowledged commit (only a power cut would). ``synchronous_commit`` stays on: off, a
    ``kill -9`` loses the last commits, which is not the fault being tested. Connect as
    ``postgres`` without a password.
    """

    def __init__(self, port: int | None = None) -> None:
        self.bin_dir = postgres_bin_dir()
        self.port = port or free_port()
        if self.port in SYSTEM_PORTS:
            raise ValueError(f"port {self.port} belongs to the system's servers")
        self.folder = Path(tempfile.mkdtemp(prefix="jp-pg-"))
        self.data_dir = self.folder / "data"
        self.log_file = self.folder / "postgres.log"
        self._as_postgres = os.geteuid() == 0
        if self._as_postgres:
            account = pwd.getpwnam("postgres")
            os.chown(self.folder, account.pw_uid, account.pw_gid)
        self._run(
            "initdb",
            "-D",
            str(self.data_dir),
            "-U",
            "postgres",
            "--auth=trust",
            "--no-sync",
            "-E",
            "UTF8",
        )
        with (self.data_dir / "postgresql.conf").open("a") as conf:
            conf.write(
                "\n# a throwaway test cluster (tests/servers.py)\n"
                "listen_addresses = '127.0.0.1'\n"
                f"port = {self.port}\n"
                f"unix_socket_directories = '{self.folder}'\n"
                "fsync = off\nfull_page_writes = off\n"
                "max_connections = 200\n"
            )
        _open.append(self)

    def url(self, database: str = "postgres") -> str:
        """The Tortoise URL of ``database`` (``postgres://postgres@127.0.0.1:PORT/NAME``)."""
        return f"postgres://postgres@127.0.0.1:{self.port}/{database}"

    def dsn(self, database: str = "postgres") -> str:
        """The libpq / asyncpg DSN of ``database``."""
        return f"postgresql://postgres@127.0.0.1:{self.port}/{database}"

    def _run(self, tool: str, *args: str) -> None:
        command = [str(self.bin_dir / tool), *args]
        if self._as_postgres:
            command = ["runuser", "-u", "postgres", "--", *command]
        result = subprocess.run(
            command, capture_output=True, text=True, cwd=self.folder, check=False
        )
        if result.returncode != 0:
            raise RuntimeError(
                f"{tool} {' '.join(args)} failed ({result.returncode}):\n"
                f"{result.stdout}{result.stderr}{self.log_tail()}"
            )

    def log_tail(self, characters: int = 3000) -> str:
        """The end of the server's log (for a failing test's output)."""
        try:
            return self.log_file.read_text(errors="replace")[-characters:]
        except OSError:
            return ""

    @property
    def pid(self) -> int | None:
        """The postmaster's pid while it runs."""
        try:
            pid = int((self.data_dir / "postmaster.pid").read_text().split("\n", 1)[0])
        except (OSError, ValueError):
            return None
        return pid if _pid_alive(pid) else None

    @property
    def running(self) -> bool:
        return self.pid is not None

    def start(self) -> None:
        """Start the cluster and wait until it accepts connections."""
        self._run(
            "pg_ctl",
            "-D",
            str(self.data_dir),
            "-l",
            str(self.log_file),
            "-w",
            "-t",
            str(int(START_TIMEOUT)),
            "start",
        )
        _wait_for(lambda: _accepts(self.port), f"PostgreSQL accepting on port {self.port}")

    def stop(self, mode: str = "fast") -> None:
        """Shut the cluster down: ``fast`` (disconnect everyone, clean) or ``immediate``."""
        if self.running:
            self._run("pg_ctl", "-D", str(self.data_dir), "-m", mode, "-w", "stop")

    def kill(self) -> None:
        """``kill -9`` of the postmaster and every backend: the next start recovers."""
        pid = self.pid
        if pid is None:
            return
        children = subprocess.run(
            ["pgrep", "-P", str(pid)], capture_output=True, text=True, check=False
        ).stdout.split()
        for victim in [pid, *map(int, children)]:
            with contextlib.suppress(ProcessLookupError):
                os.kill(victim, signal.SIGKILL)
        _wait_for(
            lambda: not _pid_alive(pid) and not any(_pid_alive(int(c)) for c in children),
            "PostgreSQL's processes ending",
            timeout=30,
        )
        # The next start would take a killed postmaster that is still a zombie (not yet
        # reaped by PID 1 of a container) for a running one; it is dead, so its locks go.
        (self.data_dir / "postmaster.pid").unlink(missing_ok=True)
        (self.folder / f".s.PGSQL.{self.port}.lock").unlink(missing_ok=True)

    def restart(self) -> None:
        self.stop()
        self.start()

    def close(self) -> None:
        """Stop the cluster (immediately) and remove its folder."""
        with contextlib.suppress(Exception):
            self.stop("immediate")
        with contextlib.suppress(Exception):
            self.kill()
        shutil.rmtree(self.folder, ignore_errors=True)
        if self in _open:
            _open.remove(self)

    def __enter__(self) -> PostgresServer:
        try:
            self.start()
        except BaseException:
            self.close()
            raise
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


# --------------------------------------------------------------------------- Redis


class RedisServer:
    """A ``redis-server`` without persistence on a free port: a restart comes back empty."""

    def __init__(self, port: int | None = None) -> None:
        self.binary = redis_server_binary()
        self.port = port or free_port()
        if self.port in SYSTEM_PORTS:
            raise ValueError(f"port {self.port} belongs to the system's servers")
        self.folder = Path(tempfile.mkdtemp(prefix="jp-redis-"))
        self.log_file = self.folder / "redis.log"
        self._process: subprocess.Popen[bytes] | None = None
        _open.append(self)

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    @property
    def running(self) -> bool:
        return self._process is not None and self._process.poll() is None

    @property
    def pid(self) -> int | None:
        return self._process.pid if self.running and self._process else None

    def start(self) -> None:
        """Start an empty Redis and wait until it answers PING."""
        if self.running:
            return
        self._process = subprocess.Popen(
            [
                self.binary,
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                str(self.folder),
                "--logfile",
                str(self.log_file),
                "--daemonize",
                "no",
            ],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        _wait_for(self._answers, f"Redis answering on port {self.port}")

    def _answers(self) -> bool:
        if not self.running:
            raise RuntimeError(f"redis-server exited:\n{self.log_tail()}")
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=0.5) as sock:
                sock.sendall(b"PING\r\n")
                return sock.recv(16).startswith(b"+PONG")
        except OSError:
            return False

    def kill(self) -> None:
        """``kill -9``: every key is gone (there is no persistence)."""
        if self._process is not None and self._process.poll() is None:
            self._process.kill()
            self._process.wait(timeout=30)

    def stop(self) -> None:
        """SIGTERM; without persistence the data is gone as after a kill."""
        if self._process is not None and self._process.poll() is None:
            self._process.terminate()
            self._process.wait(timeout=30)

    def restart(self) -> None:
        """Kill and start again, empty."""
        self.kill()
        self.start()

    def log_tail(self, characters: int = 3000) -> str:
        try:
            return self.log_file.read_text(errors="replace")[-characters:]
        except OSError:
            return ""

    def close(self) -> None:
        self.kill()
        shutil.rmtree(self.folder, ignore_errors=True)
        if self in _open:
            _open.remove(self)

    def __enter__(self) -> RedisServer:
        try:
            self.start()
        except BaseException:
            self.close()
            raise
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


@contextlib.contextmanager
def throwaway_servers() -> Iterator[tuple[PostgresServer, RedisServer]]:
    """A running PostgreSQL cluster and Redis of their own, removed afterwards."""
    with PostgresServer() as postgres, RedisServer() as redis:
        yield postgres, redis


@atexit.register
def _close_leftovers() -> None:
    for server in list(_open):
        server.close()
