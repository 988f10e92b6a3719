"""Errors the API reports: typed results for expected failures, GraphQL errors for the rest.

Expected failures of mutations (a job that does not exist, a job in the wrong state,
invalid parameters) are members of each mutation's result union, named for the condition,
with a message a user understands. Failures of queries and subscriptions that the caller
caused (no token, a malformed cursor) are GraphQL errors with an ``extensions.code``.
Anything else is a bug: it is logged and masked (see :mod:`api.schema`).
"""

from __future__ import annotations

from typing import Any

import strawberry
from graphql import GraphQLError

from api.enums import JobStatus
from workers.access.policies import SettingsOverrideError
from workers.engine.errors import InvalidParamsError, JobStateError
from workers.engine.overwrite import WaitingJobProtectedError

# --------------------------------------------------------------------------- GraphQL errors


class UserFacingError(GraphQLError):
    """A GraphQL error the caller caused and can fix; shown as is, never masked."""

    code = "BAD_USER_INPUT"

    def __init__(self, message: str, **extensions: Any) -> None:
        super().__init__(message, extensions={"code": self.code, **extensions})


class BadUserInput(UserFacingError):
    """An argument is malformed or out of range; the message names it."""

    code = "BAD_USER_INPUT"


class Unauthenticated(UserFacingError):
    """No valid API token came with the request."""

    code = "UNAUTHENTICATED"


class JobGone(UserFacingError):
    """A subscription asked for a job that does not exist (or that the user may not see)."""

    code = "JOB_NOT_FOUND"


class SubscriberLagged(UserFacingError):
    """A subscriber fell so far behind that events were dropped for it."""

    code = "SUBSCRIBER_LAGGED"


class Forbidden(UserFacingError):
    """The caller's role does not allow this query (administration)."""

    code = "FORBIDDEN"


class RightsChanged(UserFacingError):
    """The subscriber's rights changed while the subscription ran: it ends."""

    code = "RIGHTS_CHANGED"


# --------------------------------------------------------------------------- typed results


@strawberry.type(description="No job has this id (it may have been deleted).")
class JobNotFound:
    id: strawberry.ID = strawberry.field(description="The id as it was given.")
    message: str = strawberry.field(description="What went wrong, for people.")

    @classmethod
    def for_id(cls, raw_id: str) -> JobNotFound:
        if raw_id.strip().isascii() and raw_id.strip().isdigit():
            message = f"Job {raw_id.strip()} does not exist (it may have been deleted)."
        else:
            message = f"There is no job {raw_id!r}: job ids are whole numbers such as 42."
        return cls(id=strawberry.ID(raw_id), message=message)


@strawberry.type(
    description=(
        "The id was given before in the same list: the job is acted on once, at its first "
        "position; this result points there."
    )
)
class DuplicateJobId:
    id: strawberry.ID = strawberry.field(description="The id as it was given.")
    duplicate_of: int = strawberry.field(
        description="The position (from 0) of the same job's first mention, whose result it has."
    )
    message: str = strawberry.field(description="What happened, for people.")

    @classmethod
    def of(cls, raw_id: str, first_position: int) -> DuplicateJobId:
        return cls(
            id=strawberry.ID(raw_id), duplicate_of=first_position,
            message=f"Job {raw_id.strip()} was given before: duplicate of position "
                    f"{first_position}, acted on once.",
        )


@strawberry.type(description="The job cannot be cancelled in its status (e.g. it finished).")
class JobNotCancellable:
    id: strawberry.ID = strawberry.field(description="The job's id.")
    status: JobStatus = strawberry.field(description="The job's status now.")
    message: str = strawberry.field(description="What went wrong, for people.")


@strawberry.type(
    description=(
        "With `onlyIfNotStarted: true`: the job has already started, so it was left running."
    )
)
class JobAlreadyStarted:
    id: strawberry.ID = strawberry.field(description="The job's id.")
    status: JobStatus = strawberry.field(description="The job's status now.")
    message: str = strawberry.field(description="What went wrong, for people.")


@strawberry.type(description="The job cannot be deleted while a worker holds it.")
class JobNotDeletable:
    id: strawberry.ID = strawberry.field(description="The job's id.")
    status: JobStatus = strawberry.field(description="The job's status now.")
    message: str = strawberry.field(description="What went wrong, for people.")


