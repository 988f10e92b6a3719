"""The ``jobprocessor`` command, run as a real subprocess on a test's own data folder."""

from __future__ import annotations

import json
import os
import signal
import socket
import sqlite3
import stat
import subprocess
import sys
import time
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import pytest

from workers.access import identity
from workers.access.models import User
from workers.engine import db
from workers.engine.models import Job, JobFile
from workers.engine.settings import Settings
from workers.engine.status import JobStatus
from workers.wfm.models import Employee

ROOT = Path(__file__).resolve().parents[2]
COMMANDS = [
    ["serve"], ["worker"], ["migrate"], ["users"], ["users", "create"], ["users", "list"],
    ["users", "token"], ["users", "revoke"], ["users", "assign"], ["roles"],
    ["roles", "define"], ["policies"], ["policies", "set"], ["demo"], ["cleanup"],
    ["export-schema"],
]


def environment(data_dir: Path, env: dict[str, str] | None = None) -> dict[str, str]:
    """This process's environment with only the given JobProcessor configuration."""
    environ = {k: v for k, v in os.environ.items() if not k.startswith("JOBPROCESSOR_")}
    environ["JOBPROCESSOR_DATA_DIR"] = str(data_dir)
    environ.update(env or {})
    return environ


def jobprocessor(
    *args: str, data_dir: Path, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """Run ``python -m api.cli ARGS`` to completion."""
    return subprocess.run(
        [sys.executable, "-m", "api.cli", *args], cwd=ROOT, env=environment(data_dir, env),
        capture_output=True, text=True, timeout=60, check=False,
    )


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def last_line(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 0, result.stderr
    return result.stdout.strip().splitlines()[-1]


@pytest.fixture
async def database(settings: Settings) -> AsyncIterator[Settings]:
    """The test's SQLite database, connected in the test process too."""
    await db.connect(settings)
    try:
        yield settings
    finally:
        await db.disconnect()


# --------------------------------------------------------------------------- users


async def test_users_create_prints_a_token_on_its_last_line_that_authenticates(database):
    result = jobprocessor("users", "create", "ann", "--name", "Ann Lee", "--role", "teamlead",
                          data_dir=database.data_dir)

    user = await identity.authenticate(last_line(result))
    assert user is not None
    assert (user.username, user.name, user.role) == ("ann", "Ann Lee", "teamlead")


async def test_users_revoke_makes_every_token_of_the_user_stop_working(database):
    first = last_line(jobprocessor("users", "create", "ann", data_dir=database.data_dir))
    second = last_line(jobprocessor("users", "token", "ann", data_dir=database.data_dir))

    result = jobprocessor("users", "revoke", "ann", data_dir=database.data_dir)

    assert result.returncode == 0
    assert "Revoked 2 token(s) of ann" in result.stdout
    assert await identity.authenticate(first) is None
    assert await identity.authenticate(second) is None


async def test_users_token_issues_another_working_token_and_keeps_the_first(database):
    first = last_line(jobprocessor("users", "create", "ann", data_dir=database.data_dir))

    second = last_line(jobprocessor("users", "token", "ann", data_dir=database.data_dir))

    assert second != first
    for token in (first, second):
        user = await identity.authenticate(token)
        assert user is not None and user.username == "ann"


def test_users_create_refuses_a_taken_username_in_one_line(settings):
    jobprocessor("users", "create", "ann", data_dir=settings.data_dir)

    result = jobprocessor("users", "create", "ann", data_dir=settings.data_dir)

    assert result.returncode == 1
    assert result.stderr.strip() == "jobprocessor users create: error: user 'ann' already exists"


def test_users_token_for_an_unknown_user_says_how_to_create_it(settings):
    result = jobprocessor("users", "token", "nobody", data_dir=settings.data_dir)

    assert result.returncode == 1
    assert "jobprocessor users create nobody" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_users_list_shows_each_user_with_role_and_number_of_valid_tokens(settings):
    jobprocessor("users", "create", "ann", "--role", "admin", data_dir=settings.data_dir)
    jobprocessor("users", "create", "bob", "--name", "Bob Brown", data_dir=settings.data_dir)
    jobprocessor("users", "revoke", "bob", data_dir=settings.data_dir)

    result = jobprocessor("users", "list", data_dir=settings.data_dir)

    rows = [line.split(None, 4) for line in result.stdout.strip().splitlines()]
    assert rows == [
        ["USERNAME", "ROLE", "ACTIVE", "TOKENS", "NAME"],
        ["ann", "admin", "yes", "1", "ann"],
        ["bob", "planner", "yes", "0", "Bob Brown"],
    ]


# --------------------------------------------------------------------------- demo


async def test_demo_creates_employees_and_a_user_per_role_whose_printed_tokens_work(database):
    result = jobprocessor("demo", data_dir=database.data_dir)

    assert result.returncode == 0, result.stderr
    printed = [line.split() for line in result.stdout.strip().splitlines()[-5:]]
    assert [(username, role) for username, role, _ in printed] == [
        ("admin", "admin"), ("teamlead", "teamlead"), ("planner", "planner"),
        ("planner2", "planner"), ("analyst", "analyst"),
    ]
    for username, role, token in printed:
        user = await identity.authenticate(token)
        assert user is not None and (user.username, user.role) == (username, role)
    assert await Employee.all().count() == 150
    assert set(await Employee.all().distinct().values_list("team", flat=True)) >= {
        "Customer Service", "Back Office", "Sales", "Night Shift"}
    assert await Employee.filter(active=False).exists()


def test_demo_keeps_the_printed_tokens_in_a_file_only_the_owner_can_read(settings):
    result = jobprocessor("demo", data_dir=settings.data_dir)

    path = settings.data_dir / "demo-tokens.json"
    printed = {line.split()[0]: line.split()[2]
               for line in result.stdout.strip().splitlines()[-5:]}
    saved = {entry["username"]: entry["token"] for entry in json.loads(path.read_text())}
    assert saved == printed
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


async def test_demo_run_a_second_time_creates_nothing(database):
    first = jobprocessor("demo", data_dir=database.data_dir)

    second = jobprocessor("demo", data_dir=database.data_dir)

    assert first.returncode == second.returncode == 0
    assert "nothing created" in second.stdout
    assert "jp_" not in second.stdout
    assert await Employee.all().count() == 150
    assert await User.all().count() == 5


# --------------------------------------------------------------------------- migrate, cleanup


def test_migrate_creates_the_tables_in_an_empty_data_folder_and_then_has_nothing_to_do(
    tmp_path: Path,
):
    data_dir = tmp_path / "fresh"

    first = jobprocessor("migrate", data_dir=data_dir)
    second = jobprocessor("migrate", data_dir=data_dir)

    assert first.returncode == 0, first.stderr
    assert "Applied migration 0_" in first.stdout
    with sqlite3.connect(data_dir / "jobprocessor.sqlite3") as conn:
        tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master")}
    assert {"jp_user", "jp_api_token", "jp_job", "jp_job_event", "jp_job_file",
            "wfm_employee"} <= tables
    assert "up to date" in second.stdout


async def test_cleanup_deletes_processed_jobs_older_than_the_retention_with_their_files(
    database, user_factory
):
    user, _ = await user_factory()
    now = datetime.now(UTC)

    async def job(status: JobStatus, finished_days_ago: float | None) -> Job:
        finished = None if finished_days_ago is None else now - timedelta(finished_days_ago)
        return await Job.create(type="REPORT", feature="Monitoring > Reports", params={},
                                settings={}, user=user, status=status,
                                submitted_at=now - timedelta(days=60), finished_at=finished)

    old_completed = await job(JobStatus.COMPLETED, 40)
    await JobFile.create(job=old_completed, name="employees.csv", content_type="text/csv",
                         size=3, content=b"a,b")
    await job(JobStatus.FAILED, 31)
    recent = await job(JobStatus.COMPLETED, 1)
    waiting = await job(JobStatus.SUBMITTED, None)

    result = jobprocessor("cleanup", "--retention-days", "30", data_dir=database.data_dir)

    assert result.returncode == 0, result.stderr
    assert "Deleted 2 processed job(s)" in result.stdout
    assert set(await Job.all().values_list("id", flat=True)) == {recent.id, waiting.id}
    assert not await JobFile.exists()


# --------------------------------------------------------------------------- serve


def test_serve_embedded_migrates_creates_demo_users_and_answers_until_interrupted(
    tmp_path: Path,
):
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "api.cli", "serve", "--port", str(port)], cwd=ROOT,
        env=environment(tmp_path / "data"), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        text=True,
    )
    try:
        health = None
        deadline = time.monotonic() + 60
        while health is None and time.monotonic() < deadline and server.poll() is None:
            try:
                health = httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=1).json()
            except httpx.TransportError:
                time.sleep(0.1)
    finally:
        server.send_signal(signal.SIGINT)
        out, err = server.communicate(timeout=30)

    assert health == {"status": "ok", "mode": "embedded"}, err
    assert server.returncode == 0
    tokens = [e["token"] for e in json.loads((tmp_path / "data" / "demo-tokens.json").read_text())]
    assert len(tokens) == 5
    assert all(token in out for token in tokens)


