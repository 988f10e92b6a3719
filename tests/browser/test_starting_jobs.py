"""Starting jobs from the page: the form, the settings, the job dialog with live progress.

Analysts start reports, administrators mass updates; planners start an optimization on a
demo level chosen by name, and follow the slow test job (a scheduling job). The New job
menu offers what the viewer's role may submit.
"""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Page, expect

from browser.conftest import EXTRA_EMPLOYEES, WebServer
from browser.pages import (
    confirm_and_submit,
    dialog_job_id,
    expect_dialog_status,
    expect_status,
    job_dialog,
    new_job_menu_items,
    open_new_job,
    record_dialog_progress,
    recorded_progress,
    row,
    sign_in,
    start_at_tomorrow,
)


def test_a_report_shows_its_progress_moving_then_its_files_to_download(
    page: Page, web_server: WebServer, screenshot
):
    sign_in(page, "analyst")
    dialog = open_new_job(page, "Reports")
    record_dialog_progress(page)

    confirm_and_submit(dialog)

    follow = job_dialog(page)
    expect(follow.get_by_text("Read ", exact=False)).to_be_visible()
    screenshot(page, "running")
    expect_dialog_status(follow, "COMPLETED")
    progress = recorded_progress(page)
    assert any(0 < value < 100 for value in progress), progress
    assert progress == sorted(progress) and progress[-1] == 100, progress
    with page.expect_download() as download:
        follow.get_by_role("link", name="Download employees.csv").click()
    lines = Path(download.value.path()).read_text(encoding="utf-8").splitlines()
    assert lines[0] == "Number,Name,Team,Skills,Weekly contract hours,Active"
    assert len(lines) > EXTRA_EMPLOYEES
    screenshot(page, "completed")
    job_id = dialog_job_id(follow)
    follow.get_by_role("button", name="Close", exact=True).click()
    expect(row(page, job_id).get_by_role("link", name="employees.xlsx")).to_be_visible()


def test_a_job_scheduled_for_later_can_be_withdrawn_from_its_dialog(page: Page, screenshot):
    sign_in(page, "analyst")
    dialog = open_new_job(page, "Reports")
    dialog.get_by_label("Team").fill("Night Shift")
    start_at_tomorrow(dialog)

    confirm_and_submit(dialog)

    follow = job_dialog(page)
    expect_dialog_status(follow, "SUBMITTED")
    expect(follow.get_by_text("Starts at", exact=False)).to_be_visible()
    follow.get_by_role("button", name="Withdraw job").click()
    expect(follow.get_by_text("was withdrawn: it will not run")).to_be_visible()
    expect_dialog_status(follow, "CANCELLED")
    screenshot(page, "withdrawn")
    job_id = dialog_job_id(follow)
    follow.get_by_role("button", name="Close", exact=True).click()
    expect_status(page, job_id, "CANCELLED")


def test_a_running_job_is_cancelled_from_its_dialog_after_a_confirmation_naming_it(
    any_page: Page, web_server: WebServer, screenshot
):
    page = any_page
    job_id = web_server.submit_slow_job("withdrawer")
    try:
        sign_in(page, "withdrawer", web_server)
        expect_status(page, job_id, "RUNNING")
        row(page, job_id).get_by_role("link", name=job_id).click()
        follow = job_dialog(page)
        expect(follow.get_by_role("button", name="Withdraw job")).to_have_count(0)

        follow.get_by_role("button", name="Cancel job", exact=True).click()
        confirm = page.get_by_role("dialog", name=f"Cancel job {job_id}")
        expect(confirm).to_contain_text(f"Cancel job {job_id}, Test: slow run?")
        screenshot(page, "confirm")
        confirm.get_by_role("button", name=f"Cancel job {job_id}").click()

        expect(follow.get_by_text(f"Job {job_id} is being cancelled")).to_be_visible()
        expect_dialog_status(follow, "CANCELLED")
        follow.get_by_role("button", name="Close", exact=True).click()
        expect_status(page, job_id, "CANCELLED")
    finally:
        web_server.cancel("withdrawer", job_id)


