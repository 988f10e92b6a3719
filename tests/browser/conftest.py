"""Browser tests: the web page in Debian's Chromium, driven by Playwright, against a real server.

One server process serves all browser tests (``_server.py``: embedded, a fresh SQLite data
folder, the demo data plus enough employees for a report to take seconds, test users, and
the test-only slow scheduling job type), configured as in production where it matters to
the page: introspection off, rights re-checked on open connections (polled every 0.2 s
here, so tests need not wait). Each test gets a fresh browser context at 1280 x 800 and
leaves a screenshot in ``test-artifacts/browser/``. Tests keep out of each other's way by
working on their own jobs and users.

Users act under the built-in roles (``workers/rights.py``): planners start and follow their
own scheduling jobs (the optimization on the demo levels, or the slow test job), analysts
their own reports, team leads see every planner's scheduling jobs, administrators
everything.

Chromium (``/usr/bin/chromium``, never a downloaded browser) and the built page
(``frontend-demo/dist``, built by ``scripts/setup``) must exist: without them these tests
skip on a developer machine and fail under CI.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
from plugins import job_types_path

IN_CI = os.environ.get("CI", "").lower() == "true"
ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts" / "browser"
CHROMIUM = os.environ.get("JOBPROCESSOR_TEST_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
#: Employees added to the demo's 150, in a team of their own: a report over all teams then
#: runs for a few seconds, long enough to watch its progress.
EXTRA_EMPLOYEES = 15_000
#: Test users (username:role) besides the demo users (admin, teamlead, planner, planner2,
#: analyst).
TEST_USERS = (
    "optimizer:planner", "form_optimizer:planner", "withdrawer:planner", "resubmitter:planner",
    "filter_a:analyst", "filter_b:analyst", "sorter:analyst", "pager:analyst",
    "narrow:analyst", "watcher:analyst", "promoted:analyst", "revoked:analyst",
    "sharer:planner", "retrier:planner", "mobile:planner", "nightowl:planner",
    "latecomer:planner",
)
DEMO_USERS = frozenset({"admin", "teamlead", "planner", "planner2", "analyst"})
STARTUP_SECONDS = 60
#: How long the page may take to show what a test waits for (jobs run for seconds).
EXPECT_MS = 20_000


def _require(condition: bool, message: str) -> None:
    if condition:
        return
    if IN_CI:
        pytest.fail(message)
    pytest.skip(message)


@dataclass
class WebServer:
    """The running server: its address, and the users' tokens for setting up through the API."""

    url: str
    data_dir: Path
    tokens: dict[str, str] = field(default_factory=dict)

    def graphql(self, username: str, query: str, variables: dict[str, Any] | None = None
                ) -> dict[str, Any]:
        """The ``data`` of a request made as ``username`` (fails on GraphQL errors)."""
        response = httpx.post(
            f"{self.url}/graphql",
            json={"query": query, "variables": variables or {}},
            headers={"Authorization": f"Bearer {self.tokens[username]}"},
            timeout=15,
        )
        body: dict[str, Any] = response.json()
        assert not body.get("errors"), body["errors"]
        data: dict[str, Any] = body["data"]
        return data

    def submit(self, username: str, params: dict[str, Any],
               start_at: datetime | None = None) -> str:
        """Submit a job as ``username`` through the API; its id."""
        settings = {"startAt": start_at.isoformat()} if start_at else None
        data = self.graphql(
            username,
            "mutation($input: SubmitJobInput!) { submitJob(input: $input) {"
            " __typename ... on Job { id } ... on ValidationError { field message } } }",
            {"input": {"params": params, "settings": settings}},
        )
        result = data["submitJob"]
        assert result["__typename"] == "Job", result
        job_id: str = result["id"]
        return job_id

    def submit_slow_job(self, username: str, seconds: float = 120,
                        start_at: datetime | None = None, *, fail: bool = False) -> str:
        """A test-only scheduling job running ``seconds``, a checkpoint every 50 ms, then
        completing (or failing, with ``fail``); its id."""
        response = httpx.post(
            f"{self.url}/test-only/slow-jobs",
            json={"username": username, "seconds": seconds,
                  "startAt": start_at.isoformat() if start_at else None,
                  "outcome": "fail" if fail else "complete"},
            timeout=15,
        )
        response.raise_for_status()
        job_id: str = response.json()["id"]
        return job_id

    def cancel(self, username: str, job_id: str) -> None:
        """Cancel a job through the API (cleaning up after a test)."""
        self.graphql(username, "mutation($ids: [ID!]!) { cancelJobs(ids: $ids) { __typename } }",
                     {"ids": [job_id]})

    def status(self, username: str, job_id: str) -> str | None:
        data = self.graphql(username, "query($id: ID!) { job(id: $id) { status } }",
                            {"id": job_id})
        return data["job"]["status"] if data["job"] else None

    def wait_for_status(self, username: str, job_id: str, status: str,
                        timeout: float = EXPECT_MS / 1000 * 3) -> None:
        """Wait until the job has ``status`` (checked through the API, a few times a second).

        Raises:
            AssertionError: it did not within ``timeout`` seconds.
        """
        deadline = time.monotonic() + timeout
        while (now := self.status(username, job_id)) != status:
            assert time.monotonic() < deadline, f"job {job_id} is {now}, not {status}"
            time.sleep(0.1)

    @staticmethod
    def tomorrow() -> datetime:
        """A start time far enough ahead that a job surely waits through a test."""
        return datetime.now(UTC) + timedelta(days=1)

    def level_id(self, username: str, period: str, level: str) -> str:
        """The id of the schedule level ``level`` of the planning period ``period``."""
        periods = self.graphql(username, "{ planningPeriods { name levels { id name } } }")
        (level_id,) = [lv["id"] for p in periods["planningPeriods"] if p["name"] == period
                       for lv in p["levels"] if lv["name"] == level]
        return str(level_id)

    def user_id(self, username: str) -> str:
        user_id: str = self.graphql(username, "{ me { id } }")["me"]["id"]
        return user_id

    def administer(self, mutation: str, variables: dict[str, Any]) -> dict[str, Any]:
        """Run an administration mutation as ``admin``; its one result (fails on a refusal)."""
        data = self.graphql("admin", mutation, variables)
        (result,) = data.values()
        assert result["__typename"] not in {"ValidationError", "NotAllowed", "RoleNotFound",
                                            "UserNotFound", "RoleInUse"}, result
        return dict(result)

    def define_role(self, **role: Any) -> None:
        self.administer(
            "mutation($input: RoleInput!) { defineRole(input: $input) {"
            " __typename ... on ValidationError { field message } } }",
            {"input": role},
        )

    def assign_role(self, username: str, role: str) -> None:
        self.administer(
            "mutation($user: ID!, $role: String!) { assignRole(userId: $user, role: $role) {"
            " __typename } }",
            {"user": self.user_id(username), "role": role},
        )

    def revoke_tokens(self, username: str) -> None:
        self.administer(
            "mutation($user: ID!) { revokeUserTokens(userId: $user) { __typename } }",
            {"user": self.user_id(username)},
        )

    def set_policy(self, job_type: str, **policy: Any) -> None:
        """Set a job type's start policy (``start``, ``timeOfDay``, ``allowOverride`` …)."""
        self.administer(
            "mutation($input: JobTypePolicyInput!) { setJobTypePolicy(input: $input) {"
            " __typename ... on ValidationError { field message } } }",
            {"input": {"jobType": job_type, **policy}},
        )


