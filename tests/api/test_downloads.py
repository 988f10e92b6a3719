"""Downloading result files: signed links, bearer tokens, and refusals that reveal nothing."""

from __future__ import annotations

import time
from urllib.parse import parse_qs, urlsplit

import pytest

from api import links
from workers.engine.models import JobFile

CSV = b"Number,Name\nE1,Ann\n"
FILES_QUERY = """query($id: ID!) { job(id: $id) { result { files { name downloadUrl } } } }"""


@pytest.fixture
async def report_job(job_row_factory, user_factory):
    """A completed report job with a CSV file, its user and token."""
    user, token = await user_factory()
    job = await job_row_factory(
        user,
        result={"summary": "1 employee", "data": {},
                "files": [{"name": "employees.csv", "contentType": "text/csv; charset=utf-8",
                           "size": len(CSV)}]},
    )
    await JobFile.create(job_id=job.id, name="employees.csv", content=CSV,
                         content_type="text/csv; charset=utf-8", size=len(CSV))
    return job, user, token


async def signed_url(api, job, token) -> str:
    data = await api.data(FILES_QUERY, {"id": str(job.id)}, token=token)
    url: str = data["job"]["result"]["files"][0]["downloadUrl"]
    return url


async def test_the_signed_download_url_serves_the_file_as_an_attachment(api, report_job):
    job, _, token = report_job

    response = await api.client.get(await signed_url(api, job, token))

    assert response.status_code == 200
    assert response.content == CSV
    assert response.headers["content-type"] == "text/csv; charset=utf-8"
    assert response.headers["content-disposition"].startswith(
        'attachment; filename="employees.csv"'
    )


async def test_a_bearer_token_downloads_without_a_signature(api, report_job):
    job, _, token = report_job

    response = await api.client.get(
        f"/files/{job.id}/employees.csv", headers={"Authorization": f"Bearer {token}"}
    )

    assert response.status_code == 200
    assert response.content == CSV


async def test_a_tampered_signature_gets_the_same_404_as_a_missing_job(api, report_job):
    job, _, token = report_job
    url = await signed_url(api, job, token)
    tampered = url[:-4] + ("0000" if not url.endswith("0000") else "1111")
    query = urlsplit(url).query

    bad_signature = await api.client.get(tampered)
    other_file = await api.client.get(f"/files/{job.id}/employees.xlsx?{query}")
    missing_job = await api.client.get(
        "/files/999/employees.csv", headers={"Authorization": f"Bearer {token}"}
    )

    assert bad_signature.status_code == other_file.status_code == missing_job.status_code == 404
    assert bad_signature.json() == other_file.json() == missing_job.json()


@pytest.mark.parametrize(
    "path",
    [
        "/files/99999999999999/employees.csv?expires=1&user=1&sig=00",
        "/files/1/employees.csv?expires=%C2%B2&user=1&sig=00",
        "/files/1/employees.csv?expires=1&user=99999999999999999999999&sig=00",
    ],
    ids=["huge-job-id", "unicode-digit", "huge-user-id"],
)
async def test_a_malformed_link_is_an_ordinary_404(api, report_job, path):
    response = await api.client.get(path)

    assert response.status_code == 404


async def test_an_expired_link_is_refused_with_a_way_out(api, report_job):
    job, user, _ = report_job
    url = links.signed_url(
        "http://testserver", api.settings.resolved_secret_key(), job_id=job.id,
        name="employees.csv", user_id=user.id, generation=0, lifetime_seconds=60,
        now=time.time() - 120,
    )

    response = await api.client.get(url)

    assert response.status_code == 403
    assert "expired" in response.json()["error"]
    assert "fresh link" in response.json()["error"]


async def test_a_link_is_signed_for_the_user_who_asked(api, report_job):
    job, user, token = report_job

    params = parse_qs(urlsplit(await signed_url(api, job, token)).query)

    assert params["user"] == [str(user.id)]
    assert int(params["expires"][0]) == pytest.approx(
        time.time() + api.settings.download_link_seconds, abs=5
    )


async def test_a_download_without_any_credentials_is_told_to_authenticate(api, report_job):
    job, _, _ = report_job

    response = await api.client.get(f"/files/{job.id}/employees.csv")

    assert response.status_code == 401
    assert "Authorization: Bearer" in response.json()["error"]


def test_file_names_that_are_not_ascii_are_offered_under_their_own_name():
    from api.downloads import content_disposition

    header = content_disposition('Mitarbeiter "Übersicht".csv')

    assert header == (
        "attachment; filename=\"Mitarbeiter '?bersicht'.csv\"; "
        "filename*=UTF-8''Mitarbeiter%20%22%C3%9Cbersicht%22.csv"
    )
