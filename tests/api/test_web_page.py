"""The web page at ``/`` and the demo users' tokens it offers at ``/demo-tokens``."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import httpx
import pytest

from api.app import create_app
from api.demo_tokens import demo_tokens
from api.frontend import CONTENT_SECURITY_POLICY
from workers.engine.settings import Settings

DEMO_TOKENS = '[{"username": "admin", "role": "admin", "token": "jp_x", "extra": 1}]'



@pytest.fixture
def settings(settings: Settings) -> Settings:
    """The embedded demo (demo users and their tokens are created on start)."""
    return settings.with_overrides(demo=True)


def _request_to(settings: Settings, host: str = "127.0.0.1",
                named: str = "localhost") -> SimpleNamespace:
    """A stand-in request to a server running with ``settings``, from ``host``, that named
    the server ``named`` (its ``Host`` header)."""
    services = SimpleNamespace(settings=settings)
    return SimpleNamespace(
        app=SimpleNamespace(state=SimpleNamespace(services=services)),
        client=SimpleNamespace(host=host),
        url=SimpleNamespace(hostname=named),
    )


@pytest.fixture
def built_page(tmp_path: Path) -> Path:
    """A stand-in for ``frontend-demo/dist``: an index page and one hashed asset."""
    dist = tmp_path / "dist"
    (dist / "assets").mkdir(parents=True)
    (dist / "index.html").write_text(
        '<!doctype html><div id="app"></div><script src="/assets/index-abc.js"></script>'
    )
    (dist / "assets" / "index-abc.js").write_text("console.log('jobs')")
    return dist


async def test_the_built_page_is_served_at_the_root_with_its_assets(settings, built_page):
    app = create_app(settings, frontend_dist=built_page)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app),
                                 base_url="http://testserver") as client:
        page = await client.get("/")
        script = await client.get("/assets/index-abc.js")

    assert page.status_code == 200
    assert '<div id="app">' in page.text
    assert page.headers["content-security-policy"] == CONTENT_SECURITY_POLICY
    assert page.headers["cache-control"] == "no-cache"
    assert script.status_code == 200
    assert script.text == "console.log('jobs')"


async def test_a_job_s_address_and_a_filtered_view_serve_the_page_which_reads_them(
    settings, built_page
):
    app = create_app(settings, frontend_dist=built_page)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app),
                                 base_url="http://testserver") as client:
        job = await client.get("/jobs/1042")
        view = await client.get("/?status=FAILED&type=REPORT&q=sales")
        not_a_job = await client.get("/jobs/report")

    assert job.status_code == view.status_code == 200
    assert '<div id="app">' in job.text and '<div id="app">' in view.text
    assert job.headers["content-security-policy"] == CONTENT_SECURITY_POLICY
    assert not_a_job.status_code == 404


async def test_without_a_build_the_root_says_how_to_get_one_and_points_to_graphiql(
    settings, tmp_path
):
    app = create_app(settings, frontend_dist=tmp_path / "missing")
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app),
                                 base_url="http://testserver") as client:
        page = await client.get("/")

    assert page.status_code == 200
    assert "scripts/setup" in page.text
    assert 'href="/graphql"' in page.text


async def test_the_embedded_demo_offers_its_users_tokens_to_a_local_browser(api):
    response = await api.client.get("/demo-tokens", headers={"Host": "localhost:8000"})

    assert response.status_code == 200
    assert response.headers["cache-control"] == "no-store"
    users = response.json()
    assert [u["username"] for u in users] == ["admin", "teamlead", "planner", "planner2", "analyst"]
    assert all(u["token"].startswith("jp_") and u["role"] for u in users)


async def test_the_demo_tokens_are_not_offered_to_other_machines(api):
    remote = httpx.AsyncClient(
        transport=httpx.ASGITransport(app=api.app, client=("203.0.113.7", 40000)),
        base_url="http://testserver",
    )
    async with remote:
        response = await remote.get("/demo-tokens")

    assert response.status_code == 404


@pytest.mark.parametrize("host", ["evil.example", "evil.example:8000", "testserver"])
async def test_the_demo_tokens_are_refused_to_a_local_browser_that_named_another_host(
    api_factory, host
):
    """DNS rebinding: a foreign page whose name now points at 127.0.0.1 sends its own name."""
    api = await api_factory(allowed_hosts=("*",))

    response = await api.client.get("/demo-tokens", headers={"Host": host})

    assert response.status_code == 404


async def test_a_request_naming_a_host_not_allowed_is_refused(api):
    response = await api.client.post(
        "/graphql", json={"query": "{ me { id } }"}, headers={"Host": "evil.example"}
    )

    assert response.status_code == 400


async def test_without_the_demo_there_are_no_demo_tokens(tmp_path):
    (tmp_path / "demo-tokens.json").write_text(DEMO_TOKENS)
    settings = Settings(data_dir=tmp_path, demo=False)

    response = await demo_tokens(_request_to(settings))  # type: ignore[arg-type]

    assert response.status_code == 404


async def test_a_distributed_server_never_offers_demo_tokens(tmp_path):
    (tmp_path / "demo-tokens.json").write_text(DEMO_TOKENS)
    settings = Settings(data_dir=tmp_path, redis_url="redis://127.0.0.1:6379/0", demo=True)

    response = await demo_tokens(_request_to(settings))  # type: ignore[arg-type]

    assert response.status_code == 404


async def test_demo_tokens_tell_only_username_role_and_token(tmp_path):
    (tmp_path / "demo-tokens.json").write_text(DEMO_TOKENS)
    settings = Settings(data_dir=tmp_path, demo=True)

    response = await demo_tokens(_request_to(settings))  # type: ignore[arg-type]

    assert response.status_code == 200
    assert response.body == b'[{"username":"admin","role":"admin","token":"jp_x"}]'
