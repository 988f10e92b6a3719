"""Issue 15's findings F2 and F5 to F11, one regression test (or a few) each.

F1 (query cost) is in ``test_query_cost.py``, F3/F4 (overwrite across users) in
``test_overwrite_rights.py``, F6 (demo tokens and hosts) in ``test_web_page.py``.
"""

from __future__ import annotations

import asyncio
import json
import logging
import stat
from pathlib import Path
from typing import Any

import pytest
from graphql_ws_client import GraphQLSocket
from websockets.exceptions import ConnectionClosed

from api.access_log import RedactSignatures
from api.authenticate_first import MAX_REPEATS
from api.body_limit import BodySizeLimit
from api.view import JobProcessorGraphQL
from workers.access import identity
from workers.engine.db import tortoise_config
from workers.engine.models import JobFile
from workers.engine.settings import Settings, SettingsError

CSV = b"Number,Name\nE1,Ann\n"
FILES_QUERY = """query($id: ID!) { job(id: $id) { result { files { name downloadUrl } } } }"""
INTERNALS = ("Traceback", "recursion", "sqlite", "LIKE pattern", "Internal Server Error")


@pytest.fixture
def settings(settings: Settings) -> Settings:
    """Two WebSocket connections per token, so the cap is reached quickly."""
    return settings.with_overrides(max_ws_connections_per_token=2)


async def _report_job(job_row_factory: Any, user: Any) -> Any:
    job = await job_row_factory(
        user,
        result={"summary": "1 employee", "data": {},
                "files": [{"name": "employees.csv", "contentType": "text/csv", "size": 19}]},
    )
    await JobFile.create(job_id=job.id, name="employees.csv", content=CSV,
                         content_type="text/csv", size=len(CSV))
    return job


async def _link(api: Any, job: Any, token: str, **headers: str) -> str:
    response = await api.client.post(
        "/graphql", json={"query": FILES_QUERY, "variables": {"id": str(job.id)}},
        headers={"Authorization": f"Bearer {token}", **headers},
    )
    url: str = response.json()["data"]["job"]["result"]["files"][0]["downloadUrl"]
    return url


def assert_json_error(response: Any, status: int) -> dict[str, Any]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    for internal in INTERNALS:
        assert internal not in response.text
    body: dict[str, Any] = response.json()
    return body


# --------------------------------------------------------------------------- F2


async def test_an_anonymous_request_is_refused_before_validation(api):
    query = "{" + " ".join(["me { id }"] * 1240) + "}"

    response = await api.client.post("/graphql", json={"query": query})

    body = assert_json_error(response, 200)
    assert [e["extensions"]["code"] for e in body["errors"]] == ["UNAUTHENTICATED"]


async def test_an_anonymous_request_may_still_read_the_schema(api):
    query = "{ __schema { queryType { name } } }"

    response = await api.client.post("/graphql", json={"query": query})

    assert response.json()["data"]["__schema"]["queryType"]["name"] == "Query"


async def test_a_field_repeated_beyond_the_limit_is_refused_for_signed_in_users_too(
    api, user_factory
):
    _, token = await user_factory()
    query = "{" + " ".join(["me { id }"] * (MAX_REPEATS + 1)) + "}"

    body = await api.post(query, token=token)

    (error,) = body["errors"]
    assert error["extensions"]["code"] == "BAD_USER_INPUT"
    assert f"'me' is selected {MAX_REPEATS + 1} times" in error["message"]


# --------------------------------------------------------------------------- F5, F10


async def test_a_link_asked_for_under_a_forged_host_points_at_the_public_url(
    api_factory, user_factory, job_row_factory
):
    api = await api_factory(public_url="https://jobs.example.com", allowed_hosts=("*",))
    user, token = await user_factory()
    job = await _report_job(job_row_factory, user)

    url = await _link(api, job, token, Host="evil.example")

    assert url.startswith(f"https://jobs.example.com/files/{job.id}/employees.csv?")


async def test_without_a_public_url_links_are_relative(api, user_factory, job_row_factory):
    user, token = await user_factory()
    job = await _report_job(job_row_factory, user)

    url = await _link(api, job, token)

    assert url.startswith(f"/files/{job.id}/employees.csv?")


async def test_a_link_stops_working_once_its_users_tokens_are_revoked(
    api, user_factory, job_row_factory
):
    user, token = await user_factory()
    job = await _report_job(job_row_factory, user)
    url = await _link(api, job, token)
    before = await api.client.get(url)

    await identity.revoke_tokens(user.username)
    after = await api.client.get(url)

    assert before.status_code == 200
    assert after.status_code == 404


# --------------------------------------------------------------------------- F7, F8, F9


