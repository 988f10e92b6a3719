"""No change falls between the overview's read and its live stream.

The page subscribes first and reads its page only once the server says the stream
listens (the `pong` to the `ping` sent after `subscribe`); a change that lands while the
read is on its way arrives as an event, waits for the read, and is applied to it.
"""

from __future__ import annotations

from typing import Any

from playwright.sync_api import Page, Route, WebSocket

from browser.conftest import WebServer
from browser.pages import expect_status, sign_in


def test_a_change_landing_between_the_page_s_read_and_its_answer_reaches_the_page(
    page: Page, web_server: WebServer
):
    waiting = web_server.submit_slow_job("latecomer", start_at=web_server.tomorrow())
    order: list[str] = []

    def on_socket(ws: WebSocket) -> None:
        def received(payload: Any) -> None:
            if '"pong"' in str(payload) and '"listening"' in str(payload):
                order.append("listening")

        ws.on("framereceived", received)

    def hold_the_read(route: Route) -> None:
        body = route.request.post_data or ""
        if "query Overview" not in body or "read" in order:
            route.continue_()
            return
        order.append("read")
        answer = route.fetch()  # the page as the database has it now: the job waits
        web_server.cancel("latecomer", waiting)  # … and changes before the page gets it
        route.fulfill(response=answer)

    page.on("websocket", on_socket)
    page.route("**/graphql", hold_the_read)
    sign_in(page, "latecomer", web_server)

    expect_status(page, waiting, "CANCELLED")
    assert order[:2] == ["listening", "read"]  # the stream listened before the page was read
