"""Changing jobs: submit, cancel, resubmit, delete.

Expected failures are results, not errors: each mutation returns a union of the job and
error types named for the condition; the bulk mutations return one result per id, in the
order given. Only :mod:`workers.engine.lifecycle` (through
:mod:`workers.access.submissions`) changes jobs.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import Annotated, TypeVar

import strawberry

from api import permissions
from api.auth import IsAuthenticated
from api.context import Info
from api.errors import (
    BadUserInput,
    DuplicateJobId,
    JobAlreadyStarted,
    JobNotCancellable,
    JobNotDeletable,
    JobNotFound,
    NotAllowed,
    SettingsOverrideNotAllowed,
    ValidationError,
    WaitingJobProtected,
    state_error_fields,
)
from api.ids import parse_id
from api.params import SubmitJobInput, chosen
from api.permissions import Viewer
from api.types import Job
from workers.access import submissions
from workers.access.policies import SettingsOverrideError
from workers.engine import lifecycle
from workers.engine.errors import (
    InvalidParamsError,
    JobNotFoundError,
    JobStateError,
    UnknownJobTypeError,
)
from workers.engine.models import Job as JobModel
from workers.engine.overwrite import OverwritePolicy, WaitingJobProtectedError
from workers.engine.records import JobRecord

#: Most ids one bulk mutation accepts.
MAX_BULK_IDS = 500
IDS_DESCRIPTION = (
    f"The jobs' ids (at most {MAX_BULK_IDS}); one result per id, in this order. An id given "
    "twice acts once: its later mentions answer `DuplicateJobId`."
)
JobIds = Annotated[list[strawberry.ID], strawberry.argument(description=IDS_DESCRIPTION)]

SubmitJobResult = Annotated[
    Job | ValidationError | SettingsOverrideNotAllowed | WaitingJobProtected | NotAllowed,
    strawberry.union("SubmitJobResult", description="The new job, or why it was refused."),
]
CancelJobResult = Annotated[
    Job | JobNotFound | JobNotCancellable | JobAlreadyStarted | NotAllowed | DuplicateJobId,
    strawberry.union("CancelJobResult", description="The job as it is now, or why not."),
]
ResubmitJobResult = Annotated[
    Job | JobNotFound | ValidationError | SettingsOverrideNotAllowed | WaitingJobProtected
    | NotAllowed | DuplicateJobId,
    strawberry.union("ResubmitJobResult", description="The new copy, or why not."),
]


@strawberry.type(description="A job that was deleted.")
class DeletedJob:
    id: strawberry.ID = strawberry.field(description="The id the job had.")


DeleteJobResult = Annotated[
    DeletedJob | JobNotFound | JobNotDeletable | NotAllowed | DuplicateJobId,
    strawberry.union("DeleteJobResult", description="The deleted job's id, or why not."),
]


async def _visible_jobs(user: Viewer, raw_ids: list[strawberry.ID]) -> dict[str, JobRecord]:
    """The jobs among ``raw_ids`` that exist and ``user`` may see, by raw id (one query).

    A job the user may not see is left out, so it is answered like a job that does not
    exist (``JobNotFound``): ids cannot be probed. A job they see but may not act on gets
    ``NotAllowed``.
    """
    if len(raw_ids) > MAX_BULK_IDS:
        raise BadUserInput(f"ids: give at most {MAX_BULK_IDS} ids at once (got {len(raw_ids)}).")
    parsed = {str(raw): parse_id(raw) for raw in raw_ids}
    wanted = {raw: job_id for raw, job_id in parsed.items() if job_id is not None}
    rows = await JobModel.filter(id__in=set(wanted.values())).select_related("user")
    records = {job.id: JobRecord.from_model(job, job.user.username) for job in rows}
    return {
        raw: records[job_id]
        for raw, job_id in wanted.items()
        if job_id in records and permissions.can_view_job(user, records[job_id])
    }


def _not_allowed(action: str, job: JobRecord) -> NotAllowed:
    return NotAllowed(
        job_id=strawberry.ID(str(job.id)), message=f"You may not {action} job {job.id}."
    )


R = TypeVar("R")


async def for_each_job(
    user: Viewer,
    raw_ids: list[strawberry.ID],
    action: str,
    allowed: Callable[[Viewer, JobRecord], bool],
    act: Callable[[JobRecord], Awaitable[R]],
    *,
    together: bool = False,
) -> list[R | JobNotFound | NotAllowed | DuplicateJobId]:
    """One result per id, in order, for a bulk mutation.

    ``JobNotFound`` for ids that do not exist or that ``user`` may not see (so ids cannot
    be probed), ``NotAllowed`` where the role forbids ``action``, otherwise what ``act``
    returns for the job (it turns the action's expected failures into result types). A job
    deleted meanwhile is ``JobNotFound`` too. The ids are a set: a job named again (``7``
    after ``07``) is acted on once and its later mentions answer ``DuplicateJobId``.

    ``together``: act on the jobs concurrently, so that their writes share statements
    (500 resubmissions are stored by the inserter in a few statements, their messages
    sent in a few batches); jobs of one scope are still acted on one after another, in
    the order named, as each may replace the one before.
    """
    jobs = await _visible_jobs(user, raw_ids)
    results: list[R | JobNotFound | NotAllowed | DuplicateJobId | None] = []
    first_seen: dict[object, int] = {}
    to_act: dict[object, list[tuple[int, JobRecord]]] = {}
    for position, raw in enumerate(raw_ids):
        key: object = parse_id(raw)
        key = key if key is not None else str(raw)
        if key in first_seen:
            results.append(DuplicateJobId.of(str(raw), first_seen[key]))
            continue
        first_seen[key] = position
        job = jobs.get(str(raw))
        if job is None:
            results.append(JobNotFound.for_id(raw))
        elif not allowed(user, job):
            results.append(_not_allowed(action, job))
        else:
            results.append(None)
            lane = job.scope if together and job.scope is not None else position
            to_act.setdefault(lane if together else 0, []).append((position, job))

    async def act_in_turn(lane: list[tuple[int, JobRecord]]) -> None:
        for position, job in lane:
            try:
                results[position] = await act(job)
            except JobNotFoundError:
                results[position] = JobNotFound.for_id(raw_ids[position])

    await asyncio.gather(*(act_in_turn(lane) for lane in to_act.values()))
    return [result for result in results if result is not None]


def canceller(
    user: Viewer, *, only_if_not_started: bool
) -> Callable[[JobRecord], Awaitable[CancelJobResult]]:
    """Cancels one job for ``user``, its expected refusals as results."""

    async def cancel(job: JobRecord) -> CancelJobResult:
        try:
            record = await lifecycle.cancel(
                job.id, user.id, only_if_not_started=only_if_not_started
            )
        except JobStateError as exc:
            if only_if_not_started and exc.action == "withdrawn":
                return JobAlreadyStarted(**state_error_fields(exc))
            return JobNotCancellable(**state_error_fields(exc))
        return Job.from_record(record)

    return cancel


def resubmitter(user: Viewer) -> Callable[[JobRecord], Awaitable[ResubmitJobResult]]:
    """Submits a copy of one job for ``user``, its expected refusals as results."""

    async def resubmit(job: JobRecord) -> ResubmitJobResult:
        try:
            record = await submissions.resubmit(
                job.id, user_id=user.id, replace_rights=permissions.ReplaceRightsOf(user)
            )
        except InvalidParamsError as exc:
            return ValidationError.from_invalid_params(exc, "params", job.id)
        except SettingsOverrideError as exc:
            return SettingsOverrideNotAllowed.from_error(exc, job.id)
        except WaitingJobProtectedError as exc:
            return WaitingJobProtected.from_error(exc)
        except UnknownJobTypeError as exc:
            return ValidationError(
                field="type", job_id=strawberry.ID(str(job.id)),
                message=f"{exc} It can no longer be run; submit another job type.",
            )
        return Job.from_record(record)

    return resubmit


def may_resubmit(viewer: Viewer, job: JobRecord) -> bool:
    """The role may resubmit the job and submit jobs of its type."""
    return permissions.can_resubmit_job(viewer, job) and permissions.can_submit_job(
        viewer, job.type
    )


def deleter(user: Viewer) -> Callable[[JobRecord], Awaitable[DeleteJobResult]]:
    """Deletes one job for ``user``, its expected refusal as a result."""

    async def delete(job: JobRecord) -> DeleteJobResult:
        try:
            await lifecycle.delete(job.id, user.id)
        except JobStateError as exc:
            return JobNotDeletable(**state_error_fields(exc))
        return DeletedJob(id=strawberry.ID(str(job.id)))

    return delete



@strawberry.type(description="Submit, cancel, resubmit and delete jobs.")
class Mutation:
    @strawberry.mutation(
        description=(
            "Submit a job: choose the job type by giving one member of `params`. "
            "Invalid parameters come back as a `ValidationError` naming the field."
        ),
        permission_classes=[IsAuthenticated],
    )
    async def submit_job(
        self,
        info: Info,
        input: Annotated[
            SubmitJobInput, strawberry.argument(description="The job type, parameters, settings.")
        ],
    ) -> SubmitJobResult:
        user = info.context.viewer
        member, type_name, raw_params = chosen(input.params)
        if not permissions.can_submit_job(user, type_name):
            return NotAllowed(job_id=None, message=f"You may not submit {type_name} jobs.")
        settings = input.settings
        start_at = settings.start_at if settings is not None else None
        policy = settings.overwrite if settings is not None else None
        try:
            record = await submissions.submit(
                type_name, raw_params, user_id=user.id, start_at=start_at,
                overwrite_policy=OverwritePolicy(policy.name) if policy else None,
                replace_rights=permissions.ReplaceRightsOf(user),
            )
        except InvalidParamsError as exc:
            prefix = "" if exc.field.startswith("settings.") else f"params.{member}"
            return ValidationError.from_invalid_params(exc, prefix)
        except SettingsOverrideError as exc:
            return SettingsOverrideNotAllowed.from_error(exc)
        except WaitingJobProtectedError as exc:
            return WaitingJobProtected.from_error(exc)
        return Job.from_record(record)

    @strawberry.mutation(
        description=(
            "Cancel jobs: a waiting job is cancelled at once; a running one becomes "
            "CANCELLING and stops at its next checkpoint. With `onlyIfNotStarted: true`, "
            "only jobs that have not started are withdrawn (the others: `JobAlreadyStarted`). "
            "One result per id, in order."
        ),
        permission_classes=[IsAuthenticated],
    )
    async def cancel_jobs(
        self,
        info: Info,
        ids: JobIds,
        only_if_not_started: Annotated[
            bool,
            strawberry.argument(
                description="Only withdraw jobs that have not started; leave running ones be."
            ),
        ] = False,
    ) -> list[CancelJobResult]:
        user = info.context.viewer
        cancel = canceller(user, only_if_not_started=only_if_not_started)
        return await for_each_job(user, ids, "cancel", permissions.can_cancel_job, cancel)

    @strawberry.mutation(
        description=(
            "Submit copies of jobs: each new job has the original's type, parameters and "
            "settings and links to it (`resubmittedFrom`). One result per id, in order."
        ),
        permission_classes=[IsAuthenticated],
    )
    async def resubmit_jobs(
        self, info: Info, ids: JobIds
    ) -> list[ResubmitJobResult]:
        user = info.context.viewer
        resubmit = resubmitter(user)
        return await for_each_job(user, ids, "resubmit", may_resubmit, resubmit,
                                  together=True)

    @strawberry.mutation(
        description=(
            "Delete jobs with their result files (refused while a job is running or "
            "cancelling: cancel it and wait). One result per id, in order."
        ),
        permission_classes=[IsAuthenticated],
    )
    async def delete_jobs(
        self, info: Info, ids: JobIds
    ) -> list[DeleteJobResult]:
        user = info.context.viewer
        delete = deleter(user)
        return await for_each_job(user, ids, "delete", permissions.can_delete_job, delete)
