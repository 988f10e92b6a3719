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


class PeriodRules(Model):
    """How the optimisation weighs a planning period's rules (one row per period, optional).

    Without a row every rule is hard, shift requests are wishes of weight 1 per point, and
    each activity's cover costs 3 per staff-hour missing and 1 per hour too many.
    """

    id = fields.IntField(primary_key=True)
    period: fields.OneToOneRelation[PlanningPeriod] = fields.OneToOneField(
        "models.PlanningPeriod", related_name="rules", on_delete=fields.CASCADE
    )
    #: Rule (a :class:`workers.wfm.scheduling.problem.RuleKind` name, e.g. ``MAX_WEEKENDS``)
    #: → penalty per unit when soft (hours, days, weekends, shifts), ``null`` when hard.
    modes: dict = fields.JSONField(default=dict)
    #: Activity code → ``[under weight, over weight]`` per staff-hour.
    cover_weights: dict = fields.JSONField(default=dict)
    #: Plan at least each employee's contract hours for the days re-planned (the rule
    #: ``TOTAL_MIN_MINUTES``, hard or soft as ``modes`` says).
    plan_contract_hours = fields.BooleanField(default=False)

    period_id: int

    class Meta:
        table = "wfm_period_rules"
