"""What people do in a shift (activities) and the shapes shifts come in (shift templates)."""

from __future__ import annotations

from tortoise import fields
from tortoise.models import Model

from workers.wfm.models import Skill


class Activity(Model):
    """Work that demand is forecast for and shifts are planned for, e.g. answering phones."""

    id = fields.IntField(primary_key=True)
    code = fields.CharField(max_length=20, unique=True)
    name = fields.CharField(max_length=100)
    #: The skill an employee needs for this activity (none: anyone may do it).
    required_skill: fields.ForeignKeyNullableRelation[Skill] = fields.ForeignKeyField(
        "models.Skill", related_name="activities", null=True, on_delete=fields.RESTRICT
    )
    #: Colour in charts and schedule views, e.g. ``#1f77b4``.
    color = fields.CharField(max_length=7, default="#1f77b4")

    required_skill_id: int | None

    class Meta:
        table = "wfm_activity"


class ShiftTemplate(Model):
    """A shift's shape: start, end and break, in minutes after midnight (15-minute steps).

    Shifts end by midnight (``end_minute`` ≤ 1440), so each belongs to one day.
    """

    id = fields.IntField(primary_key=True)
    code = fields.CharField(max_length=20, unique=True)
    name = fields.CharField(max_length=100)
    start_minute = fields.IntField()
    end_minute = fields.IntField()
    #: When the break starts (none: no break).
    break_start_minute = fields.IntField(null=True)
    break_minutes = fields.IntField(default=0)

    class Meta:
        table = "wfm_shift_template"

    @property
    def work_minutes(self) -> int:
        """Paid working time: the shift's length less its break."""
        return self.end_minute - self.start_minute - self.break_minutes
