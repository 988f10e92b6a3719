"""What a report job is asked for: the report kind, the team, the level and its days.

Kept apart from the job type (:mod:`workers.wfm.jobtypes.reports`) so that the report
builders of this package read their parameters without importing the job type.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum

import pydantic

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
    report: ReportKind = pydantic.Field(
        default=ReportKind.EMPLOYEE_LIST, description="Which report to produce.")
    team: str | None = pydantic.Field(
        default=None, description="Only employees of this team (all teams when omitted).")
    active_only: bool = pydantic.Field(default=True, description="Leave out inactive employees.")
    level_id: DbId | None = pydantic.Field(
        default=None, description="The schedule level (needed by STAFFING_COVERAGE, SCHEDULE "
                                  "and TARGET_WORK_ACCOUNTS).")
    start_date: date | None = pydantic.Field(
        default=None, description="First day to report on (the level's period by default).")
    end_date: date | None = pydantic.Field(
        default=None, description="Last day to report on, included.")

    def level_range(self) -> LevelRangeParams:
        assert self.level_id is not None
        return LevelRangeParams(level_id=self.level_id, start_date=self.start_date,
                                end_date=self.end_date)
