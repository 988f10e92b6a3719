"""Target work accounts: contract hours owed against hours planned, per employee and level."""

from __future__ import annotations

from tortoise import fields
from tortoise.models import Model

from workers.wfm.models import Employee
from workers.wfm.planning import ScheduleLevel


class TargetWorkAccount(Model):
    """An employee's account for one schedule level, as last calculated.

    ``balance_hours`` = opening balance + planned - target; ``weeks`` holds the running
    balance week by week: ``[{"weekStart": "2027-01-04", "targetHours": 40.0,
    "plannedHours": 32.0, "balanceHours": -8.0}, …]``.
    """

    id = fields.IntField(primary_key=True)
    employee: fields.ForeignKeyRelation[Employee] = fields.ForeignKeyField(
        "models.Employee", related_name="work_accounts", on_delete=fields.CASCADE
    )
    level: fields.ForeignKeyRelation[ScheduleLevel] = fields.ForeignKeyField(
        "models.ScheduleLevel", related_name="work_accounts", on_delete=fields.CASCADE
    )
    opening_hours = fields.FloatField()
    target_hours = fields.FloatField()
    planned_hours = fields.FloatField()
    balance_hours = fields.FloatField()
    weeks: list = fields.JSONField(default=list)
    calculated_at = fields.DatetimeField()
    #: The job that calculated it.
    job_id = fields.IntField(null=True)

    employee_id: int
    level_id: int

    class Meta:
        table = "wfm_target_work_account"
        unique_together = (("employee", "level"),)