@pytest.mark.parametrize(
    "body",
    [b'"just a string"', b'{"query": "{ me { id } }"}\xff\xfe', b"[" * 100_000 + b"]" * 100_000,
     b"[]", b'{"query": 42}', b'{"query": "{ me { id } }", "variables": [1]}'],
    ids=["json-string", "invalid-utf8", "100k-nested-arrays", "batch", "query-not-text",
         "variables-not-object"],
)
async def test_every_malformed_body_is_a_json_400(api, user_factory, body):
    _, token = await user_factory()

    response = await api.client.post(
        "/graphql", content=body,
        headers={"Content-Type": "application/json", "Authorization": f"Bearer {token}"},
    )

    answer = assert_json_error(response, 400)
    assert answer["errors"][0]["extensions"]["code"] == "BAD_REQUEST"


async def test_strawberrys_own_refusals_are_json_too(api, user_factory):
    _, token = await user_factory()

    response = await api.client.post(
        "/graphql", json={"query": "query A { me { id } }", "operationName": "B"},
        headers={"Authorization": f"Bearer {token}"},
    )

    answer = assert_json_error(response, 400)
    assert answer["errors"][0]["extensions"]["code"] == "BAD_REQUEST"


@pytest.mark.parametrize("depth", [40, 900])
async def test_deeply_nested_variables_are_refused_with_a_code(api, user_factory, depth):
    _, token = await user_factory()
    value: Any = "x"
    for _ in range(depth):
        value = [value]
    query = "query($v: JSON) { me { id } }"

    response = await api.client.post(
        "/graphql", content=json.dumps({"query": query, "variables": {"v": value}}),
        headers={"Content-Type": "application/json", "Authorization": f"Bearer {token}"},
    )

    answer = assert_json_error(response, 200 if depth == 40 else 400)
    assert answer["errors"][0]["extensions"]["code"] in ("BAD_USER_INPUT", "BAD_REQUEST")
    assert "nest" in answer["errors"][0]["message"]


async def test_a_huge_employee_search_is_refused_plainly(api, user_factory):
    _, token = await user_factory()
    pattern = "%_" * 450_000

    literal = await api.post(f'{{ employees(search: "{pattern}") {{ nodes {{ id }} }} }}',
                             token=token)
    variable = await api.post("query($s: String) { employees(search: $s) { nodes { id } } }",
                              {"s": pattern}, token=token)

    (in_text,) = literal["errors"]
    (in_variables,) = variable["errors"]
    assert in_text["extensions"]["code"] == in_variables["extensions"]["code"] == "BAD_USER_INPUT"
    assert "at most 100 characters" in in_text["message"]
    assert "at most 10000 are accepted" in in_variables["message"]


# --------------------------------------------------------------------------- F11


def test_a_new_sqlite_database_is_readable_by_its_owner_only(tmp_path: Path):
    folder = tmp_path / "fresh"

    tortoise_config(Settings(data_dir=folder))

    database = folder / "jobprocessor.sqlite3"
    assert stat.S_IMODE(database.stat().st_mode) == 0o600
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700


def test_a_generated_secret_key_is_readable_by_its_owner_only(tmp_path: Path):
    settings = Settings(data_dir=tmp_path / "fresh")

    settings.resolved_secret_key()

    assert stat.S_IMODE((tmp_path / "fresh" / "secret_key").stat().st_mode) == 0o600


def test_the_access_log_never_holds_a_links_signature():
    record = logging.LogRecord(
        "uvicorn.access", logging.INFO, __file__, 1, '%s - "%s %s HTTP/%s" %d',
        ("127.0.0.1:5000", "GET", "/files/1/a.csv?expires=9&user=2&sig=abcdef0123", "1.1", 200),
        None,
    )

    RedactSignatures().filter(record)

    assert "abcdef0123" not in record.getMessage()
    assert "sig=REDACTED" in record.getMessage()


async def test_a_body_that_never_arrives_is_refused_with_408():
    never = asyncio.Event()
    sent: list[dict[str, Any]] = []

    async def app(scope: Any, receive: Any, send: Any) -> None:
        raise AssertionError("the app must not be called")

    async def receive() -> dict[str, Any]:
        await never.wait()
        return {"type": "http.disconnect"}

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    limit = BodySizeLimit(app, max_bytes=1000, read_timeout_seconds=0.05)
    await limit({"type": "http", "headers": []}, receive, send)

    assert sent[0]["status"] == 408
    assert b"JOBPROCESSOR_BODY_READ_TIMEOUT_SECONDS" in sent[1]["body"]


