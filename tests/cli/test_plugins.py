"""A job type from another package: installed, it appears in the schema and runs.

``tests/plugin_example`` is a minimal package declaring one job type in the
``jobprocessor.job_types`` entry-point group (see ``docs/job-types.md``). It is installed
for real (``pip install --target``) and a real ``jobprocessor`` process finds it there.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from .test_commands import environment, free_port, jobprocessor, last_line

ROOT = Path(__file__).resolve().parents[2]
PLUGIN = ROOT / "tests" / "plugin_example"


@pytest.fixture(scope="module")
def plugin_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder the example package was installed into, as pip installs any package."""
    target = tmp_path_factory.mktemp("site-packages")
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
         "--no-deps", "--no-build-isolation", "--no-index", "--target", str(target),
         str(PLUGIN)],
        check=True, capture_output=True, timeout=120,
    )
    return target


def with_plugin(site: Path) -> dict[str, str]:
    return {"PYTHONPATH": os.pathsep.join(filter(None, [str(site), os.environ.get("PYTHONPATH")])),
            "JOBPROCESSOR_DEMO": "0"}


def test_an_installed_job_type_gets_its_own_member_of_the_submit_input(
    plugin_site: Path, tmp_path: Path
) -> None:
    result = jobprocessor("export-schema", data_dir=tmp_path, env=with_plugin(plugin_site))

    assert result.returncode == 0, result.stderr
    assert "greeting: GreetingParamsInput" in result.stdout
    assert '"""Whom to greet."""\n  name: String!' in result.stdout
    assert "times: Int! = 3" in result.stdout


def test_without_the_package_the_job_type_is_not_there(tmp_path: Path) -> None:
    result = jobprocessor("export-schema", data_dir=tmp_path)

    assert result.returncode == 0, result.stderr
    assert "GreetingParamsInput" not in result.stdout


def test_an_installed_job_type_is_submitted_over_graphql_and_runs(
    plugin_site: Path, tmp_path: Path
) -> None:
    env = with_plugin(plugin_site)
    data = tmp_path / "data"
    assert jobprocessor("migrate", data_dir=data, env=env).returncode == 0
    token = last_line(jobprocessor("users", "create", "ada", "--role", "admin",
                                   data_dir=data, env=env))
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "api.cli", "serve", "--port", str(port)], cwd=ROOT,
        env=environment(data, env), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    url = f"http://127.0.0.1:{port}/graphql"
    headers = {"Authorization": f"Bearer {token}"}
    try:
        wait_until_healthy(port, server)
        submitted = httpx.post(url, headers=headers, json={"query": """
            mutation { submitJob(input: {params: {greeting: {name: "Ada", times: 2}}}) {
              __typename ... on Job { id type } } }"""}, timeout=30).json()
        job = submitted["data"]["submitJob"]
        assert job["__typename"] == "Job", submitted
        done = wait_for_job(url, headers, job["id"])
    finally:
        server.send_signal(signal.SIGINT)
        server.communicate(timeout=30)

    assert job["type"] == "GREETING"
    assert done["status"] == "COMPLETED", done
    assert done["result"]["summary"] == "Greeted Ada 2 times."
    assert [f["name"] for f in done["result"]["files"]] == ["greeting.txt"]


def wait_until_healthy(port: int, server: subprocess.Popen[str]) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        assert server.poll() is None, server.communicate()[1]
        try:
            if httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=1).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.1)
    pytest.fail("the server did not become healthy")


def wait_for_job(url: str, headers: dict[str, str], job_id: str) -> dict[str, object]:
    query = ("query($id: ID!) { job(id: $id) { status result { summary files { name } } "
             "error } }")
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        job = httpx.post(url, headers=headers, json={"query": query, "variables": {"id": job_id}},
                         timeout=30).json()["data"]["job"]
        if job["status"] in ("COMPLETED", "FAILED", "CANCELLED"):
            return dict(job)
        time.sleep(0.1)
    pytest.fail(f"job {job_id} did not finish")
