"""Issue 12, item 1, in the browser: while the server's PostgreSQL is stopped the page says
"Reconnecting…" instead of an error, and once it is back the page carries on by itself.

Its own server, on a throwaway PostgreSQL cluster (``tests/throwaway_postgres.py``).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import expect
from throwaway_postgres import throwaway_postgres

from browser.conftest import WebServer, _tab, serve
from browser.pages import sign_in


@pytest.fixture(scope="module")
def postgres() -> Iterator[Any]:
    yield from throwaway_postgres()


@pytest.fixture(scope="module")
def web_server(postgres: Any, tmp_path_factory: pytest.TempPathFactory) -> Iterator[WebServer]:
    """The test server on the throwaway cluster (few employees: only the page matters)."""
    yield from serve(tmp_path_factory.mktemp("outage-server"), database_url=postgres.url(),
                     extra_employees=0)


@pytest.fixture
def page(browser: Any, web_server: WebServer, request: pytest.FixtureRequest) -> Iterator[Any]:
    yield from _tab(browser, web_server, request, "desktop")


def test_the_page_says_reconnecting_while_the_database_is_away_and_recovers(
    page, postgres
):
    sign_in(page, "planner")
    indicator = page.get_by_role("status").filter(has_text="Live")
    expect(indicator).to_be_visible()
    refresh = page.get_by_role("button", name="Refresh")
    expect(refresh).to_be_enabled()  # the list is read (the stream listens before the read)

    postgres.stop("fast")
    try:
        refresh.click()
        expect(page.locator(".live--lost")).to_contain_text("Reconnecting")
    finally:
        postgres.start()

    expect(page.locator(".live--on")).to_be_visible(timeout=60_000)
    expect(page.get_by_role("heading", name="Jobs")).to_be_visible()
    expect(page.get_by_role("alert")).to_have_count(0)