def _wait_until_healthy(url: str, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the test server exited with status {process.returncode}")
        try:
            if httpx.get(f"{url}/healthz", timeout=1).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.1)  # nothing to await: the process says nothing when it is ready
    raise RuntimeError(f"the test server did not answer /healthz within {STARTUP_SECONDS} s")


@contextlib.contextmanager
def serving(data_dir: Path, env: dict[str, str] | None = None, *,
            extra_employees: int = 0, users: tuple[str, ...] = ()) -> Iterator[WebServer]:
    """A JobProcessor server process (``_server.py``) with the built page, on a free port.

    Embedded on a fresh SQLite folder unless ``env`` says otherwise (e.g. a Redis URL: then
    it serves the API only and no worker runs). ``users`` are ``username:role`` to create.
    """
    _require((ROOT / "frontend-demo" / "dist" / "index.html").is_file(),
             "the web page is not built: run scripts/setup (it builds frontend-demo/dist)")
    listening = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listening.bind(("127.0.0.1", 0))
    listening.listen(128)
    url = f"http://127.0.0.1:{listening.getsockname()[1]}"
    environment = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([
            str(job_types_path(data_dir / "plugins",
                               {"TEST_SLOW_SCHEDULING": "engine.testing_jobs:SlowSchedulingJob"})),
            str(ROOT / "tests"), str(ROOT)]),
        "JOBPROCESSOR_DATA_DIR": str(data_dir),
        "JOBPROCESSOR_DEMO": "1",
        "JOBPROCESSOR_SECRET_KEY": "browser-test-secret",
        "JOBPROCESSOR_MAINTENANCE_INTERVAL_SECONDS": "0.5",
        "JOBPROCESSOR_RIGHTS_POLL_SECONDS": "0.2",
        "JOBPROCESSOR_INTROSPECTION": "0",
    }
    environment.pop("JOBPROCESSOR_REDIS_URL", None)
    environment.pop("JOBPROCESSOR_DATABASE_URL", None)
    environment.update(env or {})
    log = (data_dir / "server.log").open("wb")
    process = subprocess.Popen(
        [sys.executable, "-m", "browser._server", "--fd", str(listening.fileno()),
         "--extra-employees", str(extra_employees), "--users", ",".join(users)],
        cwd=ROOT, env=environment, pass_fds=[listening.fileno()], stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        _wait_until_healthy(url, process)
        tokens = {e["username"]: e["token"]
                  for e in json.loads((data_dir / "demo-tokens.json").read_text())}
        tokens.update(json.loads((data_dir / "test-users.json").read_text()))
        yield WebServer(url=url, data_dir=data_dir, tokens=tokens)
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()
        listening.close()


@pytest.fixture(scope="package")
def web_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[WebServer]:
    """An embedded JobProcessor server process with the built page, for the browser tests."""
    with serving(tmp_path_factory.mktemp("web-server"), extra_employees=EXTRA_EMPLOYEES,
                 users=TEST_USERS) as server:
        yield server


def serve(data_dir: Path, database_url: str | None = None,
          extra_employees: int = EXTRA_EMPLOYEES) -> Iterator[WebServer]:
    """Run the test server on SQLite in ``data_dir`` (or on ``database_url``) until closed,
    with the test users (for fixtures: ``yield from serve(...)``)."""
    env = {"JOBPROCESSOR_DATABASE_URL": database_url} if database_url is not None else None
    with serving(data_dir, env, extra_employees=extra_employees, users=TEST_USERS) as server:
        yield server


@pytest.fixture(scope="package")
def browser() -> Iterator[Any]:
    """Debian's Chromium, headless, for the browser tests.

    Package-scoped: Playwright's sync API runs its own event loop while it is open, and
    the asyncio tests that follow need the thread without one.
    """
    _require(Path(CHROMIUM).exists(), f"Chromium is not installed at {CHROMIUM} "
             "(apt-get install chromium)")
    from playwright.sync_api import expect, sync_playwright

    expect.set_options(timeout=EXPECT_MS)
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS,
                                              headless=True)
        try:
            yield chromium
        finally:
            chromium.close()


