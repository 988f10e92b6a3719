"""What a person does on the web page, as functions of a Playwright page (keeps tests short)."""

from __future__ import annotations

import contextlib
import re
from datetime import datetime, timedelta
from typing import Any

from playwright.sync_api import Locator, Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from browser.conftest import DEMO_USERS, ROOT, WebServer


def sign_in(page: Page, username: str, server: WebServer | None = None) -> None:
    """Open the page and sign in: pick a demo user, or type a test user's token."""
    page.goto("/")
    if server is not None and username not in DEMO_USERS:
        page.get_by_label("API token").fill(server.tokens[username])
        page.get_by_role("button", name="Sign in", exact=True).click()
    else:
        page.get_by_role("button", name=f"{username} (", exact=False).click()
    expect(page.get_by_role("heading", name="Jobs")).to_be_visible()
    expect(page.locator(".live--on")).to_be_visible()


def row(page: Page, job_id: str) -> Locator:
    """The overview's row of a job."""
    return page.locator(f'tr[data-job-id="{job_id}"]')


def shown_job_ids(page: Page) -> list[str]:
    """The job ids in the overview, top to bottom."""
    ids: list[str] = page.locator("tr[data-job-id]").evaluate_all(
        "rows => rows.map(row => row.dataset.jobId)")
    return ids


def expect_rows(page: Page, job_ids: list[str]) -> None:
    """Wait until the overview shows exactly these jobs, in this order."""
    with contextlib.suppress(PlaywrightTimeoutError):  # the assertion shows what is there
        page.wait_for_function(
            """ids => JSON.stringify([...document.querySelectorAll('tr[data-job-id]')]
                                     .map(row => row.dataset.jobId)) === JSON.stringify(ids)""",
            arg=job_ids,
        )
    assert shown_job_ids(page) == job_ids


def expect_status(page: Page, job_id: str, status: str) -> None:
    expect(row(page, job_id)).to_have_attribute("data-status", status)


def expect_progress_moving(container: Locator) -> int:
    """Wait until the progress bar in ``container`` shows a value, then a different one;
    the first value seen."""
    bar = container.get_by_role("progressbar")
    expect(bar).not_to_have_attribute("aria-valuenow", "0")
    first = int(bar.get_attribute("aria-valuenow") or 0)
    expect(bar).not_to_have_attribute("aria-valuenow", str(first))
    return first


def select(page: Page, *job_ids: str) -> None:
    for job_id in job_ids:
        page.get_by_label(f"Select job {job_id}", exact=True).check()


def outcome(page: Page) -> Locator:
    """The sentence that says what the last bulk action did (the newest toast's)."""
    return page.locator(".outcome__summary").last


def filter_user(page: Page, username: str) -> None:
    """Choose a user in the User filter (its option reads "Name (username)")."""
    select_box = page.get_by_label("User", exact=True)
    label = select_box.locator("option", has_text=f"({username})").inner_text()
    select_box.select_option(label=label)


def status_group(page: Page, label: str) -> None:
    """Choose a status (group) in the Status filter: "Unprocessed", "Processed", "Failed"…"""
    select_box = page.get_by_label("Status", exact=True)
    option = select_box.locator("option", has_text=re.compile(rf"^{re.escape(label)}")).inner_text()
    select_box.select_option(label=option)


def action_button(page: Page, label: str) -> Locator:
    """A button of the action bar: "Submit job again", "Cancel job", "Delete job"."""
    return page.get_by_role("toolbar", name="Job actions").get_by_role("button", name=label)


def new_job_menu_items(page: Page) -> list[str]:
    """Open the "New job" menu; the job types it offers, by their labels."""
    page.get_by_role("button", name="New job").click()
    expect(page.get_by_role("menu", name="New job")).to_be_visible()
    items: list[str] = page.get_by_role("menuitem").locator(".menu__item-label").all_inner_texts()
    page.keyboard.press("Escape")
    expect(page.get_by_role("menu", name="New job")).to_be_hidden()
    return items


def open_new_job(page: Page, item: str) -> Locator:
    """Choose a job type in the "New job" menu; the submit dialog."""
    page.get_by_role("button", name="New job").click()
    expect(page.get_by_role("menu", name="New job")).to_be_visible()
    page.get_by_role("menuitem", name=item).click()
    dialog = page.get_by_role("dialog", name=f"New job: {item}")
    expect(dialog).to_be_visible()
    return dialog


def start_at_tomorrow(dialog: Locator) -> datetime:
    """Choose "Start at a time", a day from now; the time chosen."""
    when = (datetime.now() + timedelta(days=1)).replace(second=0, microsecond=0)
    dialog.get_by_text("Start at a time").click()
    dialog.get_by_label("Start at (your local time)").fill(when.strftime("%Y-%m-%dT%H:%M"))
    return when


def confirm_and_submit(dialog: Locator) -> None:
    dialog.get_by_role("button", name="Review").click()
    expect(dialog.get_by_role("heading", name="Please confirm")).to_be_visible()
    dialog.get_by_role("button", name="Submit job", exact=True).click()


def job_dialog(page: Page) -> Locator:
    """The job dialog that is open."""
    dialog = page.get_by_role("dialog", name=re.compile(r"^Job \d+$"))
    expect(dialog).to_be_visible()
    return dialog


def dialog_job_id(dialog: Locator) -> str:
    label = dialog.get_attribute("aria-label") or ""
    return label.removeprefix("Job ").strip()


def expect_dialog_status(dialog: Locator, status: str) -> None:
    expect(dialog.locator(f"h2 [data-status={status}]")).to_be_visible()


def record_dialog_progress(page: Page) -> None:
    """From now on, remember every progress value the job dialog's bar shows."""
    page.evaluate(
        """() => {
            window.__progress = [];
            const note = () => {
                const bar = document.querySelector('dialog [role=progressbar]');
                if (!bar) return;
                const value = Number(bar.getAttribute('aria-valuenow'));
                const seen = window.__progress;
                if (seen[seen.length - 1] !== value) seen.push(value);
            };
            new MutationObserver(note).observe(document.body, {
                subtree: true, childList: true, attributes: true,
                attributeFilter: ['aria-valuenow'],
            });
        }"""
    )


def recorded_progress(page: Page) -> list[Any]:
    values: list[Any] = page.evaluate("() => window.__progress")
    return values


AXE = ROOT / "frontend-demo" / "node_modules" / "axe-core" / "axe.min.js"


def serious_accessibility_problems(page: Page, within: str | None = None) -> list[str]:
    """What axe-core finds of impact serious or critical on the page (or in ``within``,
    a CSS selector), against WCAG 2.1 A and AA: one line per rule, with the elements."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE))
    found: list[dict[str, Any]] = page.evaluate(
        """async (within) => {
            const result = await axe.run(within ? document.querySelector(within) : document, {
                runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
                resultTypes: ["violations"],
            });
            return result.violations.filter(v => v.impact === "serious" || v.impact === "critical")
                .map(v => ({id: v.id, impact: v.impact, help: v.help,
                            nodes: v.nodes.slice(0, 5).map(n => n.target.join(" "))}));
        }""",
        within,
    )
    return [f"{v['impact']} {v['id']}: {v['help']} — {', '.join(v['nodes'])}" for v in found]