def test_serve_in_distributed_mode_refuses_an_unreachable_redis(settings):
    result = jobprocessor("serve", data_dir=settings.data_dir,
                          env={"JOBPROCESSOR_REDIS_URL": "redis://127.0.0.1:1/0",
                               "JOBPROCESSOR_SECRET_KEY": "shared-secret"})

    assert result.returncode == 1
    assert result.stderr.startswith(
        "jobprocessor serve: error: cannot reach Redis at JOBPROCESSOR_REDIS_URL")


def test_serve_in_distributed_mode_requires_a_shared_secret_key(settings):
    result = jobprocessor("serve", data_dir=settings.data_dir,
                          env={"JOBPROCESSOR_REDIS_URL": "redis://127.0.0.1:6379/0"})

    assert result.returncode == 1
    message = result.stderr.strip()
    assert len(message.splitlines()) == 1
    assert "JOBPROCESSOR_SECRET_KEY must be set in distributed mode" in message


# --------------------------------------------------------------------------- export-schema


def test_export_schema_writes_the_sdl_of_the_served_schema(tmp_path: Path):
    from api.schema_export import export_schema

    target = tmp_path / "schema.graphql"

    result = jobprocessor("export-schema", "-o", str(target), data_dir=tmp_path)

    assert result.returncode == 0, result.stderr
    assert target.read_text() == export_schema()
    assert "type Query" in target.read_text()


