"""Workers & queues: the view an operator opens, its charts drawn from real jobs, pausing a
queue from it, and the overview's banner when no worker runs.

The banner test runs its own server in distributed mode (the API only, on Redis, with no
worker process started), which is what an installation whose workers are all down looks
like. The others use the shared embedded server, whose in-process workers are online.
"""

from __future__ import annotations

import os
import socket
import uuid
from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from browser.conftest import EXPECT_MS, IN_CI, WebServer, _tab, serving
from browser.pages import expect_status, serious_accessibility_problems, sign_in

REDIS_URL = os.environ.get("JOBPROCESSOR_TEST_REDIS_URL", "redis://127.0.0.1:6379/0")
NO_WORKER = "No worker is online — submitted jobs wait."
STATS = """query($days: Int!) { jobStatistics(days: $days) {
  finishedPerHour { completed failed cancelled } runTimes { jobType count } } }"""


def _redis_reachable() -> bool:
    host_port = REDIS_URL.split("://", 1)[1].split("/", 1)[0]
    host, _, port = host_port.rpartition(":")
    try:
        with socket.create_connection((host or "127.0.0.1", int(port or 6379)), timeout=1):
            return True
    except OSError:
        return False


@pytest.fixture(scope="module")
def workerless_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[WebServer]:
    """A distributed API process (Redis, its own SQLite folder) and no worker at all."""
    if not _redis_reachable():
        message = f"Redis is not reachable at {REDIS_URL}"
        if IN_CI:
            pytest.fail(message)
        pytest.skip(message)
    prefix = f"jp-browser-{uuid.uuid4().hex[:8]}"
    env = {"JOBPROCESSOR_REDIS_URL": REDIS_URL, "JOBPROCESSOR_REDIS_PREFIX": prefix}
    try:
        with serving(tmp_path_factory.mktemp("workerless"), env,
                     users=("idle_planner:planner",)) as server:
            yield server
    finally:
        import redis

        client = redis.Redis.from_url(REDIS_URL)
        keys = list(client.scan_iter(f"{prefix}*"))
        if keys:
            client.delete(*keys)
        client.close()


@pytest.fixture
def workerless_page(browser: Any, workerless_server: WebServer,
                    request: pytest.FixtureRequest) -> Iterator[Page]:
    """A desktop tab on the server without workers."""
    yield from _tab(browser, workerless_server, request, "desktop")


PAINTED_PIXELS = """([selector, variable]) => {
    const canvas = document.querySelector(`${selector} canvas`);
    if (!canvas) return 0;
    const probe = document.createElement("div");
    probe.style.color = getComputedStyle(document.documentElement)
        .getPropertyValue(variable).trim();
    document.body.appendChild(probe);
    const [r, g, b] = getComputedStyle(probe).color.match(/\\d+/g).map(Number);
    probe.remove();
    const context = canvas.getContext("2d");
    const data = context.getImageData(0, 0, canvas.width, canvas.height).data;
    let n = 0;
    for (let i = 0; i < data.length; i += 4) {
        if (Math.abs(data[i] - r) < 8 && Math.abs(data[i + 1] - g) < 8
            && Math.abs(data[i + 2] - b) < 8 && data[i + 3] > 200) n++;
    }
    return n;
}"""


def painted(page: Page, chart: str, css_variable: str) -> int:
    """How many pixels of ``chart``'s canvas have the colour of ``css_variable`` (its bars),
    once it has any: uPlot draws on an animation frame after its data arrives, so this waits
    for the first painted bar (failing after the usual expect timeout) instead of racing it."""
    page.wait_for_function(f"args => ({PAINTED_PIXELS})(args) > 0", arg=[chart, css_variable],
                           timeout=EXPECT_MS)
    count: int = page.evaluate(PAINTED_PIXELS, [chart, css_variable])
    return count


def totals(web_server: WebServer, days: int) -> dict[str, Any]:
    stats = web_server.graphql("admin", STATS, {"days": days})["jobStatistics"]
    hours = stats["finishedPerHour"]
    return {
        "completed": sum(h["completed"] for h in hours),
        "failed": sum(h["failed"] for h in hours),
        "cancelled": sum(h["cancelled"] for h in hours),
        "runTimes": {r["jobType"]: r["count"] for r in stats["runTimes"]},
    }


