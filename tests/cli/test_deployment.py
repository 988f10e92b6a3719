"""docs/deployment.md holds: its compose file and units are valid, every setting is
documented, and the commands it marks *(tested)* do what it says on real databases."""

from __future__ import annotations

import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
GUIDE = ROOT / "docs" / "deployment.md"
DEPLOY = ROOT / "deploy"
JOBPROCESSOR = Path(sys.executable).parent / "jobprocessor"
PG_ADMIN_URL = os.environ.get("JOBPROCESSOR_TEST_PG_URL", "postgres://postgres@127.0.0.1:5432/postgres")


def settings_variables() -> list[str]:
    """Every ``JOBPROCESSOR_*`` variable ``Settings.from_env`` reads."""
    source = (ROOT / "workers" / "engine" / "settings.py").read_text()
    names = re.findall(r'_env(?:_\w+)?\(\s*"([A-Z0-9_]+)"', source)
    assert len(names) > 20, names
    return sorted({f"JOBPROCESSOR_{name}" for name in names})


def documented(text: str) -> set[str]:
    return set(re.findall(r"^\| `(JOBPROCESSOR_[A-Z0-9_]+)` \|", text, re.MULTILINE))


def guide_blocks_marked_tested() -> list[list[str]]:
    """The shell blocks of the guide whose paragraph marks them *(tested)*, as lists of lines
    (in the guide's order: PostgreSQL, then SQLite)."""
    text = GUIDE.read_text()
    blocks = []
    for match in re.finditer(r"```sh\n(.*?)```", text, re.DOTALL):
        paragraph = text[: match.start()].rsplit("```", 1)[-1].strip().rsplit("\n\n", 1)[-1]
        if "*(tested)*" in paragraph:
            blocks.append([line for line in match.group(1).splitlines() if line.strip()])
    return blocks