def _artifact_name(request: pytest.FixtureRequest) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]+", "_", request.node.name)


#: The screens the page is tested on: a laptop's, and a phone's (as Chromium's device list
#: has a Pixel 7: 412 x 915 CSS pixels, touch).
VIEWPORTS: dict[str, dict[str, Any]] = {
    "desktop": {"viewport": {"width": 1280, "height": 800}},
    "phone": {"viewport": {"width": 412, "height": 915}, "device_scale_factor": 2,
              "is_mobile": True, "has_touch": True},
}


def _tab(browser: Any, web_server: WebServer, request: pytest.FixtureRequest,
         screen: str, color_scheme: str = "light") -> Iterator[Any]:
    # bypass_csp: the accessibility check injects axe-core, which the page's own policy
    # (script-src 'self') would refuse; nothing else the tests do needs it.
    context = browser.new_context(**VIEWPORTS[screen], base_url=web_server.url,
                                  accept_downloads=True, bypass_csp=True,
                                  color_scheme=color_scheme)
    tab = context.new_page()
    errors: list[str] = []
    tab.on("pageerror", lambda error: errors.append(str(error)))
    try:
        yield tab
        assert errors == [], f"the page raised: {errors}"
    finally:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        try:
            tab.screenshot(path=str(ARTIFACTS / f"{_artifact_name(request)}.png"))
        finally:
            context.close()


@pytest.fixture
def page(browser: Any, web_server: WebServer, request: pytest.FixtureRequest) -> Iterator[Any]:
    """A new browser tab at 1280 x 800 on the server; a screenshot of it is kept after the test."""
    yield from _tab(browser, web_server, request, "desktop")


@pytest.fixture(params=list(VIEWPORTS))
def any_page(browser: Any, web_server: WebServer, request: pytest.FixtureRequest) -> Iterator[Any]:
    """The test runs twice: in a desktop tab and in a phone-sized one (see :func:`on_phone`)."""
    yield from _tab(browser, web_server, request, request.param)


@pytest.fixture
def dark_page(browser: Any, web_server: WebServer,
              request: pytest.FixtureRequest) -> Iterator[Any]:
    """A desktop tab whose system setting asks for a dark theme."""
    yield from _tab(browser, web_server, request, "desktop", color_scheme="dark")


@pytest.fixture
def phone_page(browser: Any, web_server: WebServer,
               request: pytest.FixtureRequest) -> Iterator[Any]:
    """A new browser tab with a phone's screen (412 x 915, touch)."""
    yield from _tab(browser, web_server, request, "phone")


def on_phone(tab: Any) -> bool:
    """Whether ``tab`` has a phone's narrow screen (where rows become cards)."""
    return bool(tab.viewport_size["width"] < 760)


@pytest.fixture
def job_type_policy(web_server: WebServer) -> Iterator[Callable[..., None]]:
    """``job_type_policy("REPORT", start="DAILY_AT", …)`` sets a job type's start policy as
    the administrator; after the test the default (start at once, users choose) is back."""
    changed: list[str] = []

    def set_policy(job_type: str, **policy: Any) -> None:
        changed.append(job_type)
        web_server.set_policy(job_type, **policy)

    yield set_policy
    for job_type in dict.fromkeys(changed):
        web_server.set_policy(job_type)


@pytest.fixture
def screenshot(request: pytest.FixtureRequest) -> Any:
    """``screenshot(page, "after-cancel")``: keep a picture of this moment of the test."""

    def take(tab: Any, label: str) -> Path:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        path = ARTIFACTS / f"{_artifact_name(request)}--{label}.png"
        tab.screenshot(path=str(path))
        return path

    return take
