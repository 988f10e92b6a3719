"""Submit inputs of the scheduling job types: one per type, mirroring its pydantic parameters.

Ids arrive as GraphQL ``ID`` strings and are passed on as they are: the job type's model
turns them into numbers, or refuses them naming the field (``params.<member>.levelId``).
"""

from __future__ import annotations

from datetime import date
from typing import Any

import strawberry

from api.enums import LotteryKind


def present(values: dict[str, Any]) -> dict[str, Any]:
    """Leave out omitted values, so the model's defaults apply; dates as ISO text."""
    return {key: value.isoformat() if isinstance(value, date) else value
            for key, value in values.items() if value is not None}


LEVEL = "The schedule level to work on (see `planningPeriods`)."
START = "The first day to work on (the planning period's first by default)."
END = "The last day to work on, included (the period's last by default)."


@strawberry.input(description="Parameters of an `OPTIMIZATION` job "
                              "(Scheduling > SchedulePro > Optimization).")
class OptimizationParamsInput:
    level_id: strawberry.ID = strawberry.field(description=LEVEL)
    start_date: date | None = strawberry.field(default=None, description=START)
    end_date: date | None = strawberry.field(default=None, description=END)
    time_limit_seconds: int = strawberry.field(
        default=60, description="Most seconds to spend searching (1 to 3600).")
    teams: list[str] | None = strawberry.field(
        default=None, description="Re-plan only these teams' employees (everyone by default).")

    def to_params(self) -> dict[str, Any]:
        return present({"levelId": self.level_id, "startDate": self.start_date,
                        "endDate": self.end_date, "timeLimitSeconds": self.time_limit_seconds,
                        "teams": self.teams})


@strawberry.input(description="Parameters of a `SHIFTS_GENERATE` job "
                              "(... > Planning/Scheduling Periods > Shifts/Generate).")
class ShiftsGenerateParamsInput:
    level_id: strawberry.ID = strawberry.field(description=LEVEL)
    start_date: date | None = strawberry.field(default=None, description=START)
    end_date: date | None = strawberry.field(default=None, description=END)
    activity_ids: list[strawberry.ID] | None = strawberry.field(
        default=None, description="Only for these activities (all by default).")
    template_ids: list[strawberry.ID] | None = strawberry.field(
        default=None, description="Only from these shift templates (all by default).")
    replace_open_shifts: bool = strawberry.field(
        default=True, description="Remove the range's open shifts first, instead of adding "
                                  "to them.")

    def to_params(self) -> dict[str, Any]:
        return present({"levelId": self.level_id, "startDate": self.start_date,
                        "endDate": self.end_date, "activityIds": self.activity_ids,
                        "templateIds": self.template_ids,
                        "replaceOpenShifts": self.replace_open_shifts})


@strawberry.input(description="Parameters of a `SHIFTS_LOTTERY` job "
                              "(... > Planning/Scheduling Periods > Shifts/Lottery).")
class ShiftsLotteryParamsInput:
    level_id: strawberry.ID = strawberry.field(description=LEVEL)
    template_ids: list[strawberry.ID] = strawberry.field(
        description="Draw the open shifts of these templates.")
    start_date: date | None = strawberry.field(default=None, description=START)
    end_date: date | None = strawberry.field(default=None, description=END)
    kind: LotteryKind = strawberry.field(
        default=LotteryKind.UNPOPULAR, description="What is drawn; fairness counts per kind.")
    seed: int | None = strawberry.field(
        default=None, description="Draw with this seed to repeat a draw (a new one, shown in "
                                  "the result, by default).")
    teams: list[str] | None = strawberry.field(
        default=None, description="Only these teams take part (everyone by default).")

    def to_params(self) -> dict[str, Any]:
        return present({"levelId": self.level_id, "templateIds": self.template_ids,
                        "startDate": self.start_date, "endDate": self.end_date,
                        "kind": self.kind.value, "seed": self.seed, "teams": self.teams})


@strawberry.input(description="Parameters of a `SHIFTS_ASSIGN` job "
                              "(... > Planning/Scheduling Periods > Shifts/Assign).")
