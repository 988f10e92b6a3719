"""Tortoise models of the job engine: jobs, their audit trail, files and submitters.

A job belongs to a user: ``Job.user`` refers to ``models.User``, which the access package
(:mod:`workers.access.models`) defines. The engine refers to it by name only and reads no
more of it than the username it shows with each job.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tortoise import fields
from tortoise.indexes import Index
from tortoise.models import Model

from workers.engine.status import JobStatus

if TYPE_CHECKING:  # pragma: no cover - typing only

    class User(Model):
        """What the engine reads of ``models.User`` (defined by the access package)."""

        id: int
        username: str


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
    #: Lower-cased text searched by the overview's search (:mod:`workers.engine.search`); a
    #: ``pg_trgm`` GIN index on PostgreSQL.
    search_text = fields.TextField(default="")
    #: Increases by one with every write of the row (:mod:`workers.engine.store`), in the
    #: same statement; events carry it, so a subscriber can drop a state older than its own.
    version = fields.BigIntField(default=1)

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


class Pause(Model):
    """A paused queue or job type (see :mod:`workers.engine.pausing`): its jobs stay
    ``SUBMITTED`` until an administrator resumes it."""

    id = fields.IntField(primary_key=True)
    #: ``queue`` or ``job_type``.
    kind = fields.CharField(max_length=16)
    #: The queue's or job type's name.
    name = fields.CharField(max_length=64)
    paused_at = fields.DatetimeField()
    #: Who paused it; ``None`` for the command line.
    actor_id = fields.IntField(null=True)

    class Meta:
        table = "jp_pause"
        unique_together = (("kind", "name"),)
