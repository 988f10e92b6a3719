"""Planning periods, their schedule levels (versions of a schedule) and the demand to cover."""

from __future__ import annotations

from tortoise import fields
from tortoise.models import Model

from workers.wfm.activities import Activity

#: Demand and coverage are counted per 15-minute interval: 96 a day.
INTERVAL_MINUTES = 15
INTERVALS_PER_DAY = 24 * 60 // INTERVAL_MINUTES


class PlanningPeriod(Model):
    """The stretch of days a schedule is made for (both ends included), e.g. four weeks."""

    id = fields.IntField(primary_key=True)
    name = fields.CharField(max_length=100, unique=True)
    start_date = fields.DateField()
    end_date = fields.DateField()
    created_at = fields.DatetimeField(auto_now_add=True)

    levels: fields.ReverseRelation[ScheduleLevel]

    class Meta:
        table = "wfm_planning_period"


class ScheduleLevel(Model):
    """One version of a period's schedule (e.g. "Base", "Draft"), holding its shifts.

    Planners copy levels to try things out and delete the ones they no longer need; jobs
    that change a level never run at the same time (their job scope is the level).
    """

    id = fields.IntField(primary_key=True)
    period: fields.ForeignKeyRelation[PlanningPeriod] = fields.ForeignKeyField(
        "models.PlanningPeriod", related_name="levels", on_delete=fields.CASCADE
    )
    name = fields.CharField(max_length=100)
    description = fields.CharField(max_length=500, default="")
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)

    period_id: int

    class Meta:
        table = "wfm_schedule_level"
        unique_together = (("period", "name"),)


class Demand(Model):
    """How many people one activity needs on one day, per 15-minute interval.

    ``required`` holds :data:`INTERVALS_PER_DAY` whole numbers, the first for 00:00-00:15:
    a day's curve is read and written as one, so a period's demand is a few rows a day.
    """

    id = fields.IntField(primary_key=True)
    period: fields.ForeignKeyRelation[PlanningPeriod] = fields.ForeignKeyField(
        "models.PlanningPeriod", related_name="demand", on_delete=fields.CASCADE
    )
    activity: fields.ForeignKeyRelation[Activity] = fields.ForeignKeyField(
        "models.Activity", related_name="demand", on_delete=fields.CASCADE
    )
    date = fields.DateField()
    required: list = fields.JSONField()

    period_id: int
    activity_id: int

    class Meta:
        table = "wfm_demand"
        unique_together = (("period", "activity", "date"),)
