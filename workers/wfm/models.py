"""The people of the workforce-management data: employees, their skills and availability.

The rest of the scheduling domain lives beside this module, one module per concept:
:mod:`workers.wfm.activities` (activities, shift templates), :mod:`workers.wfm.planning`
(planning periods, schedule levels, demand), :mod:`workers.wfm.shifts` (shifts, shift
sequences, lottery awards) and :mod:`workers.wfm.accounts` (target work accounts).
"""

from __future__ import annotations

from typing import Any

from tortoise import fields
from tortoise.indexes import Index
from tortoise.models import Model

#: Every weekday in the ``available_weekdays`` bit mask (bit 0 = Monday … bit 6 = Sunday).
ALL_WEEKDAYS = 0b111_1111


class Skill(Model):
    """A skill an activity may require (``Employee.skills`` holds skill names)."""

    id = fields.IntField(primary_key=True)
    name = fields.CharField(max_length=50, unique=True)
    description = fields.CharField(max_length=200, default="")

    class Meta:
        table = "wfm_skill"


class Employee(Model):
    """A person who can be scheduled, with the rules every schedule must respect for them."""

    id = fields.IntField(primary_key=True)
    number = fields.CharField(max_length=20, unique=True)
    name = fields.CharField(max_length=200)
    team = fields.CharField(max_length=100, db_index=True)
    #: Skill names, e.g. ``["Phone", "Email"]``.
    skills: list = fields.JSONField(default=list)
    weekly_contract_hours = fields.FloatField()
    active = fields.BooleanField(default=True)
    updated_at = fields.DatetimeField(auto_now=True)
    #: Weekdays the employee can work, as a bit mask (bit 0 = Monday … bit 6 = Sunday).
    available_weekdays = fields.IntField(default=ALL_WEEKDAYS)
    #: Earliest shift start, in minutes after midnight.
    available_from_minute = fields.IntField(default=0)
    #: Latest shift end, in minutes after midnight (1440 = midnight).
    available_until_minute = fields.IntField(default=1440)
    #: Least rest between the end of one shift and the start of the next, in minutes.
    min_rest_minutes = fields.IntField(default=11 * 60)
    #: Most working days in a row.
    max_consecutive_days = fields.IntField(default=5)
    #: Balance of the target work account carried into planning (hours; negative = owed).
    time_account_hours = fields.FloatField(default=0.0)
    #: Further limits for the optimisation (all optional): ``minWeekHours``,
    #: ``maxTotalHours``, ``minTotalHours`` (over the days re-planned),
    #: ``minConsecutiveDays``, ``minConsecutiveDaysOff``, ``maxConsecutiveDaysOff``,
    #: ``maxWeekends``, ``maxPerTemplate`` (template code → shifts) and
    #: ``forbiddenSuccessions`` (``[[code before, code after], …]``).
    limits: dict = fields.JSONField(default=dict)

    absences: fields.ReverseRelation[Absence]

    class Meta:
        table = "wfm_employee"

    def works_on_weekday(self, weekday: int) -> bool:
        """True when ``weekday`` (0 = Monday) is one of the employee's available days."""
        return bool(self.available_weekdays & (1 << weekday))


class Absence(Model):
    """Days an employee cannot be scheduled (vacation, training, illness), both ends included."""

    id = fields.IntField(primary_key=True)
    employee: fields.ForeignKeyRelation[Employee] = fields.ForeignKeyField(
        "models.Employee", related_name="absences", on_delete=fields.CASCADE
    )
    start_date = fields.DateField()
    end_date = fields.DateField()
    reason = fields.CharField(max_length=100, default="")

    employee_id: int

    class Meta:
        table = "wfm_absence"
        indexes = (Index(fields=("employee_id", "start_date")),)


class ShiftRequest(Model):
    """An employee's wish to work (``on``) or not to work a day, or one template that day."""

    id = fields.IntField(primary_key=True)
    employee: fields.ForeignKeyRelation[Employee] = fields.ForeignKeyField(
        "models.Employee", related_name="shift_requests", on_delete=fields.CASCADE
    )
    date = fields.DateField()
    #: The template meant (none: any shift).
    template: fields.ForeignKeyNullableRelation[Any] = fields.ForeignKeyField(
        "models.ShiftTemplate", related_name="requests", null=True, on_delete=fields.CASCADE
    )
    on = fields.BooleanField()
    #: Points of score a schedule pays for not granting it.
    weight = fields.IntField(default=1)

    employee_id: int
    template_id: int | None

    class Meta:
        table = "wfm_shift_request"
        indexes = (Index(fields=("employee_id", "date")),)
