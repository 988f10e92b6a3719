"""Tortoise models of identity and rights: users, tokens, roles, policies, the admin trail."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tortoise import fields
from tortoise.models import Model

if TYPE_CHECKING:  # pragma: no cover - typing only
    pass


class User(Model):
    """Someone who submits and watches jobs. Identity only; rights derive from ``role``.

    ``role`` names a built-in role (:data:`workers.access.rights.BUILT_IN_ROLES`) or a :class:`Role`
    an administrator defined; a name that matches neither gives no rights at all.
    """

    id = fields.IntField(primary_key=True)
    username = fields.CharField(max_length=64, unique=True)
    name = fields.CharField(max_length=200, default="")
    role = fields.CharField(max_length=64, default="planner", db_index=True)
    is_active = fields.BooleanField(default=True)
    created_at = fields.DatetimeField(auto_now_add=True)

    tokens: fields.ReverseRelation[ApiToken]

    class Meta:
        table = "jp_user"


class ApiToken(Model):
    """An API token. Only its SHA-256 digest is stored; the token itself is shown once."""

    id = fields.IntField(primary_key=True)
    user: fields.ForeignKeyRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="tokens", on_delete=fields.CASCADE
    )
    digest = fields.CharField(max_length=64, unique=True)
    label = fields.CharField(max_length=100, default="")
    created_at = fields.DatetimeField(auto_now_add=True)
    revoked_at = fields.DatetimeField(null=True)

    class Meta:
        table = "jp_api_token"


class Role(Model):
    """A role an administrator defined; its rights as JSON (see :mod:`workers.access.rights`).

    The built-in roles live in code, not here, so that a release can extend them.
    """

    id = fields.IntField(primary_key=True)
    name = fields.CharField(max_length=64, unique=True)
    description = fields.TextField(default="")
    rights: dict = fields.JSONField(default=dict)
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "jp_role"


class AdminEvent(Model):
    """The audit trail of administration: roles defined and assigned, tokens revoked, policies.

    Its highest id is also the *rights version* every API process watches: a new row
    tells the processes to re-check the rights of their open subscriptions.
    """

    id = fields.IntField(primary_key=True)
    at = fields.DatetimeField()
    #: What was done, e.g. ``ROLE_ASSIGNED``, ``TOKENS_REVOKED``, ``POLICY_SET``.
    kind = fields.CharField(max_length=32)
    #: What it was about: a role name, a username or a job type.
    subject = fields.CharField(max_length=200)
    #: The administrator; ``None`` for the command line.
    actor_id = fields.IntField(null=True)
    message = fields.TextField(default="")

    class Meta:
        table = "jp_admin_event"


class JobTypePolicy(Model):
    """How jobs of one type start, as an administrator set it (see :mod:`workers.access.policies`).

    A job type without a row starts immediately and lets users choose their start time.
    """

    id = fields.IntField(primary_key=True)
    job_type = fields.CharField(max_length=64, unique=True)
    #: ``IMMEDIATELY``, ``DELAYED`` (by ``delay_minutes``) or ``DAILY_AT`` (``time_of_day``).
    start = fields.CharField(max_length=16, default="IMMEDIATELY")
    delay_minutes = fields.IntField(default=0)
    #: ``HH:MM`` in ``timezone``, for ``DAILY_AT``.
    time_of_day = fields.CharField(max_length=5, default="")
    timezone = fields.CharField(max_length=64, default="UTC")
    #: May users give their own ``settings.startAt`` when submitting?
    allow_override = fields.BooleanField(default=True)
    updated_at = fields.DatetimeField(auto_now=True)
    updated_by_id = fields.IntField(null=True)

    class Meta:
        table = "jp_job_type_policy"