# --------------------------------------------------------------------------- errors and help


def test_worker_refuses_to_start_without_redis_and_says_why(settings):
    result = jobprocessor("worker", data_dir=settings.data_dir)

    assert result.returncode == 1
    message = result.stderr.strip()
    assert len(message.splitlines()) == 1
    assert "needs JOBPROCESSOR_REDIS_URL" in message
    assert "jobprocessor serve` runs the workers itself" in message


def test_an_unreachable_database_is_reported_in_one_line(tmp_path: Path):
    result = jobprocessor("users", "list", data_dir=tmp_path,
                          env={"JOBPROCESSOR_DATABASE_URL": "postgres://jp@127.0.0.1:1/none"})

    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        "jobprocessor users list: error: cannot reach the database at "
        "postgres://***@127.0.0.1:1/none: [Errno 111] Connect call failed ('127.0.0.1', 1)"
    ]


def test_a_malformed_setting_names_the_variable(tmp_path: Path):
    result = jobprocessor("migrate", data_dir=tmp_path, env={"JOBPROCESSOR_LEASE_SECONDS": "soon"})

    assert result.returncode == 2
    assert "JOBPROCESSOR_LEASE_SECONDS must be a number, got 'soon'" in result.stderr


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_help_explains_each_command(command: list[str], tmp_path: Path):
    result = jobprocessor(*command, "--help", data_dir=tmp_path)

    assert result.returncode == 0
    usage, _, explanation = result.stdout.partition("\n\n")
    assert usage.startswith(f"usage: jobprocessor {' '.join(command)}")
    assert len(explanation.split()) >= 8


def test_the_jobprocessor_command_is_installed_next_to_python():
    script = Path(sys.executable).parent / "jobprocessor"

    result = subprocess.run([str(script), "--help"], capture_output=True, text=True, check=False)

    assert result.returncode == 0
    for command in ("serve", "worker", "migrate", "users", "demo", "cleanup", "export-schema"):
        assert command in result.stdout
