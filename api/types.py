"""The job as GraphQL shows it, built from a :class:`workers.engine.records.JobRecord`.

Everything a job snapshot carries renders without a database read, so a subscription
turns each event into a ``Job`` for free. Fields that need more (the user's name, the
audit trail, the original of a resubmitted job) are loaded in batches, only when selected.
"""

from __future__ import annotations

from datetime import UTC, datetime
from enum import Enum
from typing import Any, cast

import strawberry
from strawberry.scalars import JSON

from api import links, permissions
from api.context import Info
from api.enums import JobStatus, OverwritePolicy
from api.users import User
from api.wfm.loading import load_levels, load_periods
from api.wfm.types import PlanningPeriod, ScheduleLevel
from workers.access import policies
from workers.engine import overwrite
from workers.engine.jobtypes import JobType
from workers.engine.records import JobRecord
from workers.engine.registry import JOB_TYPES
from workers.engine.status import CANCELLABLE_STATUSES, DELETABLE_STATUSES


def _first_sentence(text: str) -> str:
    """A headline for results of older releases: the summary up to its first full stop."""
    head, dot, _ = text.partition(". ")
    return head + ("." if dot else "")


@strawberry.type(description="How a job was asked to run.")
class JobSettings:
    start_at: datetime | None = strawberry.field(
        description="When the job was scheduled to start; null means as soon as possible."
    )
    overwrite: OverwritePolicy = strawberry.field(
        description=(
            "Whether a later submission of the same type for the same schedule level may "
            "replace the job while it waits."
        )
    )


@strawberry.type(description="A file a job produced, e.g. a report as CSV.")
class ResultFile:
    job_id: strawberry.Private[int]
    name: str = strawberry.field(description="The file name, e.g. `employees.csv`.")
    content_type: str = strawberry.field(description="Its media type, e.g. `text/csv`.")
    size: int = strawberry.field(description="Its size in bytes.")

    @strawberry.field(
        description=(
            "A link that downloads the file, signed for you and valid for a limited time "
            "(`JOBPROCESSOR_DOWNLOAD_LINK_SECONDS`, one hour by default). Ask again for a "
            "fresh link."
        )
    )
    def download_url(self, info: Info) -> str:
        context = info.context
        return links.signed_url(
            context.base_url,
            context.secret_key,
            job_id=self.job_id,
            name=self.name,
            user_id=context.viewer.id,
            lifetime_seconds=context.settings.download_link_seconds,
        )


@strawberry.type(description="One number a job achieved, e.g. coverage 71 % → 93 %.")
class ResultFigure:
    label: str = strawberry.field(description="What it counts, e.g. `Coverage`.")
    value: float = strawberry.field(description="Its value after the job.")
    unit: str = strawberry.field(description="Its unit, e.g. `%`, `h`; empty for counts.")
    before: float | None = strawberry.field(
        description="Its value before the job, for numbers the job changed; null otherwise."
    )


@strawberry.type(description="What a finished job reports.")
class JobResult:
    summary: str = strawberry.field(description="What the job did, in full, for people.")
    headline: str = strawberry.field(
        description=(
            "The same in a few words, for a list row: `coverage 71 % → 93 %`, `412 shifts "
            "generated`, `38 employees updated`."
        )
    )
    figures: list[ResultFigure] = strawberry.field(
        description="Its numbers, typed (each job type says which)."
    )
    data: JSON = strawberry.field(description="Numbers and details for programs (per job type).")
    files: list[ResultFile] = strawberry.field(description="Files to download, if any.")


@strawberry.type(description="One entry of a job's audit trail: a status change or an action.")
class JobAuditEvent:
    at: datetime = strawberry.field(description="When it happened.")
    kind: str = strawberry.field(
        description=(
            "What happened: a status (`SUBMITTED`, `RUNNING`, `CANCELLING`, `COMPLETED`, "
            "`FAILED`, `CANCELLED`), `RESUBMITTED` (a copy was submitted) or `DELETED`."
        )
    )
    message: str = strawberry.field(description="Details, e.g. the attempt and worker.")
    actor_id: strawberry.Private[int | None]

    @strawberry.field(
        description="Who caused it; null for the system (workers, reaper, cleanup)."
    )
    async def actor(self, info: Info) -> User | None:
        if self.actor_id is None:
            return None
        user = await info.context.loaders.users.load(self.actor_id)
        return User.from_model(user) if user is not None else None


