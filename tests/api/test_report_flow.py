"""The flow the README shows: submit a report, follow it live, download its CSV."""

from __future__ import annotations

import csv
import io

SUBMIT = """mutation { submitJob(input: {params: {report: {team: "Sales"}}}) {
  __typename ... on Job { id status } } }"""

FOLLOW = """subscription($id: ID!) { jobUpdated(id: $id) {
  status progress progressMessage
  result { summary files { name contentType downloadUrl } } } }"""


async def test_a_submitted_report_runs_live_and_its_csv_downloads(
    live_api, user_factory, employee_factory
):
    _, token = await user_factory()
    for number in ("S1", "S2", "S3"):
        await employee_factory(number=number, team="Sales", name=f"Seller {number}")
    await employee_factory(number="B1", team="Back Office")

    submitted = (await live_api.data(SUBMIT, token=token))["submitJob"]
    async with live_api.socket() as ws:
        await ws.init(token)
        await ws.subscribe(FOLLOW, {"id": submitted["id"]})
        updates = [update["jobUpdated"] async for update in ws.results()]
    final = updates[-1]
    csv_file = next(f for f in final["result"]["files"] if f["name"] == "employees.csv")
    download = await live_api.client.get(csv_file["downloadUrl"])

    assert submitted["status"] == "SUBMITTED"
    assert final["status"] == "COMPLETED"
    assert final["result"]["summary"] == "Employee list of team Sales: 3 employees."
    progress = [update["progress"] for update in updates]
    assert progress == sorted(progress) and progress[-1] == 1.0
    assert download.status_code == 200
    assert download.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(download.text)))
    assert sorted(row["Number"] for row in rows) == ["S1", "S2", "S3"]
    assert {row["Team"] for row in rows} == {"Sales"}