class ShiftsAssignParamsInput:
    level_id: strawberry.ID = strawberry.field(description=LEVEL)
    start_date: date | None = strawberry.field(default=None, description=START)
    end_date: date | None = strawberry.field(default=None, description=END)
    teams: list[str] | None = strawberry.field(
        default=None, description="Assign only to these teams' employees (everyone by default).")

    def to_params(self) -> dict[str, Any]:
        return present({"levelId": self.level_id, "startDate": self.start_date,
                        "endDate": self.end_date, "teams": self.teams})


@strawberry.input(description="Parameters of a `TARGET_WORK_ACCOUNT_CALCULATE` job "
                              "(... > Target Work Account/Calculate).")
class TargetWorkAccountCalculateParamsInput:
    level_id: strawberry.ID = strawberry.field(description=LEVEL)
    teams: list[str] | None = strawberry.field(
        default=None, description="Only these teams' employees (everyone by default).")

    def to_params(self) -> dict[str, Any]:
        return present({"levelId": self.level_id, "teams": self.teams})


@strawberry.input(description="Parameters of an `ACTIVITY_EXCHANGE` job "
                              "(... > Planning/Scheduling Periods > Activity/Exchange).")
class ActivityExchangeParamsInput:
    level_id: strawberry.ID = strawberry.field(description=LEVEL)
    from_activity_id: strawberry.ID = strawberry.field(description="The activity to replace.")
    to_activity_id: strawberry.ID = strawberry.field(description="The activity to put instead.")
    start_date: date | None = strawberry.field(default=None, description=START)
    end_date: date | None = strawberry.field(default=None, description=END)
    employee_ids: list[strawberry.ID] | None = strawberry.field(
        default=None, description="Only these employees' shifts (everyone's, and open "
                                  "shifts, by default).")
    only_qualified: bool = strawberry.field(
        default=True, description="Leave the shifts of employees without the new activity's "
                                  "skill unchanged.")

    def to_params(self) -> dict[str, Any]:
        return present({"levelId": self.level_id, "fromActivityId": self.from_activity_id,
                        "toActivityId": self.to_activity_id, "startDate": self.start_date,
                        "endDate": self.end_date, "employeeIds": self.employee_ids,
                        "onlyQualified": self.only_qualified})


@strawberry.input(description="Parameters of a `LEVEL_COPY` job (... > Level/Copy): give "
                              "`targetLevelId` or `newLevelName`.")
class LevelCopyParamsInput:
    source_level_id: strawberry.ID = strawberry.field(description="The level to copy.")
    target_level_id: strawberry.ID | None = strawberry.field(
        default=None, description="An existing level of the same period whose shifts are "
                                  "replaced by the copy.")
    new_level_name: str | None = strawberry.field(
        default=None, description="The name of a new level to copy into.")

    def to_params(self) -> dict[str, Any]:
        return present({"sourceLevelId": self.source_level_id,
                        "targetLevelId": self.target_level_id,
                        "newLevelName": self.new_level_name})


@strawberry.input(description="Parameters of a `LEVEL_DELETE` job (... > Level/Delete).")
class LevelDeleteParamsInput:
    level_id: strawberry.ID = strawberry.field(description="The level to delete.")

    def to_params(self) -> dict[str, Any]:
        return {"levelId": self.level_id}


@strawberry.input(description="Parameters of an `INSERT_SHIFT_SEQUENCES` job "
                              "(Scheduling > SchedulePro > Insert Shift Sequences).")
class InsertShiftSequencesParamsInput:
    level_id: strawberry.ID = strawberry.field(description=LEVEL)
    sequence_id: strawberry.ID = strawberry.field(description="The rotation to insert.")
    employee_ids: list[strawberry.ID] = strawberry.field(description="Whom to insert it for.")
    start_date: date = strawberry.field(description="The day the pattern's first day falls on.")
    end_date: date | None = strawberry.field(default=None, description=END)
    activity_id: strawberry.ID | None = strawberry.field(
        default=None, description="The shifts' activity (each employee's first skilled "
                                  "activity by default).")
    replace_existing: bool = strawberry.field(
        default=False, description="Replace unlocked shifts on the pattern's days (skip those "
                                   "days by default).")

    def to_params(self) -> dict[str, Any]:
        return present({"levelId": self.level_id, "sequenceId": self.sequence_id,
                        "employeeIds": self.employee_ids, "startDate": self.start_date,
                        "endDate": self.end_date, "activityId": self.activity_id,
                        "replaceExisting": self.replace_existing})
