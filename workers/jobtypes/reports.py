"""Monitoring > Reports: reports over the WFM data, written as CSV and XLSX files."""

from __future__ import annotations

import asyncio
import csv
import io
from enum import StrEnum

import openpyxl
from openpyxl.styles import Font

from workers.errors import InvalidParamsError
from workers.jobtypes.base import JobContext, JobResult, JobType, Params
from workers.wfm.models import Employee

#: Rows written between two progress reports / checkpoints.
CHUNK = 200


class ReportKind(StrEnum):
    """Which report to produce."""

    EMPLOYEE_LIST = "EMPLOYEE_LIST"


class ReportParams(Params):
    """Parameters of a report job."""

    report: ReportKind = ReportKind.EMPLOYEE_LIST
    #: Only employees of this team (all teams when empty).
    team: str | None = None
    #: Leave out inactive employees.
    active_only: bool = True


EMPLOYEE_COLUMNS = ("Number", "Name", "Team", "Skills", "Weekly contract hours", "Active")


class Reports(JobType[ReportParams]):
    name = "REPORT"
    feature = "Monitoring > Reports"
    description = "Writes a report over the workforce data as CSV and Excel files to download."
    params_model = ReportParams

    async def validate(self, params: ReportParams) -> None:
        if params.team is not None and not await Employee.filter(team=params.team).exists():
            raise InvalidParamsError("team", f"no employee belongs to team {params.team!r}")

    async def run(self, ctx: JobContext, params: ReportParams) -> JobResult:
        query = Employee.all()
        if params.team is not None:
            query = query.filter(team=params.team)
        if params.active_only:
            query = query.filter(active=True)
        total = await query.count()
        await ctx.progress(0.0, f"Reading {total} employees")
        rows: list[tuple[object, ...]] = []
        last_id = 0
        while True:
            batch = await query.filter(id__gt=last_id).order_by("id").limit(CHUNK)
            if not batch:
                break
            last_id = batch[-1].id
            rows.extend(
                (e.number, e.name, e.team, ", ".join(e.skills), e.weekly_contract_hours,
                 "yes" if e.active else "no")
                for e in batch
            )
            await ctx.progress(0.8 * len(rows) / max(total, 1),
                               f"Read {len(rows)} of {total} employees")
        await ctx.progress(0.85, "Writing CSV")
        ctx.add_file("employees.csv", _csv(rows), "text/csv; charset=utf-8")
        await ctx.progress(0.9, "Writing Excel workbook")
        # openpyxl is slow (~1.5 s for 20,000 rows): off the loop that runs the other
        # jobs, their lease renewals and cancel watching (and, embedded, the API).
        workbook = await asyncio.to_thread(_xlsx, rows)
        ctx.add_file(
            "employees.xlsx",
            workbook,
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        scope = f"team {params.team}" if params.team else "all teams"
        return JobResult(
            summary=f"Employee list of {scope}: {len(rows)} employees.",
            data={"rows": len(rows), "report": params.report.value},
        )


def _csv(rows: list[tuple[object, ...]]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(EMPLOYEE_COLUMNS)
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")


def _xlsx(rows: list[tuple[object, ...]]) -> bytes:
    book = openpyxl.Workbook(write_only=False)
    sheet = book.active
    assert sheet is not None
    sheet.title = "Employees"
    sheet.append(EMPLOYEE_COLUMNS)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append(list(row))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
