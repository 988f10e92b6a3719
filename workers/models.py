"""Tortoise models of the job engine: users and their tokens, jobs, their audit trail and files.

The WFM data the jobs work on lives in :mod:`workers.wfm.models`.
"""

from __future__ import annotations

from tortoise import fields
from tortoise.indexes import Index
from tortoise.models import Model

from workers.status import JobStatus


class User(Model):
    """Someone who submits and watches jobs. Identity only; rights derive from ``role``.

    ``role`` names a built-in role (:data:`workers.rights.BUILT_IN_ROLES`) or a :class:`Role`
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


class Job(Model):
    """One job. The row is the truth: broker messages carry only ``id``."""

    id = fields.IntField(primary_key=True)
    type = fields.CharField(max_length=64)
    feature = fields.CharField(max_length=200)
    params: dict = fields.JSONField(default=dict)
    settings: dict = fields.JSONField(default=dict)
    user: fields.ForeignKeyRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="jobs", on_delete=fields.RESTRICT
    )
    status = fields.CharEnumField(JobStatus, max_length=16, default=JobStatus.SUBMITTED)
    submitted_at = fields.DatetimeField()
    start_at = fields.DatetimeField(null=True)
    started_at = fields.DatetimeField(null=True)
    finished_at = fields.DatetimeField(null=True)
    progress = fields.FloatField(default=0.0)
    progress_message = fields.CharField(max_length=200, default="")
    result: dict | None = fields.JSONField(null=True)
    error = fields.TextField(null=True)
    resubmitted_from_id = fields.IntField(null=True)
    #: How many times a worker has claimed the job; every worker write is guarded by it.
    attempt = fields.IntField(default=0)
    lease_expires_at = fields.DatetimeField(null=True)
    worker = fields.CharField(max_length=100, null=True)
    #: When the job's message was last handed to the broker (the reconciler's clock).
    enqueued_at = fields.DatetimeField(null=True)
    #: What the job works on, e.g. ``level:42``: jobs of one scope never run at the same
    #: time (a partial unique index allows one RUNNING/CANCELLING job per scope).
    scope = fields.CharField(max_length=64, null=True)
    #: What the job is about, in people's words, made from its parameters at submission
    #: (``Base level · December 2026 · 60 s``; see ``JobType.describe``).
    subject = fields.CharField(max_length=300, default="")
    #: The records the job names, by kind and id (``{"level": 2, "planningPeriod": 1}``),
    #: for finding jobs by them (expression indexes per kind, see the migrations).
    refs: dict = fields.JSONField(default=dict)
    #: Lower-cased text searched by the overview's search (:mod:`workers.search`); a
    #: ``pg_trgm`` GIN index on PostgreSQL.
    search_text = fields.TextField(default="")

    user_id: int

    class Meta:
        table = "jp_job"
        indexes = (
            Index(fields=("status", "id")),
            Index(fields=("user_id", "id")),
            Index(fields=("type", "id")),
            Index(fields=("submitted_at", "id")),
            Index(fields=("started_at", "id")),
            Index(fields=("finished_at", "id")),
            Index(fields=("progress", "id")),
            Index(fields=("status", "lease_expires_at")),
            Index(fields=("scope", "status")),
        )


class JobEvent(Model):
    """The audit trail: every status change of a job, with its time and actor.

    ``job_id`` is a plain column, not a foreign key, and the job's type and owner are
    copied into each event, so that who deleted (or cancelled, or resubmitted) which job
    stays on record, and can be searched, after the job row is gone.
    """

    id = fields.IntField(primary_key=True)
    job_id = fields.IntField(db_index=True)
    at = fields.DatetimeField()
    #: What happened: ``SUBMITTED``, ``RUNNING``, …, or ``DELETED`` / ``CANCEL_REQUESTED``.
    kind = fields.CharField(max_length=32)  # also RESUBMITTED (on the original job)
    #: The user who caused it; ``None`` for the system (workers, reaper).
    actor_id = fields.IntField(null=True)
    message = fields.TextField(default="")
    #: The job's type and submitting user, as they were (``None`` on events of old releases).
    job_type = fields.CharField(max_length=64, null=True)
    job_owner_id = fields.IntField(null=True)

    class Meta:
        table = "jp_job_event"
        indexes = (
            Index(fields=("at", "id")),
            Index(fields=("actor_id", "at", "id")),
        )


class JobFile(Model):
    """A result file, stored in the database so every API process on every machine can serve it."""

    id = fields.IntField(primary_key=True)
    job: fields.ForeignKeyRelation[Job] = fields.ForeignKeyField(
        "models.Job", related_name="files", on_delete=fields.CASCADE
    )
    name = fields.CharField(max_length=200)
    content_type = fields.CharField(max_length=100)
    size = fields.IntField()
    content = fields.BinaryField()
    created_at = fields.DatetimeField(auto_now_add=True)

    job_id: int

    class Meta:
        table = "jp_job_file"
        unique_together = (("job", "name"),)


class JobSubmitter(Model):
    """Who has submitted jobs of which type: one row per (type, user), never per job.

    Written with each new job (a no-op after the first of its kind), it answers "whose
    jobs could this viewer see?" for the overview's user filter without scanning jobs.
    """

    id = fields.IntField(primary_key=True)
    type = fields.CharField(max_length=64)
    user_id = fields.IntField()

    class Meta:
        table = "jp_job_submitter"
        unique_together = (("type", "user_id"),)


class Role(Model):
    """A role an administrator defined; its rights as JSON (see :mod:`workers.rights`).

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
    """How jobs of one type start, as an administrator set it (see :mod:`workers.policies`).

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
