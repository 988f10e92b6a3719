"""GraphiQL works without internet access: its scripts come from this server."""

from __future__ import annotations

import re

import pytest

from api import graphiql


def test_the_graphiql_page_loads_its_scripts_from_this_server(api_client_html):
    page = api_client_html

    assert "https://unpkg.com" not in page
    assert f'{graphiql.PREFIX}/graphiql/graphiql.min.js' in page
    assert f'{graphiql.PREFIX}/react/umd/react.production.min.js' in page


async def test_every_script_and_stylesheet_the_page_names_is_served(api, api_client_html):
    assets = re.findall(r'(?:src|href)="(/graphiql-assets/[^"]+)"', api_client_html)

    assert len(assets) >= 6
    for asset in assets:
        response = await api.client.get(asset)
        assert response.status_code == 200, asset
        assert len(response.content) > 500, asset


@pytest.fixture
async def api_client_html(api) -> str:
    if not graphiql.available():
        pytest.fail("frontend-demo's npm packages are missing: run scripts/setup")
    response = await api.client.get("/graphql", headers={"Accept": "text/html"})
    assert response.status_code == 200
    return response.text


async def test_an_unknown_operation_name_is_answered_with_a_json_error(api):
    response = await api.client.post("/graphql", json={
        "query": "query Known { __typename }", "operationName": "Unknown"})

    assert response.status_code == 400
    assert response.headers["content-type"].startswith("application/json")
    error = response.json()["errors"][0]
    assert error["message"] == 'Unknown operation named "Unknown".'
    assert error["extensions"]["code"] == "BAD_REQUEST"