@strawberry.type(description="A background job: what it is, who asked for it, how it is doing.")
class Job:
    record: strawberry.Private[JobRecord]
    id: strawberry.ID = strawberry.field(description="The job number, unique and increasing.")
    type: str = strawberry.field(description="The job type, e.g. `REPORT` (see `jobTypes`).")
    title: str = strawberry.field(
        description="The job type's name for people, e.g. `Shift generation`."
    )
    subject: str = strawberry.field(
        description=(
            "What the job is about, from its parameters as they were submitted, e.g. `Base "
            "level · December 2026 · 60 s` (empty for jobs of older releases)."
        )
    )
    feature: str = strawberry.field(
        description="The product feature it belongs to, e.g. `Monitoring > Reports`."
    )
    params: JSON = strawberry.field(
        description="Its parameters as validated and stored (camelCase keys, per job type)."
    )
    settings: JobSettings = strawberry.field(description="How it was asked to run.")
    user: User = strawberry.field(description="Who submitted it.")
    status: JobStatus = strawberry.field(description="Where it is in its life.")
    submitted_at: datetime = strawberry.field(description="When it was submitted.")
    start_at: datetime | None = strawberry.field(
        description="When it is scheduled to start, if later than submission."
    )
    started_at: datetime | None = strawberry.field(
        description="When a worker started its latest attempt."
    )
    finished_at: datetime | None = strawberry.field(
        description="When it completed, failed or was cancelled."
    )
    progress: float = strawberry.field(description="How far it is, from 0 to 1.")
    progress_message: str = strawberry.field(
        description="What it is doing now, e.g. `Read 200 of 1000 employees`."
    )
    result: JobResult | None = strawberry.field(description="Its result, once completed.")
    error: str | None = strawberry.field(description="Why it failed, if it did.")
    attempt: int = strawberry.field(
        description="How many times a worker has started it (more than 1 after a lost worker)."
    )
    version: int = strawberry.field(
        description=(
            "Increases with every change of the job, on every API process alike (it is "
            "stored with the job): of two states of one job, the higher version is the newer."
        )
    )
    scope: str | None = strawberry.field(
        description=(
            "What the job works on, e.g. `level:42` (schedule level 42): jobs of one scope "
            "run one after another. Null for jobs that may run beside any other."
        )
    )

    @classmethod
    def from_record(cls, record: JobRecord) -> Job:
        """Render a snapshot; no database access."""
        result = None
        if record.result is not None:
            summary = str(record.result.get("summary", ""))
            result = JobResult(
                summary=summary,
                headline=str(record.result.get("headline") or _first_sentence(summary)),
                figures=[ResultFigure(label=f["label"], value=f["value"], unit=f.get("unit", ""),
                                      before=f.get("before"))
                         for f in record.result.get("figures") or []],
                data=cast(JSON, record.result.get("data") or {}),
                files=[
                    ResultFile(job_id=record.id, name=f["name"],
                               content_type=f["contentType"], size=f["size"])
                    for f in record.files
                ],
            )
        start_at = record.settings.get("startAt")
        job_type = JOB_TYPES.get(record.type)
        return cls(
            record=record,
            id=strawberry.ID(str(record.id)),
            type=record.type,
            title=job_type.title if job_type is not None else record.type,
            subject=record.subject,
            feature=record.feature,
            params=cast(JSON, record.params),
            settings=JobSettings(
                start_at=datetime.fromisoformat(start_at) if start_at else None,
                overwrite=OverwritePolicy[overwrite.policy_of(record.settings).value],
            ),
            scope=record.scope,
            user=User.reference(record.user_id, record.username),
            status=JobStatus.of(record.status),
            submitted_at=record.submitted_at,
            start_at=record.start_at,
            started_at=record.started_at,
            finished_at=record.finished_at,
            progress=record.progress,
            progress_message=record.progress_message,
            result=result,
            error=record.error,
            attempt=record.attempt,
            version=record.version,
        )

    @strawberry.field(
        description=(
            "The schedule level the job works on, if it names one and it still exists (and "
            "you may read the scheduling data); `subject` names it either way."
        )
    )
    async def level(self, info: Info) -> ScheduleLevel | None:
        level_id = self.record.refs.get("level")
        if level_id is None or not permissions.can_view_schedules(info.context.viewer):
            return None
        return await info.context.loaders.named("levels", load_levels).load(level_id)

    @strawberry.field(
        description=(
            "The planning period the job works on, if it names one and it still exists (and "
            "you may read the scheduling data)."
        )
    )
    async def planning_period(self, info: Info) -> PlanningPeriod | None:
        period_id = self.record.refs.get("planningPeriod")
        if period_id is None or not permissions.can_view_schedules(info.context.viewer):
            return None
        return await info.context.loaders.named("periods", load_periods).load(period_id)

    @strawberry.field(
        description=(
            "The id of the job this one is a copy of, if it was resubmitted (kept after the "
            "original is deleted; null when the original is another user's job you may not "
            "see)."
        )
    )
    async def resubmitted_from_id(self, info: Info) -> strawberry.ID | None:
        original_id = self.record.resubmitted_from_id
        if original_id is None:
            return None
        viewer = info.context.viewer
        if not viewer.rights.see_others_jobs:
            original = await info.context.loaders.jobs.load(original_id)
            if original is not None and not permissions.can_view_job(viewer, original):
                return None
        return strawberry.ID(str(original_id))

    @strawberry.field(
        description=(
            "The job this one is a copy of, if it was resubmitted and still exists and you "
            "may see it (null otherwise; `resubmittedFromId` keeps the id)."
        )
    )
    async def resubmitted_from(self, info: Info) -> Job | None:
        if self.record.resubmitted_from_id is None:
            return None
        original = await info.context.loaders.jobs.load(self.record.resubmitted_from_id)
        if original is None or not permissions.can_view_job(info.context.viewer, original):
            return None
        return Job.from_record(original)

    @strawberry.field(
        description=(
            "Whether you may cancel this job now: your role allows it and the job is "
            "waiting or running (not yet cancelling)."
        )
    )
    def viewer_can_cancel(self, info: Info) -> bool:
        record = self.record
        return (
            record.status in CANCELLABLE_STATUSES
            and permissions.can_cancel_job(info.context.viewer, record)
        )

    @strawberry.field(
        description="Whether you may submit a copy of this job (your role allows it)."
    )
    def viewer_can_resubmit(self, info: Info) -> bool:
        return permissions.can_resubmit_job(info.context.viewer, self.record)

    @strawberry.field(
        description=(
            "Whether you may delete this job now: your role allows it and no worker holds "
            "the job (it is waiting or finished)."
        )
    )
    def viewer_can_delete(self, info: Info) -> bool:
        record = self.record
        return (
            record.status in DELETABLE_STATUSES
            and permissions.can_delete_job(info.context.viewer, record)
        )

    @strawberry.field(
        description="The audit trail, oldest first: every status change with time and actor."
    )
    async def events(self, info: Info) -> list[JobAuditEvent]:
        rows = await info.context.loaders.events.load(self.record.id)
        return [
            JobAuditEvent(at=e.at, kind=e.kind, message=e.message, actor_id=e.actor_id)
            for e in rows
        ]


