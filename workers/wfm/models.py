"""The workforce-management data the jobs work on.

Kept small on purpose: the scheduling domain (shifts, levels, demand) grows here.
"""

from __future__ import annotations

from tortoise import fields
from tortoise.models import Model


class Employee(Model):
    """A person who can be scheduled."""

    id = fields.IntField(primary_key=True)
    number = fields.CharField(max_length=20, unique=True)
    name = fields.CharField(max_length=200)
    team = fields.CharField(max_length=100, db_index=True)
    #: Skill names, e.g. ``["Phone", "Email"]``.
    skills: list = fields.JSONField(default=list)
    weekly_contract_hours = fields.FloatField()
    active = fields.BooleanField(default=True)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "wfm_employee"