@strawberry.type(description="Your role does not allow this action on this job or job type.")
class NotAllowed:
    job_id: strawberry.ID | None = strawberry.field(
        description="The job's id, when the action was about an existing job."
    )
    message: str = strawberry.field(description="What was refused, for people.")


@strawberry.type(
    description=(
        "The job type's policy does not let users choose this setting (an administrator "
        "set it with `setJobTypePolicy`); submit without it."
    )
)
class SettingsOverrideNotAllowed:
    field: str = strawberry.field(description="The setting, e.g. `settings.startAt`.")
    job_type: str = strawberry.field(description="The job type whose policy refused it.")
    message: str = strawberry.field(description="What was refused and what to do, for people.")
    job_id: strawberry.ID | None = strawberry.field(
        default=None, description="For `resubmitJobs`: the id of the job being copied."
    )

    @classmethod
    def from_error(
        cls, exc: SettingsOverrideError, job_id: int | None = None
    ) -> SettingsOverrideNotAllowed:
        return cls(field=exc.field, job_type=exc.job_type, message=exc.message,
                   job_id=strawberry.ID(str(job_id)) if job_id is not None else None)


@strawberry.type(description="No role has this name.")
class RoleNotFound:
    name: str = strawberry.field(description="The name as it was given.")
    message: str = strawberry.field(description="What went wrong, for people.")


@strawberry.type(description="The role is still assigned to users, so it cannot be deleted.")
class RoleInUse:
    name: str = strawberry.field(description="The role's name.")
    users: int = strawberry.field(description="How many users have it.")
    message: str = strawberry.field(description="What went wrong, for people.")


@strawberry.type(description="No user has this id.")
class UserNotFound:
    id: strawberry.ID = strawberry.field(description="The id as it was given.")
    message: str = strawberry.field(description="What went wrong, for people.")


@strawberry.type(
    description=(
        "The submission would replace a job that waits for the same schedule level and is "
        "protected (`settings.overwrite: PROTECT`) or that you may not cancel. Cancel that "
        "job first (if you may), or submit again once it has started."
    )
)
class WaitingJobProtected:
    waiting_job_id: strawberry.ID | None = strawberry.field(
        description=(
            "The waiting job that may not be replaced (not `jobId`, which other results of "
            "the same mutation use for the job being copied); null when it is a job you may "
            "not see."
        )
    )
    message: str = strawberry.field(description="What was refused, for people.")

    @classmethod
    def from_error(cls, error: WaitingJobProtectedError) -> WaitingJobProtected:
        job_id = error.job_id
        return cls(waiting_job_id=strawberry.ID(str(job_id)) if job_id is not None else None,
                   message=str(error))


@strawberry.type(description="An input value is invalid; `field` names it.")
class ValidationError:
    field: str = strawberry.field(
        description=(
            "The offending input, as a dotted path into the mutation's input, e.g. "
            "`params.employeesMassUpdate.changes.weeklyContractHours` or `settings.startAt`."
        )
    )
    message: str = strawberry.field(description="What is wrong with it, for people.")
    job_id: strawberry.ID | None = strawberry.field(
        default=None,
        description="For bulk mutations: the id of the job whose stored input is invalid.",
    )

    @classmethod
    def from_invalid_params(
        cls, exc: InvalidParamsError, prefix: str = "", job_id: int | None = None
    ) -> ValidationError:
        """Name the field as the caller sees it: ``prefix`` + the engine's field path."""
        field = ".".join(part for part in (prefix, exc.field) if part)
        return cls(
            field=field,
            message=_readable(exc.message),
            job_id=strawberry.ID(str(job_id)) if job_id is not None else None,
        )


def state_error_fields(exc: JobStateError) -> dict[str, Any]:
    """The common fields of the wrong-state result types."""
    return {
        "id": strawberry.ID(str(exc.job_id)),
        "status": JobStatus.of(exc.status),
        "message": str(exc),
    }


def _readable(message: str) -> str:
    # pydantic prefixes custom validator messages with "Value error, ".
    return message.removeprefix("Value error, ")
