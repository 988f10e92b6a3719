"""The employee list: every employee with team, skills and weekly contract hours."""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING

from workers.engine.jobtypes import Figure, JobContext, JobResult
from workers.wfm.models import Employee
from workers.wfm.reporting.tables import CSV_TYPE, XLSX_TYPE, Table, csv_bytes, xlsx_bytes

if TYPE_CHECKING:
    from workers.wfm.reporting.params import ReportParams

#: Rows read between two progress reports / checkpoints.
CHUNK = 200
COLUMNS = ("Number", "Name", "Team", "Skills", "Weekly contract hours", "Active")


async def employee_list(ctx: JobContext, params: ReportParams) -> JobResult:
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
    table = Table("Employees", COLUMNS, rows)
    await ctx.progress(0.85, "Writing CSV")
    ctx.add_file("employees.csv", csv_bytes(table), CSV_TYPE)
    await ctx.progress(0.9, "Writing Excel workbook")
    # openpyxl is slow (~1.5 s for 20,000 rows): off the loop that runs the other
    # jobs, their lease renewals and cancel watching (and, embedded, the API).
    ctx.add_file("employees.xlsx", await asyncio.to_thread(xlsx_bytes, table), XLSX_TYPE)
    scope = f"team {params.team}" if params.team else "all teams"
    return JobResult(
        summary=f"Employee list of {scope}: {len(rows)} employees.",
        headline=f"{len(rows):,} employees listed",
        figures=[Figure("Employees", len(rows))],
        data={"rows": len(rows), "report": params.report.value},
    )
