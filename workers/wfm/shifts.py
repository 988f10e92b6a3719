"""Shifts of a schedule level, repeating shift patterns, and who won which lottery draw."""

from __future__ import annotations

from tortoise import fields
from tortoise.indexes import Index
from tortoise.models import Model

from workers.wfm.activities import ShiftTemplate
from workers.wfm.models import Employee
from workers.wfm.planning import ScheduleLevel


class Shift(Model):
    """A shift on one day of a level: assigned to an employee, or open (no employee yet).

    ``segments`` say what happens when: ``[{"activity": 3, "start": 360, "end": 600},
    {"activity": null, "start": 600, "end": 630}, …]`` in minutes after midnight, a null
    activity being a break. They are part of the shift — read, copied and written with it —
    so copying a level is one bulk insert (see :mod:`workers.wfm.scheduling.segments`).
    """

    id = fields.IntField(primary_key=True)
    level: fields.ForeignKeyRelation[ScheduleLevel] = fields.ForeignKeyField(
        "models.ScheduleLevel", related_name="shifts", on_delete=fields.CASCADE
    )
    employee: fields.ForeignKeyNullableRelation[Employee] = fields.ForeignKeyField(
        "models.Employee", related_name="shifts", null=True, on_delete=fields.SET_NULL
    )
    date = fields.DateField()
    start_minute = fields.IntField()
    end_minute = fields.IntField()
    #: The template it was made from (none: drawn by hand).
    template: fields.ForeignKeyNullableRelation[ShiftTemplate] = fields.ForeignKeyField(
        "models.ShiftTemplate", related_name="shifts", null=True, on_delete=fields.SET_NULL
    )
    segments: list = fields.JSONField(default=list)
    #: Fixed by a planner: jobs that re-plan a level leave it as it is.
    locked = fields.BooleanField(default=False)
    #: The job that created it (none: demo data or a planner).
    created_by_job_id = fields.IntField(null=True)

    level_id: int
    employee_id: int | None
    template_id: int | None

    class Meta:
        table = "wfm_shift"
        indexes = (
            Index(fields=("level_id", "date")),
            Index(fields=("level_id", "employee_id", "date")),
        )


class ShiftSequence(Model):
    """A repeating shift pattern (rotation), e.g. five early shifts, two days off.

    ``pattern`` holds one entry per day: a shift template id, or null for a day off; it
    repeats from the start date it is inserted at.
    """

    id = fields.IntField(primary_key=True)
    name = fields.CharField(max_length=100, unique=True)
    description = fields.CharField(max_length=500, default="")
    pattern: list = fields.JSONField()

    class Meta:
        table = "wfm_shift_sequence"


class LotteryAward(Model):
    """One shift an employee got in a shift lottery: the tally that keeps draws fair over time."""

    id = fields.IntField(primary_key=True)
    employee: fields.ForeignKeyRelation[Employee] = fields.ForeignKeyField(
        "models.Employee", related_name="lottery_awards", on_delete=fields.CASCADE
    )
    #: ``UNPOPULAR`` or ``POPULAR``: fairness is counted per kind.
    kind = fields.CharField(max_length=16)
    level_id = fields.IntField()
    date = fields.DateField()
    template_id = fields.IntField(null=True)
    #: The lottery job, and the seed it drew with (so the draw can be reproduced).
    job_id = fields.IntField()
    seed = fields.BigIntField()
    awarded_at = fields.DatetimeField()

    employee_id: int

    class Meta:
        table = "wfm_lottery_award"
        indexes = (Index(fields=("kind", "employee_id")),)
