"""The planner's page (issue 14): jobs named by what they are about and what they achieved,
found and shared through the address, every report and form reachable in the planner's
words, bulk actions on everything a view matches, on a desktop and a phone screen, with
no serious accessibility problem on the overview, the job dialog or any form.

Each test that runs on both screens takes ``any_page`` (desktop 1280 x 800, then a phone's
412 x 915) and leaves screenshots in ``test-artifacts/browser/``.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlparse

import pytest
from playwright.sync_api import Page, expect

from browser.conftest import WebServer, on_phone
from browser.pages import (
    action_button,
    confirm_and_submit,
    expect_status,
    job_dialog,
    new_job_menu_items,
    open_new_job,
    outcome,
    row,
    select,
    serious_accessibility_problems,
    sign_in,
)

DEMO_PERIOD = "December 2026"


def assert_accessible(page: Page, within: str | None = None) -> None:
    problems = serious_accessibility_problems(page, within)
    assert problems == [], "\n".join(problems)


def test_a_job_s_address_opens_its_dialog_and_a_filtered_address_restores_the_view(
    any_page: Page, web_server: WebServer, screenshot
):
    page = any_page
    failed = web_server.submit_slow_job("sharer", seconds=0, fail=True)
    done = web_server.submit_slow_job("sharer", seconds=0)
    sign_in(page, "sharer", web_server)
    expect_status(page, failed, "FAILED")
    expect_status(page, done, "COMPLETED")

    page.goto(f"/jobs/{failed}")
    dialog = job_dialog(page)
    expect(dialog).to_have_attribute("aria-label", f"Job {failed}")
    expect(dialog.locator(".job-detail__error-text")).to_have_text("The test job was told to fail.")
    screenshot(page, "job-address")
    dialog.get_by_role("button", name="Close", exact=True).click()
    expect(page).to_have_url(re.compile(r"/$"))

    page.goto("/?status=FAILED&q=slow&sort=ID")
    expect(page.get_by_label("Status", exact=True)).to_have_value("FAILED")
    expect(page.get_by_label("Search", exact=True)).to_have_value("slow")
    expect(page.locator("th[aria-sort=ascending]")).to_have_text("Job▲")
    expect_only(page, failed, "FAILED")

    if on_phone(page):  # the filters fold away behind one button there
        filters = page.get_by_role("button", name=re.compile(r"^Filters \(1\)"))
        expect(filters).to_have_attribute("aria-expanded", "false")
        filters.click()
    page.get_by_label("Status", exact=True).select_option("COMPLETED")
    expect_only(page, done, "COMPLETED")
    query = parse_qs(urlparse(page.url).query)
    assert query["status"] == ["COMPLETED"] and query["q"] == ["slow"], page.url
    page.go_back()
    expect_only(page, failed, "FAILED")
    screenshot(page, "filtered")


def expect_only(page: Page, job_id: str, status: str) -> None:
    """The overview shows ``job_id``, and only jobs of ``status``."""
    expect(row(page, job_id)).to_be_visible()
    expect(page.locator(f"tr[data-job-id]:not([data-status={status}])")).to_have_count(0)


@pytest.mark.parametrize("kind", ["Employee list", "Staffing coverage", "Schedule",
                                  "Target work accounts"])
def test_each_report_kind_is_submitted_from_the_page(
    page: Page, web_server: WebServer, screenshot, kind: str
):
    if kind == "Target work accounts":  # the report reads accounts a planner calculated
        base = web_server.level_id("planner", DEMO_PERIOD, "Base")
        accounts = web_server.submit("planner", {"targetWorkAccountCalculate": {"levelId": base}})
        web_server.wait_for_status("planner", accounts, "COMPLETED")
    sign_in(page, "analyst")
    dialog = open_new_job(page, "Reports")
    dialog.get_by_label("Report", exact=True).select_option(label=kind)
    if kind == "Employee list":
        expect(dialog.get_by_label("Schedule level (required)")).to_have_count(0)
        dialog.get_by_label("Team").fill("Night Shift")
    else:
        level = dialog.get_by_label("Schedule level (required)")
        level.select_option(label=f"{DEMO_PERIOD} · Base")
        # The days default to the level's planning period.
        expect(dialog.get_by_label("From")).to_have_value("2026-11-30")
        expect(dialog.get_by_label("To (included)")).to_have_value("2026-12-27")
        dialog.get_by_label("To (included)").fill("2026-12-06")
    assert_accessible(page, "dialog[open]")
    screenshot(page, "form")

    confirm_and_submit(dialog)

    follow = job_dialog(page)
    # Over the test's 15,000 extra employees a report takes a while.
    expect(follow.locator("h2 [data-status=COMPLETED]")).to_be_visible(timeout=90_000)
    title = "Schedule per employee" if kind == "Schedule" else kind
    expect(follow.locator(".job-detail__subject")).to_contain_text(title)
    expect(follow.get_by_role("link", name=re.compile(r"^Download .*\.csv$")).first).to_be_visible()
    screenshot(page, "done")


def test_a_finished_optimization_shows_coverage_before_and_after_in_its_row_and_a_chart(
    any_page: Page, web_server: WebServer, screenshot
):
    page = any_page
    base = web_server.level_id("optimizer", DEMO_PERIOD, "Base")
    # One team, so that the model (the demo has 15,000 extra employees) is built quickly.
    job_id = web_server.submit("optimizer", {"optimization": {
        "levelId": base, "timeLimitSeconds": 5, "teams": ["Sales"]}})
    sign_in(page, "optimizer", web_server)
    expect(row(page, job_id).locator(".job-title__name")).to_have_text("Optimization")
    expect(row(page, job_id).locator(".chip")).to_have_text("OPTIMIZATION")
    expect(row(page, job_id).locator(".job-subject")).to_have_text(
        f"Base level · {DEMO_PERIOD} · team Sales · 5 s")
    expect(row(page, job_id)).to_have_attribute("data-status", "COMPLETED", timeout=90_000)

    expect(row(page, job_id).locator(".result-headline")).to_have_text(
        re.compile(r"^coverage \d+ % → \d+ %$"))
    screenshot(page, "row")
    row(page, job_id).get_by_role("link", name=job_id).click()
    dialog = job_dialog(page)
    chart = dialog.get_by_role("img", name=re.compile(r"^Coverage by day, before and after"))
    expect(chart).to_be_visible()
    expect(dialog.locator("table.figures").first).to_contain_text("Coverage")
    assert_accessible(page)
    screenshot(page, "dialog")


def test_the_overview_and_every_form_have_no_serious_accessibility_problem(
    any_page: Page, web_server: WebServer, screenshot
):
    page = any_page
    web_server.submit_slow_job("admin", seconds=0, fail=True)
    sign_in(page, "admin")
    expect(page.locator("tr[data-job-id]").first).to_be_visible()
    assert_accessible(page)
    screenshot(page, "overview")

    items = new_job_menu_items(page)
    assert len(items) >= 11, items
    for item in items:
        dialog = open_new_job(page, item)
        # Nothing sticks out of the dialog, on either screen.
        overflow = dialog.evaluate("d => d.scrollWidth - d.clientWidth")
        body_overflow = dialog.locator(".dialog__body").evaluate(
            "b => b.scrollWidth - b.clientWidth")
        assert (overflow, body_overflow) == (0, 0), f"{item}: the form is wider than its dialog"
        problems = serious_accessibility_problems(page, "dialog[open]")
        assert problems == [], f"{item}:\n" + "\n".join(problems)
        screenshot(page, f"form-{re.sub(r'[^A-Za-z]+', '-', item)}")
        dialog.get_by_role("button", name="Cancel", exact=True).click()
        expect(dialog).to_be_hidden()


def test_the_new_job_menu_and_dialogs_work_from_the_keyboard(page: Page, web_server: WebServer):
    sign_in(page, "admin")
    button = page.get_by_role("button", name="New job")
    expect(button).to_be_enabled()  # once the job types the viewer may start are read
    button.focus()
    expect(button).to_be_focused()

    page.keyboard.press("ArrowDown")
    first = page.get_by_role("menuitem").first
    expect(first).to_be_focused()
    page.keyboard.press("End")
    expect(page.get_by_role("menuitem").last).to_be_focused()
    page.keyboard.press("Home")
    expect(first).to_be_focused()
    page.keyboard.press("Escape")
    expect(page.get_by_role("menu", name="New job")).to_be_hidden()
    expect(button).to_be_focused()

    page.keyboard.press("Enter")
    expect(first).to_be_focused()
    page.keyboard.press("ArrowDown")
    expect(page.get_by_role("menuitem").nth(1)).to_be_focused()
    label = page.get_by_role("menuitem").nth(1).locator(".menu__item-label").inner_text()
    page.keyboard.press("Enter")
    dialog = page.get_by_role("dialog", name=f"New job: {label}")
    expect(dialog).to_be_visible()
    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()
    expect(button).to_be_focused()  # focus returns to what opened the dialog


def test_select_all_matching_and_retry_all_failed_act_on_the_whole_view_job_by_job(
    page: Page, web_server: WebServer, screenshot
):
    waiting = [web_server.submit_slow_job("retrier", start_at=web_server.tomorrow())
               for _ in range(27)]
    failed = [web_server.submit_slow_job("retrier", seconds=0, fail=True) for _ in range(3)]
    sign_in(page, "retrier", web_server)
    for job_id in failed:
        expect_status(page, job_id, "FAILED")

    page.get_by_role("button", name="Retry failed in view").click()
    confirm = page.get_by_role("dialog", name="Retry failed jobs")
    confirm.get_by_role("button", name="Submit 3 jobs again").click()
    expect(outcome(page)).to_contain_text("3 submitted again (new jobs ")
    details = page.locator(".outcome__items li")
    expect(details).to_have_count(3)
    expect(details.first).to_contain_text("submitted again as job")
    screenshot(page, "retried")
    copies = outcome(page).inner_text().split("new jobs ")[1].rstrip(")").split(", ")
    for copy in copies:  # they fail again, as the test job is told to
        expect_status(page, copy, "FAILED")

    page.get_by_label("Status", exact=True).select_option("SUBMITTED")
    expect(page.locator("tr[data-job-id]")).to_have_count(25)
    page.get_by_label("Select all jobs on this page").check()
    page.get_by_role("button", name="Select all jobs matching this view").click()
    expect(page.locator(".action-bar__count")).to_have_text("All 27 matching jobs selected")
    action_button(page, "Cancel job").click()
    confirm = page.get_by_role("dialog", name="Cancel jobs")
    confirm.get_by_role("button", name="Cancel 27 jobs").click()

    expect(outcome(page)).to_have_text("27 cancelled")
    for job_id in waiting:
        assert web_server.status("retrier", job_id) == "CANCELLED"
    screenshot(page, "cancelled-all")


def test_an_outcome_does_not_move_the_table_and_a_disabled_button_gives_the_true_reason(
    page: Page, web_server: WebServer
):
    mine = web_server.submit_slow_job("teamlead", start_at=web_server.tomorrow())
    theirs = web_server.submit_slow_job("planner", seconds=0)
    sign_in(page, "teamlead")
    expect_status(page, theirs, "COMPLETED")
    table = page.locator("table.jobs")
    top = table.bounding_box()

    select(page, theirs)
    expect(action_button(page, "Cancel job")).to_have_attribute(
        "title", f"Job {theirs} already finished")
    expect(action_button(page, "Delete job")).to_have_attribute(
        "title", re.compile(rf"^Job {theirs} is .*'s: your role may not delete other users' jobs$"))
    page.get_by_label(f"Select job {theirs}", exact=True).uncheck()
    select(page, mine)
    action_button(page, "Cancel job").click()
    confirm = page.get_by_role("dialog", name="Cancel jobs")
    confirm.get_by_role("button", name="Cancel 1 job").click()
    expect(outcome(page)).to_have_text("1 cancelled")

    assert table.bounding_box() == top


def test_the_phone_layout_has_full_width_cards_and_a_sticky_action_bar(
    phone_page: Page, web_server: WebServer, screenshot
):
    page = phone_page
    jobs = [web_server.submit_slow_job("mobile", start_at=web_server.tomorrow()) for _ in range(8)]
    sign_in(page, "mobile", web_server)
    expect(row(page, jobs[0])).to_be_visible()

    width = page.viewport_size["width"]
    card = row(page, jobs[-1]).bounding_box()
    assert card is not None and card["width"] >= width - 40, card
    assert page.evaluate("() => document.documentElement.scrollWidth") <= width
    page.mouse.wheel(0, 400)
    expect(action_button(page, "Cancel job")).to_be_in_viewport()
    bar = page.get_by_role("toolbar", name="Job actions").bounding_box()
    assert bar is not None and bar["y"] + bar["height"] <= page.viewport_size["height"] + 1
    screenshot(page, "cards")


def test_the_page_follows_a_dark_system_setting_with_readable_contrast(
    dark_page: Page, web_server: WebServer, screenshot
):
    page = dark_page
    failed = web_server.submit_slow_job("nightowl", seconds=0, fail=True)
    sign_in(page, "nightowl", web_server)
    expect_status(page, failed, "FAILED")

    background = page.evaluate("() => getComputedStyle(document.documentElement).backgroundColor")

    assert background == "rgb(18, 22, 29)", background
    assert_accessible(page)  # axe's colour-contrast rule included
    row(page, failed).get_by_role("link", name=failed).click()
    expect(job_dialog(page)).to_be_visible()
    assert_accessible(page)
    screenshot(page, "dark")


def test_a_lost_live_connection_shows_and_the_page_reconnects_by_itself(
    page: Page, web_server: WebServer, screenshot
):
    sockets: list = []

    def through(ws) -> None:  # each WebSocket goes to the server, and can be cut
        sockets.append(ws)
        ws.connect_to_server()

    page.route_web_socket(re.compile(r"/graphql$"), through)
    sign_in(page, "nightowl", web_server)
    indicator = page.locator(".topbar .live")
    expect(indicator).to_have_text(re.compile(r"^Live"))

    sockets[-1].close(code=1001, reason="network lost")

    expect(indicator).to_have_text(re.compile(r"^Reconnecting…"))
    screenshot(page, "reconnecting")
    expect(indicator).to_have_text(re.compile(r"^Live"), timeout=30_000)
    job_id = web_server.submit_slow_job("nightowl", start_at=web_server.tomorrow())
    expect(row(page, job_id)).to_be_visible()  # events flow again