@strawberry.enum(description="When a job starts if its user does not say.")
class StartBehaviour(Enum):
    IMMEDIATELY = strawberry.enum_value(
        "IMMEDIATELY", description="As soon as a worker is free."
    )
    DELAYED = strawberry.enum_value(
        "DELAYED", description="`delayMinutes` after it was submitted."
    )
    DAILY_AT = strawberry.enum_value(
        "DAILY_AT", description="At the next `timeOfDay` in `timezone` (e.g. overnight)."
    )


@strawberry.type(
    description=(
        "How jobs of a type start, as an administrator set it (`setJobTypePolicy`)."
    )
)
class JobTypePolicy:
    start: StartBehaviour = strawberry.field(
        description="When a job starts if its user gives no `settings.startAt`."
    )
    delay_minutes: int = strawberry.field(description="For `DELAYED`: minutes after submission.")
    time_of_day: str | None = strawberry.field(description="For `DAILY_AT`: `HH:MM`.")
    timezone: str = strawberry.field(description="For `DAILY_AT`: an IANA timezone name.")
    allow_override: bool = strawberry.field(
        description=(
            "Whether users may give their own `settings.startAt` when submitting; when "
            "false, a submission that does is refused with `SettingsOverrideNotAllowed`."
        )
    )
    next_default_start_at: datetime | None = strawberry.field(
        description="When a job submitted now would start by default; null means at once."
    )
    updated_at: datetime | None = strawberry.field(
        description="When an administrator last changed it; null for the built-in default."
    )

    @classmethod
    def from_policy(cls, policy: policies.StartPolicy) -> JobTypePolicy:
        return cls(
            start=StartBehaviour[policy.start.value],
            delay_minutes=policy.delay_minutes,
            time_of_day=f"{policy.time_of_day:%H:%M}" if policy.time_of_day else None,
            timezone=policy.timezone,
            allow_override=policy.allow_override,
            next_default_start_at=policy.default_start_at(datetime.now(UTC)),
            updated_at=policy.updated_at,
        )


@strawberry.type(description="A kind of job that can be submitted.")
class JobTypeInfo:
    type: str = strawberry.field(description="Its name, e.g. `REPORT`.")
    title: str = strawberry.field(description="Its name for people, e.g. `Shift generation`.")
    feature: str = strawberry.field(
        description="The product feature that starts it, e.g. `Monitoring > Reports`."
    )
    category: str = strawberry.field(
        description=(
            "The product area it belongs to (`scheduling`, `monitoring`, "
            "`administration`); roles grant rights per area (`category:<area>`) or per type."
        )
    )
    description: str = strawberry.field(description="What it does, in one sentence.")
    params_input: str = strawberry.field(
        description="The member of `JobParamsInput` that submits it, e.g. `report`."
    )
    viewer_can_submit: bool = strawberry.field(
        description="Whether your role lets you submit it (otherwise you may only see its jobs)."
    )
    policy: JobTypePolicy = strawberry.field(
        description="How its jobs start, and whether you may choose."
    )

    @classmethod
    def from_job_type(
        cls,
        job_type: JobType[Any],
        params_input: str,
        *,
        viewer_can_submit: bool,
        policy: policies.StartPolicy,
    ) -> JobTypeInfo:
        return cls(type=job_type.name, title=job_type.title, feature=job_type.feature,
                   category=job_type.category,
                   description=job_type.description, params_input=params_input,
                   viewer_can_submit=viewer_can_submit,
                   policy=JobTypePolicy.from_policy(policy))
