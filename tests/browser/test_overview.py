"""The overview: live rows, the action bar and its outcomes, filters, sorting, paging.

Planners work with the real optimization on the demo's "December 2026" Base level where a
running search matters, and otherwise with the slow test job (a scheduling job that runs as
long as asked); analysts with reports, as their built-in roles allow.
"""

from __future__ import annotations

import os
import shutil
from datetime import UTC, datetime, timedelta

from playwright.sync_api import Page, expect

from browser.conftest import ROOT, WebServer
from browser.pages import (
    action_button,
    expect_rows,
    expect_status,
    filter_user,
    outcome,
    row,
    select,
    sign_in,
    status_group,
)

DEMO_PERIOD = "December 2026"
NIGHT_SHIFT_REPORT = {"report": {"team": "Night Shift"}}
TOMORROW = datetime.now(UTC) + timedelta(days=1)
README_SCREENSHOT = ROOT / "docs" / "screenshot-overview.png"


def test_a_running_optimization_cancelled_from_the_overview_ends_cancelled_at_once(
    page: Page, web_server: WebServer, screenshot
):
    base = web_server.level_id("optimizer", DEMO_PERIOD, "Base")
    job_id = web_server.submit("optimizer", {"optimization": {"levelId": base,
                                                               "timeLimitSeconds": 60}})
    try:
        sign_in(page, "optimizer", web_server)
        expect_status(page, job_id, "RUNNING")
        expect(row(page, job_id).get_by_role("progressbar")).not_to_have_attribute(
            "aria-valuenow", "0")  # the optimization has begun its work and says so
        screenshot(page, "running")
        select(page, job_id)

        action_button(page, "Cancel job").click()
        confirm = page.get_by_role("dialog", name="Cancel jobs")
        expect(confirm).to_contain_text(
            f"Cancel job {job_id} (Optimization · Base level · {DEMO_PERIOD}")
        confirm.get_by_role("button", name="Cancel 1 job").click()

        expect(outcome(page)).to_have_text("1 cancelled")
        # The search stops at its next checkpoint instead of running out its 60 s; how soon is
        # bench/cancel_latency.py's business, not a test's.
        expect(row(page, job_id)).to_have_attribute("data-status", "CANCELLED")
        screenshot(page, "cancelled")
        assert web_server.status("optimizer", job_id) == "CANCELLED"
    finally:
        # A failure above must not leave a 60 s search holding the level the next tests use.
        if web_server.status("optimizer", job_id) in ("SUBMITTED", "RUNNING"):
            web_server.cancel("optimizer", job_id)


def test_finished_jobs_are_submitted_again_then_deleted_with_an_outcome_per_job(
    page: Page, web_server: WebServer, screenshot
):
    first = web_server.submit_slow_job("resubmitter", seconds=0)
    second = web_server.submit_slow_job("resubmitter", seconds=0)
    running = web_server.submit_slow_job("resubmitter")
    sign_in(page, "resubmitter", web_server)
    expect_status(page, first, "COMPLETED")
    expect_status(page, second, "COMPLETED")
    expect_status(page, running, "RUNNING")

    select(page, first, second)
    action_button(page, "Submit job again").click()

    expect(outcome(page)).to_contain_text("2 submitted again (new jobs ")
    copies = outcome(page).inner_text().split("new jobs ")[1].rstrip(")").split(", ")
    expect_rows(page, [*reversed(copies), running, second, first])
    for copy in copies:
        expect_status(page, copy, "COMPLETED")

    select(page, first, second, running, *copies)
    action_button(page, "Delete job").click()
    confirm = page.get_by_role("dialog", name="Delete jobs")
    confirm.get_by_role("button", name="Delete 5 jobs").click()

    expect(outcome(page)).to_have_text(
        f"4 deleted, 1 could not be deleted: job {running} is still running "
        "(cancel it and wait until it stops)"
    )
    screenshot(page, "deleted")
    expect_rows(page, [running])
    web_server.cancel("resubmitter", running)


def test_the_status_group_and_user_filters_show_only_matching_jobs(
    page: Page, web_server: WebServer
):
    a_done = web_server.submit("filter_a", NIGHT_SHIFT_REPORT)
    a_waiting = web_server.submit("filter_a", NIGHT_SHIFT_REPORT, start_at=TOMORROW)
    b_done = web_server.submit("filter_b", NIGHT_SHIFT_REPORT)
    sign_in(page, "admin")

    filter_user(page, "filter_a")
    expect_rows(page, [a_waiting, a_done])
    expect_status(page, a_done, "COMPLETED")

    status_group(page, "Unprocessed")
    expect_rows(page, [a_waiting])

    status_group(page, "Processed")
    expect_rows(page, [a_done])

    filter_user(page, "filter_b")
    expect_rows(page, [b_done])