async def test_one_token_may_hold_only_so_many_websocket_connections(
    live_api, user_factory, eventually
):
    _, token = await user_factory()
    view = next(r.endpoint for r in live_api.app.routes
                if isinstance(getattr(r, "endpoint", None), JobProcessorGraphQL))
    first, second, third = (live_api.socket() for _ in range(3))

    async with first as a, second as b:
        assert (await a.init(token))["type"] == "connection_ack"
        assert (await b.init(token))["type"] == "connection_ack"
        async with third as c:
            with pytest.raises(ConnectionClosed) as closed:
                await c.init(token)
    await eventually(lambda: not view.open_connections)
    async with GraphQLSocket(third.url) as again:
        reopened = await again.init(token)

    assert closed.value.rcvd is not None and closed.value.rcvd.code == 4403
    assert "Too many open connections" in closed.value.rcvd.reason
    assert reopened["type"] == "connection_ack"


# --------------------------------------------------------------------------- F1: deadline


@pytest.fixture
def stuck_authentication(monkeypatch: pytest.MonkeyPatch) -> dict[str, bool]:
    """Authentication that never finishes, and a record of whether it was stopped."""
    seen = {"started": False, "cancelled": False}

    async def never(header: str | None) -> Any:
        seen["started"] = True
        try:
            await asyncio.Event().wait()
        except asyncio.CancelledError:
            seen["cancelled"] = True
            raise

    monkeypatch.setattr("api.view.authenticate_header", never)
    return seen


async def test_a_request_past_its_deadline_is_stopped_and_answered(
    api_factory, stuck_authentication
):
    api = await api_factory(request_timeout_seconds=0.1)

    response = await api.client.post("/graphql", json={"query": "{ me { id } }"})

    body = assert_json_error(response, 503)
    assert body["errors"][0]["extensions"]["code"] == "REQUEST_TIMEOUT"
    assert "JOBPROCESSOR_REQUEST_TIMEOUT_SECONDS" in body["errors"][0]["message"]
    assert stuck_authentication["cancelled"]


async def test_a_request_whose_client_left_is_stopped(api, stuck_authentication):
    body = json.dumps({"query": "{ me { id } }"}).encode()
    messages = [{"type": "http.request", "body": body, "more_body": False}]
    sent: list[dict[str, Any]] = []

    async def receive() -> dict[str, Any]:
        if messages:
            return messages.pop(0)
        while not stuck_authentication["started"]:
            await asyncio.sleep(0)
        return {"type": "http.disconnect"}

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    scope = {"type": "http", "method": "POST", "path": "/graphql", "raw_path": b"/graphql",
             "query_string": b"", "scheme": "http", "http_version": "1.1",
             "server": ("testserver", 80), "client": ("127.0.0.1", 5000), "root_path": "",
             "headers": [(b"host", b"testserver"), (b"content-type", b"application/json"),
                         (b"content-length", str(len(body)).encode())]}
    await api.app(scope, receive, send)

    assert stuck_authentication["cancelled"]
    assert sent == []


# --------------------------------------------------------------------------- the settings


def test_the_new_settings_are_read_from_the_environment(monkeypatch: pytest.MonkeyPatch):
    for name, value in {
        "PUBLIC_URL": "https://jobs.example.com/", "ALLOWED_HOSTS": "Jobs.Example.com,*.x.org",
        "MAX_QUERY_COST": "5000", "QUERY_COST_BY_ROLE": "admin=90000, analyst=100",
        "REQUEST_TIMEOUT_SECONDS": "3", "BODY_READ_TIMEOUT_SECONDS": "4",
        "MAX_WS_CONNECTIONS_PER_TOKEN": "5",
    }.items():
        monkeypatch.setenv(f"JOBPROCESSOR_{name}", value)

    settings = Settings.from_env()

    assert settings.public_url == "https://jobs.example.com"
    assert settings.allowed_hosts == ("jobs.example.com", "*.x.org")
    assert settings.query_cost_budget("analyst") == 100
    assert settings.query_cost_budget("planner") == settings.max_query_cost == 5000
    assert (settings.request_timeout_seconds, settings.body_read_timeout_seconds) == (3, 4)
    assert settings.max_ws_connections_per_token == 5


@pytest.mark.parametrize(
    ("name", "value", "says"),
    [("PUBLIC_URL", "jobs.example.com", "not a base URL"),
     ("ALLOWED_HOSTS", "https://jobs.example.com", "not a host name"),
     ("ALLOWED_HOSTS", "jobs.example.com:8000", "without scheme or port"),
     ("QUERY_COST_BY_ROLE", "admin:5", "ROLE=COST")],
)
def test_a_malformed_new_setting_is_refused_with_a_way_out(monkeypatch, name, value, says):
    monkeypatch.setenv(f"JOBPROCESSOR_{name}", value)

    with pytest.raises(SettingsError) as refused:
        Settings.from_env()

    assert says in str(refused.value)
