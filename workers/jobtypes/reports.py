"""Monitoring > Reports: reports over the WFM data, written as CSV and XLSX files (and charts).

Each report is built by a module of :mod:`workers.reporting`; reports only read, so they
have no job scope and run beside any other job.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import date
from enum import StrEnum

from workers.errors import InvalidParamsError
from workers.jobtypes._level import (
    DbId,
    LevelRangeParams,
    check_range,
    days_text,
    existing_level,
    level_subject,
)
from workers.jobtypes.base import JobContext, JobResult, JobSubject, JobType, Params
from workers.reporting.accounts import target_work_accounts
from workers.reporting.coverage import staffing_coverage
from workers.reporting.employee_list import employee_list
from workers.reporting.schedule import schedule_per_employee
from workers.wfm.accounts import TargetWorkAccount
from workers.wfm.models import Employee


class ReportKind(StrEnum):
    """Which report to produce."""

    EMPLOYEE_LIST = "EMPLOYEE_LIST"
    STAFFING_COVERAGE = "STAFFING_COVERAGE"
    SCHEDULE = "SCHEDULE"
    TARGET_WORK_ACCOUNTS = "TARGET_WORK_ACCOUNTS"


#: Each report's name for people.
REPORT_TITLES = {
    ReportKind.EMPLOYEE_LIST: "Employee list",
    ReportKind.STAFFING_COVERAGE: "Staffing coverage",
    ReportKind.SCHEDULE: "Schedule per employee",
    ReportKind.TARGET_WORK_ACCOUNTS: "Target work accounts",
}


#: Reports about one schedule level (they need ``levelId``).
LEVEL_REPORTS = frozenset({ReportKind.STAFFING_COVERAGE, ReportKind.SCHEDULE,
                           ReportKind.TARGET_WORK_ACCOUNTS})


class ReportParams(Params):
    """Parameters of a report job."""

    report: ReportKind = ReportKind.EMPLOYEE_LIST
    #: Only employees of this team (all teams when empty).
    team: str | None = None
    #: Leave out inactive employees.
    active_only: bool = True
    #: The schedule level (coverage, schedule and account reports).
    level_id: DbId | None = None
    #: The days to report on (the level's whole period by default).
    start_date: date | None = None
    end_date: date | None = None

    def level_range(self) -> LevelRangeParams:
        assert self.level_id is not None
        return LevelRangeParams(level_id=self.level_id, start_date=self.start_date,
                                end_date=self.end_date)


Builder = Callable[[JobContext, ReportParams], Awaitable[JobResult]]


class Reports(JobType[ReportParams]):
    name = "REPORT"
    feature = "Monitoring > Reports"
    description = ("Writes a report (employee list, staffing coverage with a chart, schedule "
                   "per employee, target work accounts) as CSV and Excel files to download.")
    params_model = ReportParams
    title = "Report"

    async def describe(self, params: ReportParams) -> JobSubject:
        kind = REPORT_TITLES[params.report]
        team = f"team {params.team}" if params.team else ""
        if params.report in LEVEL_REPORTS:
            subject = await level_subject(params.level_id,
                                          days_text(params.start_date, params.end_date), team)
            return JobSubject(f"{kind} · {subject.text}", subject.refs)
        scope = team or "all teams"
        return JobSubject(f"{kind} · {scope}" + ("" if params.active_only else " · with inactive"))

    async def validate(self, params: ReportParams) -> None:
        if params.team is not None and not await Employee.filter(team=params.team).exists():
            raise InvalidParamsError("team", f"no employee belongs to team {params.team!r}")
        if params.report not in LEVEL_REPORTS:
            return
        if params.level_id is None:
            raise InvalidParamsError(
                "levelId", f"the {params.report.value} report needs a schedule level")
        level = await existing_level(params.level_id)
        check_range(level, params.start_date, params.end_date)
        if (params.report is ReportKind.TARGET_WORK_ACCOUNTS
                and not await TargetWorkAccount.exists(level_id=level.id)):
            raise InvalidParamsError(
                "levelId", f"no target work accounts have been calculated for level "
                f"{level.name!r}; run Target Work Account/Calculate first")

    async def run(self, ctx: JobContext, params: ReportParams) -> JobResult:
        return await _builder(params.report)(ctx, params)


def _builder(kind: ReportKind) -> Builder:
    builders: dict[ReportKind, Builder] = {
        ReportKind.EMPLOYEE_LIST: employee_list,
        ReportKind.STAFFING_COVERAGE: staffing_coverage,
        ReportKind.SCHEDULE: schedule_per_employee,
        ReportKind.TARGET_WORK_ACCOUNTS: target_work_accounts,
    }
    return builders[kind]