def run(command: str, env: dict[str, str], cwd: Path) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(["bash", "-euo", "pipefail", "-c", command], cwd=cwd, env=env,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, f"{command}\n{result.stdout}\n{result.stderr}"
    return result


def jobprocessor(*args: str, env: dict[str, str]) -> str:
    result = subprocess.run([str(JOBPROCESSOR), *args], env=env, capture_output=True,
                            text=True, timeout=120, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    return result.stdout


# --------------------------------------------------------------------------- documents


def test_every_setting_is_in_the_guides_table_and_in_the_readme():
    variables = settings_variables()

    assert [v for v in variables if v not in documented(GUIDE.read_text())] == []
    assert [v for v in variables if v not in documented((ROOT / "README.md").read_text())] == []


def test_the_readme_links_the_deployment_guide():
    assert "(docs/deployment.md)" in (ROOT / "README.md").read_text()


def test_the_guide_says_where_jobprocessor_lives_and_what_loads_the_demo_data():
    text = GUIDE.read_text()

    assert "`jobprocessor` lives in `.venv/bin`" in text
    assert "`jobprocessor demo`" in text and "loads the demo data" in text
    assert "Result files are stored in the database" in text


def test_the_compose_file_runs_migrations_once_then_two_apis_behind_a_proxy_and_two_workers():
    compose = yaml.safe_load((DEPLOY / "compose.yaml").read_text())
    services = compose["services"]

    assert set(compose) <= {"services", "volumes", "networks", "configs", "secrets", "name"} | {
        key for key in compose if key.startswith("x-")}
    assert set(services) == {"postgres", "redis", "migrate", "api-1", "api-2", "worker-1",
                             "worker-2", "proxy"}
    assert all("image" in s or "build" in s for s in services.values())
    assert services["migrate"]["command"] == ["jobprocessor", "migrate"]
    assert services["migrate"]["restart"] == "no"
    for name in ("api-1", "api-2", "worker-1", "worker-2"):
        service = services[name]
        assert service["depends_on"]["migrate"] == {"condition": "service_completed_successfully"}
        assert service["depends_on"]["postgres"] == {"condition": "service_healthy"}
        environment = service["environment"]
        assert set(environment) <= set(settings_variables())
        assert environment["JOBPROCESSOR_DATABASE_URL"].startswith("postgres://")
        assert environment["JOBPROCESSOR_REDIS_URL"].startswith("redis://redis:")
    assert services["api-1"]["command"][:2] == ["jobprocessor", "serve"]
    assert "/readyz" in " ".join(services["api-1"]["healthcheck"]["test"])
    assert services["worker-1"]["command"][:2] == ["jobprocessor", "worker"]
    assert "--metrics-port" in services["worker-1"]["command"]
    assert {"postgres", "redis"} <= {n for n, s in services.items() if "healthcheck" in s}
    assert services["proxy"]["depends_on"] == {"api-1": {"condition": "service_healthy"},
                                              "api-2": {"condition": "service_healthy"}}
    (mount,) = services["proxy"]["volumes"]
    nginx = (DEPLOY / mount.split(":")[0]).read_text()
    assert "server api-1:8000" in nginx and "server api-2:8000" in nginx
    assert "location = /metrics { return 404; }" in nginx
    assert "proxy_set_header Upgrade $http_upgrade" in nginx


@pytest.mark.skipif(shutil.which("docker") is None
                    or subprocess.run(["docker", "compose", "version"],
                                      capture_output=True).returncode != 0,
                    reason="docker compose is not installed (the YAML check above still runs)")
def test_docker_compose_accepts_the_compose_file():
    env = {**os.environ, "JOBPROCESSOR_SECRET_KEY": "x"}
    subprocess.run(["docker", "compose", "-f", str(DEPLOY / "compose.yaml"), "config", "-q"],
                   check=True, env=env)


def test_the_grafana_dashboard_uses_only_series_that_jobprocessor_exports():
    from workers.engine import metrics

    exported = {m.name for m in metrics.REGISTRY.collect() if m.name.startswith("jobprocessor_")}
    dashboard = json.loads((ROOT / "docs" / "grafana-dashboard.json").read_text())
    expressions = [t["expr"] for p in dashboard["panels"] for t in p["targets"]]
    used = {re.sub(r"_(bucket|total)$", "", name)
            for e in expressions for name in re.findall(r"jobprocessor_[a-z_]+", e)}

    assert used <= exported
    assert {"jobprocessor_workers_online", "jobprocessor_queue_depth",
            "jobprocessor_job_run_seconds"} <= used


@pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="no systemd-analyze here")
def test_the_systemd_units_pass_systemd_analyze(tmp_path: Path):
    units = []
    for unit in sorted((DEPLOY / "systemd").glob("*.service")):
        text = (unit.read_text().replace("/opt/jobprocessor/.venv/bin/jobprocessor",
                                         str(JOBPROCESSOR))
                .replace("/opt/jobprocessor", str(ROOT))
                .replace("/etc/jobprocessor/jobprocessor.env",
                         str(DEPLOY / "systemd" / "jobprocessor.env")))
        name = unit.name.replace("@.service", "@9100.service")
        (tmp_path / name).write_text(text)
        units.append(f"./{name}")
        assert "ExecStart=/opt/jobprocessor/.venv/bin/jobprocessor " in unit.read_text()

    result = subprocess.run(["systemd-analyze", "verify", *units], cwd=tmp_path,
                            capture_output=True, text=True)

    assert result.returncode == 0, result.stderr
    assert result.stderr.strip() == ""


# --------------------------------------------------------------------------- commands


def test_the_sqlite_backup_restores_what_was_there(tmp_path: Path):
    backup, *restore = guide_blocks_marked_tested()[1]
    data = tmp_path / "data"
    env = {**os.environ, "JOBPROCESSOR_DATA_DIR": str(data), "JOBPROCESSOR_DEMO": "0"}
    env.pop("JOBPROCESSOR_DATABASE_URL", None)
    env.pop("JOBPROCESSOR_REDIS_URL", None)
    jobprocessor("migrate", env=env)
    jobprocessor("users", "create", "kept", env=env)

    run(backup, env, tmp_path)
    with sqlite3.connect(data / "jobprocessor.sqlite3") as conn:
        conn.execute("DELETE FROM jp_api_token")
        conn.execute("DELETE FROM jp_user")
    for line in restore:
        run(line, env, tmp_path)

    assert "kept" in jobprocessor("users", "list", env=env)


async def test_the_postgres_backup_restores_into_an_empty_database(
    tmp_path: Path, pg_database: str
):
    import asyncpg

    dump, restore = guide_blocks_marked_tested()[0]
    restored = f"jp_restore_{uuid.uuid4().hex[:10]}"
    admin = await asyncpg.connect(PG_ADMIN_URL.replace("postgres://", "postgresql://", 1))
    await admin.execute(f'CREATE DATABASE "{restored}"')
    restore_url = PG_ADMIN_URL.rsplit("/", 1)[0] + "/" + restored
    env = {**os.environ, "JOBPROCESSOR_DATABASE_URL": pg_database,
           "BACKUP_DATABASE_URL": pg_database.replace("postgres://", "postgresql://", 1),
           "RESTORE_DATABASE_URL": restore_url.replace("postgres://", "postgresql://", 1)}
    env.pop("JOBPROCESSOR_REDIS_URL", None)
    try:
        jobprocessor("users", "create", "kept", env=env)

        run(dump, env, tmp_path)
        run(restore, env, tmp_path)

        listed = jobprocessor("users", "list",
                              env={**env, "JOBPROCESSOR_DATABASE_URL": restore_url})
        assert "kept" in listed
    finally:
        await admin.execute(f'DROP DATABASE IF EXISTS "{restored}" WITH (FORCE)')
        await admin.close()