def test_the_overview_says_no_worker_is_online_and_the_submitted_job_waits(
    workerless_page: Page, workerless_server: WebServer
):
    page = workerless_page
    job_id = workerless_server.submit_slow_job("idle_planner", seconds=1)

    sign_in(page, "idle_planner", workerless_server)

    expect(page.get_by_role("status").filter(has_text=NO_WORKER)).to_be_visible()
    expect_status(page, job_id, "SUBMITTED")
    assert workerless_server.status("idle_planner", job_id) == "SUBMITTED"


def test_with_its_workers_online_the_overview_shows_no_such_banner(
    page: Page, web_server: WebServer
):
    sign_in(page, "admin")

    expect(page.get_by_role("heading", name="Jobs")).to_be_visible()
    page.get_by_role("link", name="Workers & queues").wait_for()  # the page read its rights
    expect(page.get_by_text(NO_WORKER)).to_have_count(0)


def test_workers_and_queues_show_the_worker_and_charts_of_the_jobs_that_ran(
    page: Page, web_server: WebServer, screenshot
):
    done = [web_server.submit_slow_job("planner", seconds=0.2) for _ in range(3)]
    failed = web_server.submit_slow_job("planner", seconds=0.1, fail=True)
    for job_id in done:
        web_server.wait_for_status("planner", job_id, "COMPLETED")
    web_server.wait_for_status("planner", failed, "FAILED")
    day, week = totals(web_server, 1), totals(web_server, 7)

    sign_in(page, "admin")
    page.get_by_role("link", name="Workers & queues").click()

    expect(page.get_by_role("heading", name="Workers & queues")).to_be_visible()
    (worker,) = web_server.graphql("admin", "{ workers { name threads } }")["workers"]
    workers = page.get_by_role("table", name="Workers")
    expect(workers.locator("tbody tr")).to_have_count(1)
    expect(workers.locator("tbody tr th")).to_have_text(worker["name"])
    expect(workers.locator("tbody tr td").nth(2)).to_have_text(str(worker["threads"]))
    queue = page.get_by_role("table", name="Queues").locator('tr[data-queue="jobs"]')
    expect(queue).to_contain_text("Running")

    last_day = page.get_by_test_id("finished-24h")
    expect(last_day.locator(".chart__summary")).to_have_text(
        f"Last 24 hours, per hour: {day['completed']} completed, {day['failed']} failed, "
        f"{day['cancelled']} cancelled.")
    expect(page.get_by_test_id("finished-7d").locator(".chart__summary")).to_contain_text(
        f"{week['completed']} completed, {week['failed']} failed")
    run_times = page.get_by_test_id("run-times-chart")
    slow = run_times.locator('tr[data-job-type="TEST_SLOW_SCHEDULING"] td').first
    expect(slow).to_have_text(str(week["runTimes"]["TEST_SLOW_SCHEDULING"]))
    assert day["completed"] >= 3 and day["failed"] >= 1

    assert painted(page, '[data-testid="finished-24h"]', "--completed-bar") > 0
    assert painted(page, '[data-testid="finished-24h"]', "--failed-bar") > 0
    assert painted(page, '[data-testid="run-times-chart"]', "--running-bar") > 0
    screenshot(page, "workers-and-queues")
    assert serious_accessibility_problems(page, ".operations") == []


def test_an_administrator_pauses_the_queue_and_its_new_job_waits_until_resumed(
    page: Page, web_server: WebServer
):
    sign_in(page, "admin")
    page.get_by_role("link", name="Workers & queues").click()
    queue = page.get_by_role("table", name="Queues").locator('tr[data-queue="jobs"]')
    queue.get_by_role("button", name="Pause jobs").click()
    expect(queue).to_contain_text("Paused")
    try:
        job_id = web_server.submit_slow_job("planner", seconds=0.1)
        expect(queue.locator("td").first).not_to_have_text("0")  # read again within seconds
        assert web_server.status("planner", job_id) == "SUBMITTED"
        page.get_by_role("link", name="Jobs", exact=True).click()
        expect(page.get_by_role("status").filter(has_text="Paused by an administrator")
               ).to_contain_text("the jobs queue")
        expect_status(page, job_id, "SUBMITTED")
        page.get_by_role("link", name="Workers & queues").click()

        queue.get_by_role("button", name="Resume jobs").click()
        expect(page.get_by_role("status").filter(has_text="Queue jobs resumed.")).to_be_visible()
        web_server.wait_for_status("planner", job_id, "COMPLETED")
    finally:
        web_server.graphql("admin", 'mutation { resumeQueue(name: "jobs") { __typename } }')