def test_closing_the_dialog_does_not_cancel_the_job(page: Page, web_server: WebServer):
    sign_in(page, "analyst")
    dialog = open_new_job(page, "Reports")
    dialog.get_by_label("Team").fill("Sales")
    start_at_tomorrow(dialog)
    confirm_and_submit(dialog)
    follow = job_dialog(page)
    job_id = dialog_job_id(follow)

    follow.get_by_role("button", name="Close", exact=True).click()

    expect(follow).to_be_hidden()
    expect_status(page, job_id, "SUBMITTED")
    assert web_server.status("analyst", job_id) == "SUBMITTED"


def test_the_server_s_validation_error_is_shown_at_the_field_it_names(page: Page):
    sign_in(page, "analyst")
    dialog = open_new_job(page, "Reports")
    dialog.get_by_label("Team").fill("Nobody Works Here")

    confirm_and_submit(dialog)

    expect(dialog.get_by_text("no employee belongs to team 'Nobody Works Here'")).to_be_visible()
    expect(dialog.get_by_label("Team")).to_have_attribute("aria-invalid", "true")


def test_a_mass_update_form_asks_for_a_change_before_it_can_be_submitted(page: Page):
    sign_in(page, "admin")
    dialog = open_new_job(page, "Mass Update")

    dialog.get_by_role("button", name="Review").click()

    expect(dialog.get_by_text("Give at least one change.")).to_be_visible()
    expect(dialog.get_by_role("heading", name="Please confirm")).to_be_hidden()


def test_the_new_job_menu_offers_only_the_job_types_the_viewer_may_submit(page: Page):
    sign_in(page, "analyst")

    offered = new_job_menu_items(page)

    assert offered == ["Reports"]


def test_a_job_type_whose_start_an_administrator_fixed_offers_no_start_time(
    page: Page, job_type_policy
):
    job_type_policy("REPORT", start="DAILY_AT", timeOfDay="02:00", timezone="UTC",
                    allowOverride=False)
    sign_in(page, "analyst")

    dialog = open_new_job(page, "Reports")

    expect(dialog.get_by_label("Start at the next 02:00 (UTC)")).to_be_checked()
    expect(dialog.get_by_label("Start at a time")).to_be_disabled()
    expect(dialog.get_by_text("An administrator decides when these jobs start.")).to_be_visible()
    dialog.get_by_role("button", name="Review").click()
    expect(dialog.get_by_text("At the next 02:00 (UTC) (set by an administrator)")).to_be_visible()


def test_a_start_time_the_policy_stopped_allowing_is_refused_at_the_time_field(
    page: Page, job_type_policy
):
    sign_in(page, "analyst")
    dialog = open_new_job(page, "Reports")
    start_at_tomorrow(dialog)
    dialog.get_by_role("button", name="Review").click()
    job_type_policy("REPORT", allowOverride=False)

    dialog.get_by_role("button", name="Submit job", exact=True).click()

    expect(dialog.get_by_role("alert")).to_contain_text(
        "an administrator does not let users choose another start time")
    expect(dialog.get_by_label("Start at a time")).to_be_disabled()
    expect(dialog.get_by_label("Start now")).to_be_checked()


def test_an_optimization_is_started_on_a_level_chosen_by_name_and_its_dialog_follows_it(
    page: Page, web_server: WebServer, screenshot
):
    draft = web_server.level_id("form_optimizer", "December 2026", "Draft")
    sign_in(page, "form_optimizer", web_server)
    dialog = open_new_job(page, "Optimization")
    level = dialog.get_by_role("combobox", name="Schedule level (required)")
    expect(level).to_be_enabled()  # the levels have been read
    level.select_option(label="December 2026 · Draft")
    dialog.get_by_label("While it waits").select_option("ALLOW")
    screenshot(page, "form")
    dialog.get_by_role("button", name="Review").click()
    expect(dialog.get_by_text("December 2026 · Draft", exact=True)).to_be_visible()

    dialog.get_by_role("button", name="Submit job", exact=True).click()

    follow = job_dialog(page)
    job_id = dialog_job_id(follow)
    try:
        expect_dialog_status(follow, "RUNNING")
        expect(follow.get_by_role("progressbar")).not_to_have_attribute("aria-valuenow", "0")
        screenshot(page, "running")
        job = web_server.graphql(
            "form_optimizer", "query($id: ID!) { job(id: $id) { params settings { overwrite } } }",
            {"id": job_id})["job"]
        assert str(job["params"]["levelId"]) == draft, job
        assert job["settings"]["overwrite"] == "ALLOW", job
    finally:
        web_server.cancel("form_optimizer", job_id)
