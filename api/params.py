"""Submit inputs: one ``@oneOf`` member per job type, mirroring its pydantic parameters.

Each input converts itself to the camelCase dict the job type's pydantic model validates
(:func:`workers.access.submissions.submit` does the validation, so the rules live in one place).
Omitted optional values are left out of the dict, so the model's defaults apply.
A test checks these inputs stay aligned with the models.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import strawberry

from api.enums import OverwritePolicy, ReportKind
from api.wfm.params import (
    ActivityExchangeParamsInput,
    InsertShiftSequencesParamsInput,
    LevelCopyParamsInput,
    LevelDeleteParamsInput,
    OptimizationParamsInput,
    ShiftsAssignParamsInput,
    ShiftsGenerateParamsInput,
    ShiftsLotteryParamsInput,
    TargetWorkAccountCalculateParamsInput,
    present,
)


def _present(values: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in values.items() if value is not None}


@strawberry.input(description="Parameters of a `REPORT` job (Monitoring > Reports).")
class ReportParamsInput:
    report: ReportKind = strawberry.field(
        default=ReportKind.EMPLOYEE_LIST, description="Which report to produce."
    )
    team: str | None = strawberry.field(
        default=None, description="Only employees of this team (all teams when omitted)."
    )
    active_only: bool = strawberry.field(
        default=True, description="Leave out inactive employees."
    )
    level_id: strawberry.ID | None = strawberry.field(
        default=None,
        description="The schedule level (needed by STAFFING_COVERAGE, SCHEDULE and "
                    "TARGET_WORK_ACCOUNTS).",
    )
    start_date: date | None = strawberry.field(
        default=None, description="First day to report on (the level's period by default)."
    )
    end_date: date | None = strawberry.field(
        default=None, description="Last day to report on, included."
    )

    def to_params(self) -> dict[str, Any]:
        return present(
            {"report": self.report.value, "team": self.team, "activeOnly": self.active_only,
             "levelId": self.level_id, "startDate": self.start_date, "endDate": self.end_date}
        )


@strawberry.input(
    description="Which employees to change; conditions combine with AND. Empty means everyone."
)
class EmployeeFilterInput:
    teams: list[str] | None = strawberry.field(
        default=None, description="Employees of any of these teams."
    )
    skills: list[str] | None = strawberry.field(
        default=None, description="Employees having all of these skills."
    )
    numbers: list[str] | None = strawberry.field(
        default=None, description="Employees with these employee numbers."
    )
    active_only: bool = strawberry.field(default=True, description="Only active employees.")

    def to_params(self) -> dict[str, Any]:
        return _present(
            {"teams": self.teams, "skills": self.skills, "numbers": self.numbers,
             "activeOnly": self.active_only}
        )


@strawberry.input(description="What to set on the selected employees; give at least one change.")
class EmployeeChangesInput:
    team: str | None = strawberry.field(default=None, description="Move them to this team.")
    weekly_contract_hours: float | None = strawberry.field(
        default=None, description="Set their weekly contract hours (0 to 80)."
    )
    add_skills: list[str] | None = strawberry.field(
        default=None, description="Give them these skills."
    )
    remove_skills: list[str] | None = strawberry.field(
        default=None, description="Take these skills away."
    )
    active: bool | None = strawberry.field(
        default=None, description="Activate (true) or deactivate (false) them."
    )

    def to_params(self) -> dict[str, Any]:
        return _present(
            {"team": self.team, "weeklyContractHours": self.weekly_contract_hours,
             "addSkills": self.add_skills, "removeSkills": self.remove_skills,
             "active": self.active}
        )


@strawberry.input(
    description=(
        "Parameters of an `EMPLOYEES_MASS_UPDATE` job "
        "(Administration > Scheduling > Employees > Mass Update)."
    )
)
class EmployeesMassUpdateParamsInput:
    changes: EmployeeChangesInput = strawberry.field(description="What to set.")
    filter: EmployeeFilterInput | None = strawberry.field(
        default=None, description="Which employees (all active employees when omitted)."
    )

    def to_params(self) -> dict[str, Any]:
        params: dict[str, Any] = {"changes": self.changes.to_params()}
        if self.filter is not None:
            params["filter"] = self.filter.to_params()
        return params


@strawberry.input(
    one_of=True,
    description="The job to run: give exactly one member, named for the job type.",
)
class JobParamsInput:
    report: ReportParamsInput | None = strawberry.field(
        default=strawberry.UNSET, description="Run a report (`REPORT`)."
    )
    employees_mass_update: EmployeesMassUpdateParamsInput | None = strawberry.field(
        default=strawberry.UNSET,
        description="Change many employees at once (`EMPLOYEES_MASS_UPDATE`).",
    )
    # ------------------------------------------------------------------ scheduling
    optimization: OptimizationParamsInput | None = strawberry.field(
        default=strawberry.UNSET,
        description="Improve a level's coverage of the demand (`OPTIMIZATION`).",
    )
    shifts_generate: ShiftsGenerateParamsInput | None = strawberry.field(
        default=strawberry.UNSET,
        description="Create the open shifts the demand needs (`SHIFTS_GENERATE`).",
    )
    shifts_lottery: ShiftsLotteryParamsInput | None = strawberry.field(
        default=strawberry.UNSET,
        description="Draw open shifts fairly among employees (`SHIFTS_LOTTERY`).",
    )
    shifts_assign: ShiftsAssignParamsInput | None = strawberry.field(
        default=strawberry.UNSET,
        description="Assign open shifts to employees (`SHIFTS_ASSIGN`).",
    )
    target_work_account_calculate: TargetWorkAccountCalculateParamsInput | None = (
        strawberry.field(
            default=strawberry.UNSET,
            description="Calculate target work accounts (`TARGET_WORK_ACCOUNT_CALCULATE`).",
        )
    )
    activity_exchange: ActivityExchangeParamsInput | None = strawberry.field(
        default=strawberry.UNSET,
        description="Replace one activity by another in shifts (`ACTIVITY_EXCHANGE`).",
    )
    level_copy: LevelCopyParamsInput | None = strawberry.field(
        default=strawberry.UNSET, description="Copy a schedule level (`LEVEL_COPY`)."
    )
    level_delete: LevelDeleteParamsInput | None = strawberry.field(
        default=strawberry.UNSET, description="Delete a schedule level (`LEVEL_DELETE`)."
    )
    insert_shift_sequences: InsertShiftSequencesParamsInput | None = strawberry.field(
        default=strawberry.UNSET,
        description="Apply a rotation to employees (`INSERT_SHIFT_SEQUENCES`).",
    )

    def chosen(self) -> tuple[str, str, dict[str, Any]]:
        """The member given: ``(member name, job type name, raw params)``."""
        given = {"REPORT": self.report, "EMPLOYEES_MASS_UPDATE": self.employees_mass_update,
                 "OPTIMIZATION": self.optimization, "SHIFTS_GENERATE": self.shifts_generate,
                 "SHIFTS_LOTTERY": self.shifts_lottery, "SHIFTS_ASSIGN": self.shifts_assign,
                 "TARGET_WORK_ACCOUNT_CALCULATE": self.target_work_account_calculate,
                 "ACTIVITY_EXCHANGE": self.activity_exchange, "LEVEL_COPY": self.level_copy,
                 "LEVEL_DELETE": self.level_delete,
                 "INSERT_SHIFT_SEQUENCES": self.insert_shift_sequences}
        for type_name, value in given.items():
            if value:
                return PARAMS_MEMBERS[type_name], type_name, value.to_params()
        # GraphQL's @oneOf validation guarantees exactly one member.
        raise ValueError("a @oneOf input arrived without a member")


#: The ``JobParamsInput`` member that submits each job type.
PARAMS_MEMBERS: dict[str, str] = {
    "REPORT": "report",
    "EMPLOYEES_MASS_UPDATE": "employeesMassUpdate",
    "OPTIMIZATION": "optimization",
    "SHIFTS_GENERATE": "shiftsGenerate",
    "SHIFTS_LOTTERY": "shiftsLottery",
    "SHIFTS_ASSIGN": "shiftsAssign",
    "TARGET_WORK_ACCOUNT_CALCULATE": "targetWorkAccountCalculate",
    "ACTIVITY_EXCHANGE": "activityExchange",
    "LEVEL_COPY": "levelCopy",
    "LEVEL_DELETE": "levelDelete",
    "INSERT_SHIFT_SEQUENCES": "insertShiftSequences",
}


@strawberry.input(description="How to run the job.")
class JobSettingsInput:
    start_at: datetime | None = strawberry.field(
        default=None,
        description=(
            "Start no earlier than this time (with a timezone, e.g. `2026-01-31T08:00:00Z`); "
            "omit to start as soon as possible."
        ),
    )
    # Kept apart from the settings policies (admin defaults): what the setting means.
    overwrite: OverwritePolicy | None = strawberry.field(
        default=None,
        description=(
            "For jobs on a schedule level: may a later submission of the same type for the "
            "same level replace this job while it still waits? `PROTECT` (the default) "
            "refuses such a submission with `WaitingJobProtected`."
        ),
    )


@strawberry.input(description="A job to submit.")
class SubmitJobInput:
    params: JobParamsInput = strawberry.field(description="The job type and its parameters.")
    settings: JobSettingsInput | None = strawberry.field(
        default=None, description="How to run it (start now when omitted)."
    )
