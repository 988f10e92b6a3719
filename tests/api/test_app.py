"""The routes around GraphQL: the health check and start-up (the page: test_web_page.py)."""

from __future__ import annotations

import pytest
from tortoise import connections


async def test_health_reports_the_mode_and_the_database(api):
    response = await api.client.get("/healthz")

    assert response.status_code == 200
    assert response.json() == {"status": "ok", "mode": "embedded"}


async def test_health_answers_503_when_the_database_does_not(api, monkeypatch):
    class Unreachable:
        async def execute_query(self, query):
            raise OSError("connection refused")

    monkeypatch.setattr(connections, "get", lambda name: Unreachable())

    response = await api.client.get("/healthz")

    assert response.status_code == 503
    assert response.json() == {"status": "unavailable", "mode": "embedded",
                               "error": "the database does not answer"}


async def test_a_distributed_server_without_a_shared_secret_key_refuses_to_start(settings):
    from api.app import create_app
    from workers.engine.settings import SettingsError

    distributed = settings.with_overrides(redis_url="redis://127.0.0.1:6379/0", secret_key=None)
    app = create_app(distributed)

    with pytest.raises(SettingsError, match="SECRET_KEY must be set"):
        async with app.router.lifespan_context(app):
            pass
