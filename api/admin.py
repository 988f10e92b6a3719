"""Administration over GraphQL: roles, role assignments, tokens and job type policies.

Only users whose role has ``administer`` may change anything here; everyone else gets
``NotAllowed``. Every change is written to the administration audit trail and takes effect
at once: HTTP requests read rights afresh, and open subscriptions re-check them within
``JOBPROCESSOR_RIGHTS_POLL_SECONDS`` (see :mod:`api.rights_watch`). The same operations
exist on the command line (``jobprocessor roles …``, ``users …``, ``policies …``).
"""

from __future__ import annotations

from typing import Annotated

import strawberry

from api import permissions
from api.auth import IsAuthenticated
from api.context import Info
from api.errors import NotAllowed, RoleInUse, RoleNotFound, UserNotFound, ValidationError
from api.ids import parse_id
from api.params import PARAMS_MEMBERS
from api.permissions import Viewer
from api.roles import Role, RoleInput
from api.types import JobTypeInfo, StartBehaviour
from api.users import User
from workers.access import administration, identity, policies, rights
from workers.access.models import User as UserModel
from workers.engine.errors import UnknownJobTypeError
from workers.engine.registry import get_job_type

ADMIN_ONLY = "Only administrators may do this; ask one (a user whose role administers)."


@strawberry.type(description="A role that was deleted.")
class DeletedRole:
    name: str = strawberry.field(description="The name it had.")


@strawberry.type(description="A user's tokens were revoked.")
class TokensRevoked:
    user: User = strawberry.field(description="Whose tokens.")
    revoked: int = strawberry.field(description="How many tokens stopped working now.")


@strawberry.input(description="How jobs of one type start, and whether users may choose.")
class JobTypePolicyInput:
    job_type: str = strawberry.field(description="The job type, e.g. `REPORT`.")
    start: StartBehaviour = strawberry.field(
        default=StartBehaviour.IMMEDIATELY,
        description="When its jobs start if their user does not say.",
    )
    delay_minutes: int = strawberry.field(
        default=0, description=f"For `DELAYED`: 1 to {policies.MAX_DELAY_MINUTES} minutes."
    )
    time_of_day: str | None = strawberry.field(
        default=None, description="For `DAILY_AT`: the time, `HH:MM`."
    )
    timezone: str = strawberry.field(
        default="UTC", description="For `DAILY_AT`: an IANA timezone, e.g. `Europe/Berlin`."
    )
    allow_override: bool = strawberry.field(
        default=True,
        description="Whether users may give their own `settings.startAt` when submitting.",
    )


DefineRoleResult = Annotated[
    Role | ValidationError | NotAllowed,
    strawberry.union("DefineRoleResult", description="The role as defined now, or why not."),
]
DeleteRoleResult = Annotated[
    DeletedRole | RoleNotFound | RoleInUse | ValidationError | NotAllowed,
    strawberry.union("DeleteRoleResult", description="The deleted role's name, or why not."),
]
AssignRoleResult = Annotated[
    User | UserNotFound | RoleNotFound | ValidationError | NotAllowed,
    strawberry.union("AssignRoleResult", description="The user with the new role, or why not."),
]
RevokeTokensResult = Annotated[
    TokensRevoked | UserNotFound | NotAllowed,
    strawberry.union("RevokeTokensResult", description="How many tokens, or why not."),
]
SetJobTypePolicyResult = Annotated[
    JobTypeInfo | ValidationError | NotAllowed,
    strawberry.union(
        "SetJobTypePolicyResult", description="The job type with its new policy, or why not."
    ),
]


def _refused() -> NotAllowed:
    return NotAllowed(job_id=None, message=ADMIN_ONLY)


def _invalid(exc: rights.RightsError | policies.PolicyError) -> ValidationError:
    return ValidationError(field=exc.field, message=exc.message)


async def _user(raw_id: strawberry.ID) -> UserModel | None:
    user_id = parse_id(raw_id)
    return await UserModel.get_or_none(id=user_id) if user_id is not None else None


def _no_user(raw_id: strawberry.ID) -> UserNotFound:
    return UserNotFound(id=raw_id, message=f"There is no user {raw_id!r}; see `users`.")


@strawberry.type(description="Roles (administrators see every role).")
class AdminQuery:
    @strawberry.field(
        description=(
            "The roles and what each allows: every role for administrators, your own role "
            "for everyone else."
        ),
        permission_classes=[IsAuthenticated],
    )
    async def roles(self, info: Info) -> list[Role]:
        viewer = info.context.viewer
        if permissions.can_administer(viewer):
            return [Role.from_definition(role) for role in await rights.list_roles()]
        return [Role.from_definition(viewer.role)] if viewer.role.name else []