def test_clicking_a_column_header_sorts_by_it_and_again_reverses(page: Page, web_server: WebServer):
    done = web_server.submit("sorter", NIGHT_SHIFT_REPORT)
    waiting = web_server.submit("sorter", NIGHT_SHIFT_REPORT, start_at=TOMORROW)
    withdrawn = web_server.submit("sorter", NIGHT_SHIFT_REPORT, start_at=TOMORROW)
    web_server.cancel("sorter", withdrawn)
    sign_in(page, "sorter", web_server)
    expect_rows(page, [withdrawn, waiting, done])  # newest first
    expect_status(page, done, "COMPLETED")
    expect_status(page, withdrawn, "CANCELLED")

    page.get_by_role("button", name="Status").click()
    expect(page.locator("th[aria-sort=ascending]")).to_have_text("Status▲")
    expect_rows(page, [withdrawn, done, waiting])  # CANCELLED, COMPLETED, SUBMITTED

    page.get_by_role("button", name="Status").click()
    expect(page.locator("th[aria-sort=descending]")).to_have_text("Status▼")
    expect_rows(page, [waiting, done, withdrawn])

    page.get_by_role("button", name="Job", exact=True).click()
    expect(page.locator("th[aria-sort=descending]")).to_have_text("Job▼")
    page.get_by_role("button", name="Job", exact=True).click()
    expect(page.locator("th[aria-sort=ascending]")).to_have_text("Job▲")
    expect_rows(page, [done, waiting, withdrawn])


def test_long_lists_page_forward_and_back(page: Page, web_server: WebServer):
    ids = [web_server.submit("pager", NIGHT_SHIFT_REPORT, start_at=TOMORROW) for _ in range(30)]
    newest_first = sorted(ids, key=int, reverse=True)
    sign_in(page, "pager", web_server)
    expect_rows(page, newest_first[:25])

    page.get_by_role("button", name="Next").click()
    expect(page.locator(".pager__where")).to_contain_text("Page 2")
    expect_rows(page, newest_first[25:])
    expect(page.get_by_role("button", name="Next")).to_be_disabled()

    page.get_by_role("button", name="Previous").click()
    expect(page.locator(".pager__where")).to_contain_text("Page 1")
    expect_rows(page, newest_first[:25])


def test_a_planner_does_not_see_another_planner_s_jobs(page: Page, web_server: WebServer):
    theirs = web_server.submit_slow_job("planner", start_at=TOMORROW)
    mine = web_server.submit_slow_job("planner2", start_at=TOMORROW)

    sign_in(page, "planner2")

    expect(row(page, mine)).to_be_visible()
    expect(row(page, theirs)).to_have_count(0)
    user_filter = page.get_by_label("User", exact=True).locator("option")
    expect(user_filter).to_have_text(["All users", "Paula Planner (planner2)"])


def test_a_team_lead_sees_every_planner_s_jobs_and_may_cancel_but_not_delete_them(
    page: Page, web_server: WebServer
):
    first = web_server.submit_slow_job("planner", start_at=TOMORROW)
    second = web_server.submit_slow_job("planner2", start_at=TOMORROW)
    sign_in(page, "teamlead")
    expect(row(page, first)).to_be_visible()

    select(page, first, second)

    expect(action_button(page, "Cancel job")).to_be_enabled()
    expect(action_button(page, "Delete job")).to_be_disabled()
    expect(action_button(page, "Delete job")).to_have_attribute(
        "title", "These are other users' jobs: your role may not delete other users' jobs")


def test_a_role_that_may_only_watch_sees_others_reports_with_every_action_disabled(
    page: Page, web_server: WebServer, screenshot
):
    web_server.define_role(name="report-watcher", description="Follows everyone's reports",
                           seeJobTypes=["category:monitoring"], seeOthersJobs=True)
    web_server.assign_role("watcher", "report-watcher")
    done = web_server.submit("analyst", NIGHT_SHIFT_REPORT)
    waiting = web_server.submit("analyst", NIGHT_SHIFT_REPORT, start_at=TOMORROW)
    sign_in(page, "watcher", web_server)
    expect_status(page, done, "COMPLETED")

    select(page, done, waiting)

    refusals = {
        # The true reason first: what the status forbids, then whose job it is.
        "Submit job again": "None of the 2 selected jobs: 1 not finished yet, 1 is another user's",
        "Cancel job": "None of the 2 selected jobs: 1 is another user's, 1 already finished",
        "Delete job": "These are other users' jobs: your role may not delete other users' jobs",
    }
    for label, refusal in refusals.items():
        expect(action_button(page, label)).to_be_disabled()
        expect(action_button(page, label)).to_have_attribute("title", refusal)
    expect(page.get_by_role("button", name="New job")).to_be_disabled()
    screenshot(page, "watching")


