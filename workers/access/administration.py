"""Administration of rights: defining, deleting and assigning roles, with its audit trail.

Every change here (and every token revocation and policy change elsewhere) writes an
:class:`workers.models.AdminEvent` through :func:`record_admin_event`, in the same
transaction: the trail says who changed what and when, and its newest id is the rights
version API processes watch (:func:`workers.access.rights.rights_version`). No change may leave
the installation without an active user who administers.
"""

from __future__ import annotations

from datetime import UTC, datetime

from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.exceptions import IntegrityError
from tortoise.transactions import in_transaction

from workers.access.models import AdminEvent, User
from workers.access.models import Role as RoleRow
from workers.access.rights import (
    BUILT_IN_ROLES,
    ROLE_NAME,
    RightsError,
    RoleDefinition,
    RoleInUseError,
    RoleRights,
    UnknownRoleError,
    administrator_role_names,
    check_selector,
    definition_of,
    describe,
    role_named,
)


async def record_admin_event(
    kind: str,
    subject: str,
    *,
    actor_id: int | None,
    message: str = "",
    connection: BaseDBAsyncClient | None = None,
) -> None:
    """Write an administration audit event (which also bumps the rights version)."""
    await AdminEvent.create(
        kind=kind, subject=subject[:200], actor_id=actor_id, message=message,
        at=datetime.now(UTC), using_db=connection,
    )


def check_role(name: str, description: str, rights: RoleRights) -> None:
    """Raises: RightsError naming the first unacceptable input."""
    if name in BUILT_IN_ROLES:
        raise RightsError(
            "name", f"{name!r} is a built-in role and cannot be changed; define a role with "
            "another name."
        )
    if not ROLE_NAME.match(name):
        raise RightsError(
            "name", "A role name is 1 to 64 lower-case letters, digits, '-' or '_', "
            f"starting with a letter (got {name!r})."
        )
    if len(description) > 500:
        raise RightsError("description", "Keep the description under 500 characters.")
    for key, selectors in (("seeJobTypes", rights.see_job_types),
                           ("submitJobTypes", rights.submit_job_types)):
        for selector in sorted(selectors):
            problem = check_selector(selector)
            if problem is not None:
                raise RightsError(key, problem)


async def define_role(
    name: str, *, description: str, rights: RoleRights, actor_id: int | None
) -> RoleDefinition:
    """Create a role, or replace the rights of a role defined before.

    Raises:
        RightsError: a built-in or malformed name, an unknown job type or area, or a change
            that would leave no active administrator.
    """
    check_role(name, description, rights)
    async with in_transaction() as conn:
        row = await RoleRow.filter(name=name).using_db(conn).first()
        was_administering = row is not None and RoleRights.from_json(row.rights).administer
        if was_administering and not rights.administer:
            await _keep_an_administrator(conn, losing_role=name)
        if row is None:
            try:
                row = await RoleRow.create(name=name, description=description,
                                           rights=rights.to_json(), using_db=conn)
            except IntegrityError as exc:
                raise RightsError("name", f"Role {name!r} was defined just now; try again.") \
                    from exc
        else:
            row.description = description
            row.rights = rights.to_json()
            await row.save(using_db=conn)
        await record_admin_event("ROLE_DEFINED", name, actor_id=actor_id, connection=conn,
                                 message=describe(rights))
    return definition_of(row)


async def delete_role(name: str, *, actor_id: int | None) -> None:
    """Delete a defined role that no user has.

    Raises:
        RightsError: it is built in; UnknownRoleError; RoleInUseError.
    """
    if name in BUILT_IN_ROLES:
        raise RightsError("name", f"{name!r} is a built-in role and cannot be deleted.")
    async with in_transaction() as conn:
        users = await User.filter(role=name).using_db(conn).count()
        if users:
            raise RoleInUseError(name, users)
        if await RoleRow.filter(name=name).using_db(conn).delete() != 1:
            raise UnknownRoleError(name)
        await record_admin_event("ROLE_DELETED", name, actor_id=actor_id, connection=conn)


async def assign_role(user: User, role_name: str, *, actor_id: int | None) -> User:
    """Give ``user`` the role ``role_name``; their rights change at once, everywhere.

    Raises:
        UnknownRoleError: no such role.
        RightsError: it would leave no active administrator.
    """
    if await role_named(role_name) is None:
        raise UnknownRoleError(role_name)
    async with in_transaction() as conn:
        administrators = await administrator_role_names()
        if user.role in administrators and role_name not in administrators:
            await _keep_an_administrator(conn, losing_user=user.id)
        await User.filter(id=user.id).using_db(conn).update(role=role_name)
        await record_admin_event("ROLE_ASSIGNED", user.username, actor_id=actor_id,
                                 connection=conn, message=f"{user.role} -> {role_name}")
    user.role = role_name
    return user


async def _keep_an_administrator(
    conn: BaseDBAsyncClient, *, losing_user: int | None = None, losing_role: str | None = None
) -> None:
    """Raises RightsError when the change would leave no active user who administers."""
    names = [n for n in await administrator_role_names() if n != losing_role]
    others = User.filter(is_active=True, role__in=names)
    if losing_user is not None:
        others = others.exclude(id=losing_user)
    if not await others.using_db(conn).exists():
        raise RightsError(
            "role", "This would leave no active administrator; make someone else an "
            "administrator first."
        )
