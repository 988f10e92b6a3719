"""A throwaway PostgreSQL cluster for tests that stop it: ``tests/servers.py``'s when that
file is there (the fault suite's), else a few lines of its own (``initdb``, ``pg_ctl``) on a
free port. Never the system's server.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

try:  # tests/servers.py makes the throwaway servers (the fault suite's, shared)
    from servers import PostgresServer, servers_available
except ImportError:  # a checkout without the fault suite: the few lines these tests need
    PostgresServer, servers_available = None, None  # type: ignore[assignment,misc]


class _ThrowawayPostgres:
    """A PostgreSQL cluster of its own on a free port (``initdb``, ``pg_ctl``), for when
    ``tests/servers.py`` is not there."""

    def __init__(self) -> None:
        found = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"))
        self.bin = Path(found[-1]).parent
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            self.port = int(sock.getsockname()[1])
        self.folder = Path(tempfile.mkdtemp(prefix="jp-outage-pg-"))
        self.data = self.folder / "data"
        self._as_postgres = os.geteuid() == 0
        if self._as_postgres:
            account = pwd.getpwnam("postgres")
            os.chown(self.folder, account.pw_uid, account.pw_gid)
        self._run("initdb", "-D", str(self.data), "-U", "postgres", "--auth=trust", "--no-sync")
        with (self.data / "postgresql.conf").open("a") as conf:
            conf.write(f"listen_addresses = '127.0.0.1'\nport = {self.port}\n"
                       f"unix_socket_directories = '{self.folder}'\nfsync = off\n")
        self.running = False

    def _run(self, tool: str, *args: str) -> None:
        command = [str(self.bin / tool), *args]
        if self._as_postgres:
            command = ["runuser", "-u", "postgres", "--", *command]
        subprocess.run(command, check=True, capture_output=True, cwd=self.folder)

    def start(self) -> None:
        self._run("pg_ctl", "-D", str(self.data), "-l", str(self.folder / "log"), "-w", "start")
        self.running = True

    def stop(self, mode: str = "fast") -> None:
        self._run("pg_ctl", "-D", str(self.data), "-m", mode, "-w", "stop")
        self.running = False

    def close(self) -> None:
        if self.running:
            self.stop("immediate")
        shutil.rmtree(self.folder, ignore_errors=True)

    def url(self, database: str = "postgres") -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/{database}"

    def dsn(self, database: str = "postgres") -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/{database}"


def missing() -> str | None:
    """What is not installed for a throwaway cluster, or ``None``."""
    if servers_available is not None:
        return servers_available()
    if not glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"):
        return "PostgreSQL's server binaries are not installed (apt-get install postgresql)"
    return None



def throwaway_postgres() -> Iterator[Any]:
    """A started cluster, closed afterwards (skips locally without the binaries; fails on CI)."""
    absent = missing()
    if absent:
        if os.environ.get("CI"):
            pytest.fail(f"these tests need PostgreSQL's binaries on CI: {absent}")
        pytest.skip(absent)
    server: Any = PostgresServer() if PostgresServer is not None else _ThrowawayPostgres()
    server.start()
    try:
        yield server
    finally:
        server.close()