@strawberry.type(description="Administration: roles, tokens, job type policies.")
class AdminMutation:
    @strawberry.mutation(
        description=(
            "Define a role, or change the rights of a role defined before (built-in roles "
            "are fixed). Its users' rights change at once."
        ),
        permission_classes=[IsAuthenticated],
    )
    async def define_role(
        self, info: Info,
        input: Annotated[RoleInput, strawberry.argument(description="The role.")],
    ) -> DefineRoleResult:
        viewer = info.context.viewer
        if not permissions.can_administer(viewer):
            return _refused()
        try:
            role = await administration.define_role(
                input.name.strip(), description=input.description.strip(),
                rights=input.to_rights(), actor_id=viewer.id,
            )
        except rights.RightsError as exc:
            return _invalid(exc)
        return Role.from_definition(role)

    @strawberry.mutation(
        description="Delete a role nobody has (built-in roles cannot be deleted).",
        permission_classes=[IsAuthenticated],
    )
    async def delete_role(
        self, info: Info,
        name: Annotated[str, strawberry.argument(description="The role's name.")],
    ) -> DeleteRoleResult:
        viewer = info.context.viewer
        if not permissions.can_administer(viewer):
            return _refused()
        try:
            await administration.delete_role(name, actor_id=viewer.id)
        except rights.UnknownRoleError as exc:
            return RoleNotFound(name=name, message=exc.message)
        except rights.RoleInUseError as exc:
            return RoleInUse(name=name, users=exc.users, message=exc.message)
        except rights.RightsError as exc:
            return _invalid(exc)
        return DeletedRole(name=name)

    @strawberry.mutation(
        description="Give a user a role; their rights change at once, on open connections too.",
        permission_classes=[IsAuthenticated],
    )
    async def assign_role(
        self, info: Info,
        user_id: Annotated[strawberry.ID, strawberry.argument(description="The user's id.")],
        role: Annotated[str, strawberry.argument(description="The role's name.")],
    ) -> AssignRoleResult:
        viewer = info.context.viewer
        if not permissions.can_administer(viewer):
            return _refused()
        user = await _user(user_id)
        if user is None:
            return _no_user(user_id)
        try:
            user = await administration.assign_role(user, role, actor_id=viewer.id)
        except rights.UnknownRoleError as exc:
            return RoleNotFound(name=role, message=exc.message)
        except rights.RightsError as exc:
            return _invalid(exc)
        return User.from_model(user)

    @strawberry.mutation(
        description=(
            "Revoke every API token of a user: requests with them are refused from now on "
            "and their open subscriptions end. `jobprocessor users token` issues a new one."
        ),
        permission_classes=[IsAuthenticated],
    )
    async def revoke_user_tokens(
        self, info: Info,
        user_id: Annotated[strawberry.ID, strawberry.argument(description="The user's id.")],
    ) -> RevokeTokensResult:
        viewer = info.context.viewer
        if not permissions.can_administer(viewer):
            return _refused()
        user = await _user(user_id)
        if user is None:
            return _no_user(user_id)
        count = await identity.revoke_tokens(user.username, actor_id=viewer.id)
        return TokensRevoked(user=User.from_model(user), revoked=count)

    @strawberry.mutation(
        description=(
            "Set how jobs of a type start by default and whether users may choose their own "
            "start time. Applies to jobs submitted from now on."
        ),
        permission_classes=[IsAuthenticated],
    )
    async def set_job_type_policy(
        self, info: Info,
        input: Annotated[JobTypePolicyInput, strawberry.argument(description="The policy.")],
    ) -> SetJobTypePolicyResult:
        viewer = info.context.viewer
        if not permissions.can_administer(viewer):
            return _refused()
        try:
            job_type = get_job_type(input.job_type)
            policy = await policies.set_policy(
                policies.StartPolicy(
                    job_type=input.job_type,
                    start=policies.StartBehaviour(input.start.name),
                    delay_minutes=input.delay_minutes,
                    time_of_day=policies.parse_time_of_day(input.time_of_day),
                    timezone=input.timezone.strip() or "UTC",
                    allow_override=input.allow_override,
                ),
                actor_id=viewer.id,
            )
        except UnknownJobTypeError as exc:
            return ValidationError(field="jobType", message=f"{exc} See `jobTypes`.")
        except policies.PolicyError as exc:
            return _invalid(exc)
        return _job_type_info(viewer, job_type.name, policy)


def _job_type_info(viewer: Viewer, name: str, policy: policies.StartPolicy) -> JobTypeInfo:
    return JobTypeInfo.from_job_type(
        get_job_type(name), PARAMS_MEMBERS.get(name, ""),
        viewer_can_submit=permissions.can_submit_job(viewer, name), policy=policy,
    )