def test_when_an_administrator_changes_a_user_s_role_the_open_page_follows(
    page: Page, web_server: WebServer
):
    report = web_server.submit("promoted", NIGHT_SHIFT_REPORT, start_at=TOMORROW)
    sign_in(page, "promoted", web_server)
    expect(row(page, report)).to_be_visible()
    expect(page.locator(".topbar__role")).to_have_text("analyst")

    web_server.assign_role("promoted", "planner")

    expect(page.get_by_text("Your rights changed")).to_be_visible()
    expect(page.locator(".topbar__role")).to_have_text("planner")
    expect(row(page, report)).to_have_count(0)  # planners do not see reports
    expect(page.locator(".live--on")).to_be_visible()
    job_id = web_server.submit_slow_job("promoted", start_at=TOMORROW)
    expect(row(page, job_id)).to_be_visible()  # the live stream runs under the new rights


def test_a_user_whose_tokens_are_revoked_is_sent_back_to_sign_in(
    page: Page, web_server: WebServer, screenshot
):
    sign_in(page, "revoked", web_server)

    web_server.revoke_tokens("revoked")

    expect(page.get_by_role("button", name="Sign in", exact=True)).to_be_visible()
    expect(page.get_by_role("status")).to_contain_text("Signed out:")
    screenshot(page, "signed-out")


def test_the_overview_fits_a_narrow_screen(page: Page, web_server: WebServer, screenshot):
    job_id = web_server.submit("narrow", NIGHT_SHIFT_REPORT)
    page.set_viewport_size({"width": 390, "height": 844})
    sign_in(page, "narrow", web_server)
    expect_status(page, job_id, "COMPLETED")

    scroll_width = page.evaluate("() => document.documentElement.scrollWidth")

    assert scroll_width <= 390
    expect(page.get_by_label("Sort by")).to_be_visible()
    expect(action_button(page, "Cancel job")).to_be_in_viewport()
    expect(row(page, job_id).get_by_role("link", name="employees.csv")).to_be_visible()
    screenshot(page, "narrow")


def test_the_overview_follows_jobs_live_while_they_run(
    page: Page, web_server: WebServer, screenshot
):
    """Also takes the README's screenshot (kept in docs/ with JOBPROCESSOR_UPDATE_SCREENSHOT=1)."""
    page.set_viewport_size({"width": 1280, "height": 1000})  # room for every job of the picture
    base = web_server.level_id("admin", DEMO_PERIOD, "Base")
    optimized = web_server.submit("admin", {"optimization": {
        "levelId": base, "timeLimitSeconds": 5, "teams": ["Sales"]}})
    failed = web_server.submit_slow_job("admin", seconds=0, fail=True)
    done = web_server.submit("admin", NIGHT_SHIFT_REPORT)
    withdrawn = web_server.submit("admin", {"report": {"team": "Sales"}}, start_at=TOMORROW)
    web_server.cancel("admin", withdrawn)
    sign_in(page, "admin")
    filter_user(page, "admin")
    expect_rows(page, [withdrawn, done, failed, optimized])
    expect_status(page, done, "COMPLETED")
    expect(row(page, optimized)).to_have_attribute("data-status", "COMPLETED", timeout=90_000)

    waiting = web_server.submit("admin", {"report": {"team": "Back Office"}}, start_at=TOMORROW)
    started = [
        web_server.submit("admin", {"employeesMassUpdate": {
            "filter": {"teams": ["Field Service"]}, "changes": {"addSkills": ["Training"]}}}),
        web_server.submit("admin", {"report": {}}),
        web_server.submit("admin", {"report": {"activeOnly": False}}),
    ]

    expect_rows(page, [*reversed(started), waiting, withdrawn, done, failed, optimized])
    page.wait_for_function(
        """() => [...document.querySelectorAll('tr[data-status=RUNNING] [role=progressbar]')]
                   .filter(bar => Number(bar.getAttribute('aria-valuenow')) >= 30).length >= 2"""
    )
    path = screenshot(page, "running")
    if os.environ.get("JOBPROCESSOR_UPDATE_SCREENSHOT") == "1":
        shutil.copyfile(path, README_SCREENSHOT)
    for job_id in started:
        # The mass update checks the rule impact on 15,000 employees of the team first.
        expect(row(page, job_id)).to_have_attribute("data-status", "COMPLETED", timeout=90_000)
