"""What a report job is asked for: the report kind, the team, the level and its days.

Kept apart from the job type (:mod:`workers.wfm.jobtypes.reports`) so that the report
builders of this package read their parameters without importing the job type.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum

from workers.engine.jobtypes import Params
from workers.wfm.level_params import DbId, LevelRangeParams


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
